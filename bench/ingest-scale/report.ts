/** Printing for bench/ingest-scale.ts: Markdown tables (pasted as is into bench/README.md). */

export const log = (s = '') => console.log(s);
export const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');

export function markdownTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface RateRow {
  stage: string;
  measured: number | null;
  unit: string;
  ceiling: number | null;
  /** What the measured figure covers / what the ceiling is. */
  detail: string;
  /** Cores busy with other work during the measurement. */
  otherCores: number | null;
}

export function rateTable(rows: RateRow[]): string {
  return markdownTable(
    ['stage', 'measured', 'ceiling', 'ratio', 'other work (cores)', 'what'],
    rows.map((r) => [
      r.stage,
      r.measured === null ? '–' : `${f(r.measured, r.measured < 10 ? 2 : 1)} ${r.unit}`,
      r.ceiling === null ? '–' : `${f(r.ceiling, r.ceiling < 10 ? 2 : 1)} ${r.unit}`,
      r.measured !== null && r.ceiling ? f(r.measured / r.ceiling, 2) : '–',
      r.otherCores === null ? '–' : f(r.otherCores, 2),
      r.detail,
    ]),
  );
}
