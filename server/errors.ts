import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { logger } from '../core/logger.js';

/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/** True when Neo4j could not be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.General.DatabaseUnavailable'));
}

/** Clients get a status and a message; stack traces only ever go to the log. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof ZodError) {
    res.status(400).json({ error: 'invalid request', issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message, ...(err.details ? { details: err.details } : {}) });
    return;
  }
  if ((err as { type?: string }).type === 'entity.too.large') {
    res.status(413).json({ error: 'request body too large' });
    return;
  }
  if ((err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({ error: 'malformed JSON body' });
    return;
  }
  if (isDatabaseUnavailable(err)) {
    res.setHeader('Retry-After', '5');
    res.status(503).json({ error: 'the database is unreachable; try again shortly' });
    return;
  }
  logger.error({ err, path: req.path }, 'unhandled error');
  res.status(500).json({ error: 'internal error' });
};
