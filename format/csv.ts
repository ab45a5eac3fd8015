import { stringify } from 'csv-stringify/sync';

/** One CSV column: its header and how to read it from a row. */
export type Column<T> = readonly [header: string, get: (row: T) => unknown];

function cell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return neutralised(v.map(cell).join('; '));
  if (typeof v === 'object') return neutralised(JSON.stringify(v));
  return typeof v === 'string' ? neutralised(v) : (v as number | boolean);
}

/**
 * Text from uploaded documents starting with =, +, -, @ (or a tab or carriage return) would run
 * as a formula in a spreadsheet; a leading apostrophe keeps it text (OWASP's advice for CSV).
 */
function neutralised(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180 CSV with a header row; the BOM makes spreadsheet programs read it as UTF-8 (Vietnamese marks). */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return stringify(
    rows.map((r) => columns.map(([, get]) => cell(get(r)))),
    { header: true, columns: columns.map(([h]) => h), bom: true, record_delimiter: 'windows' },
  );
}
