/** Tables of bench/hostile-uploads.ts: per category, what the server answered and how fast. */
import type { HostileAnswer } from '../../test/helpers/hostile-send.js';
import { ANSWER_WITHIN_MS } from '../../test/helpers/hostile-checks.js';
import { HOSTILE_CATEGORIES } from '../../test/helpers/hostile-inputs.js';
import { f, markdownTable } from '../ingest-scale/report.js';

/** The value at quantile q (nearest rank) of ascending numbers. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function row(name: string, answers: HostileAnswer[]): string[] {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  const counts = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s === 0 ? 'none' : s}×${n}`)
    .join(' ');
  return [
    name,
    String(answers.length),
    counts,
    f(quantile(ms, 0.5) / 1000, 2),
    f(quantile(ms, 0.99) / 1000, 2),
    f((ms[ms.length - 1] ?? NaN) / 1000, 2),
    String(answers.filter((a) => a.status >= 500).length),
    String(answers.filter((a) => a.ms > ANSWER_WITHIN_MS || a.status === 0).length),
  ];
}

export function categoryTable(answers: HostileAnswer[]): string {
  return markdownTable(
    ['category', 'uploads', 'statuses', 'p50 s', 'p99 s', 'max s', '5xx', `over ${ANSWER_WITHIN_MS / 1000} s`],
    [...HOSTILE_CATEGORIES.map((c) => row(c, answers.filter((a) => a.case.category === c))), row('**all**', answers)],
  );
}

/** Node and relationship counts side by side. */
export function countsTable(before: Record<string, number>, after: Record<string, number>): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return markdownTable(
    ['', 'before', 'after'],
    keys.map((k) => [`\`${k}\``, String(before[k] ?? 0), String(after[k] ?? 0)]),
  );
}
