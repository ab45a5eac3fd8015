import { stringify } from 'csv-stringify/sync';

/** One CSV column: its header and how to read it from a row. */
export type Column<T> = readonly [header: string, get: (row: T) => unknown];

function cell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cell).join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  return v as string | number | boolean;
}

/** RFC 4180 CSV with a header row; the BOM makes spreadsheet programs read it as UTF-8 (Vietnamese marks). */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return stringify(
    rows.map((r) => columns.map(([, get]) => cell(get(r)))),
    { header: true, columns: columns.map(([h]) => h), bom: true, record_delimiter: 'windows' },
  );
}
