import type { z } from 'zod';
import { HttpError } from '../errors.js';

/** Parses request input; a failure is a 400 whose message says which parameter is wrong and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'query'): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new HttpError(400, `invalid ${where}: ${summary}`, undefined, { body: { issues } });
}

/**
 * `limit` and `offset` have defaults, so the parsed query cannot tell whether they were sent; with
 * `id` (one member of a collection) they mean nothing, and saying so beats ignoring them.
 */
export function rejectPagingWithId(rawQuery: Record<string, unknown>, what: string): void {
  for (const k of ['limit', 'offset']) {
    if (k in rawQuery) {
      const message = `${k} cannot be combined with id (id asks for one ${what})`;
      throw new HttpError(400, `invalid query: ${k}: ${message}`, undefined, { body: { issues: [{ path: k, message }] } });
    }
  }
}
