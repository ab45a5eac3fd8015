import type { Response } from 'express';
import { slugify } from '../../core/vn-text.js';
import { toCsv, type Column } from '../format/csv.js';

/** Sets Content-Disposition so browsers save the body as `<name>.<ext>` (ASCII, from any id). */
export function attachment(res: Response, name: string, ext: string): void {
  const safe = slugify(name.replace(/[/#]/g, ' ')) || 'export';
  res.setHeader('Content-Disposition', `attachment; filename="${safe}.${ext}"`);
}

/**
 * A list endpoint's answer: the JSON body as is, or its rows as CSV (one row per item,
 * nested lists joined with "; ") downloaded as `<name>.csv`.
 */
export function sendList<T>(
  res: Response,
  format: 'json' | 'csv',
  opts: { json: unknown; rows: readonly T[]; columns: readonly Column<T>[]; name: string },
): void {
  if (format === 'json') {
    res.json(opts.json);
    return;
  }
  attachment(res, opts.name, 'csv');
  res.type('text/csv; charset=utf-8').send(toCsv(opts.rows, opts.columns));
}
