import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { slugify } from '../../core/vn-text.js';
import { toCsv, type Column } from '../../format/csv.js';

/** Sets Content-Disposition so browsers save the body as `<name>.<ext>` (ASCII, from any id). */
export function attachment(res: Response, name: string, ext: string): void {
  const safe = slugify(name.replace(/[/#]/g, ' ')) || 'export';
  res.setHeader('Content-Disposition', `attachment; filename="${safe}.${ext}"`);
}

/**
 * A list endpoint's answer: the JSON body as is, or its rows as CSV (one row per item,
 * nested lists joined with "; ") downloaded as `<name>.csv`.
 */
export function sendList<T, B>(
  res: Response,
  format: 'json' | 'csv',
  opts: { json: B; rows: readonly T[]; columns: readonly Column<T>[]; name: string },
): void {
  if (format === 'json') {
    res.json(opts.json);
    return;
  }
  attachment(res, opts.name, 'csv');
  res.type('text/csv; charset=utf-8').send(toCsv(opts.rows, opts.columns));
}

/**
 * A JSON body serialised once, with its entity tag, to be sent as often as it is asked for. `T` is
 * what was serialised (a type only: it lets an endpoint check the kept bytes against its schema).
 */
export interface SerialisedJson<T = unknown> {
  body: Buffer;
  etag: string;
  readonly of?: T;
}

export function serialiseJson<T>(value: T): SerialisedJson<T> {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
}

/**
 * Sends a kept body as is. With its tag set, Express neither hashes the body again (a 0.8 MB
 * lineage answer: a millisecond or two of the event loop each time) nor, for a client sending
 * that tag back, sends it at all (304).
 */
export function sendSerialisedJson(res: Response, s: SerialisedJson<unknown>): void {
  res.setHeader('ETag', s.etag);
  res.type('application/json; charset=utf-8').send(s.body);
}
