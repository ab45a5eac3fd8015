/** The tables bench/ingest-embedding.ts prints (Markdown, pasted as is into bench/README.md). */
import { f, markdownTable } from '../ingest-scale/report.js';
import type { Run } from './runs.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const rate = (r: Run) => r.texts / r.seconds;
const cpuRate = (r: Run) => r.texts / (r.window.selfCpu + r.window.watchedCpu);
const pct = (x: number) => `${f(100 * x, 0)} %`;

/** Every pass, in the order run. */
export function runsTable(runs: Run[], ceiling: number): string {
  return markdownTable(
    ['round', 'variant', 'texts/s', 'share of the ceiling', 'embedding phase texts/s', 'texts per CPU-second', 'Neo4j CPU s', 'other work (cores)', 'load average after'],
    runs.map((r) => [
      String(r.round + 1),
      r.variant,
      f(rate(r), 1),
      pct(rate(r) / ceiling),
      r.embedSeconds ? f(r.texts / r.embedSeconds, 1) : '–',
      f(cpuRate(r), 1),
      f(r.window.watchedCpu, 1),
      f(r.window.otherCores, 2),
      r.window.loadEnd,
    ]),
  );
}

/** Medians per variant, against the ceiling (and the int8 one, when given) and against the embedder alone. */
export function summaryTable(runs: Run[], ceiling: number, variants: string[], integerCeiling?: number): string {
  const alone = runs.filter((r) => r.variant === 'alone');
  const aloneRate = alone.length > 0 ? median(alone.map(rate)) : NaN;
  return markdownTable(
    [
      'variant',
      'passes',
      'texts/s (median)',
      'share of the ceiling',
      ...(integerCeiling ? ['share of the int8 ceiling'] : []),
      'against the embedder alone',
      'embedding phase texts/s',
      'texts per CPU-second',
      'other work (cores)',
    ],
    variants.map((name) => {
      const rs = runs.filter((r) => r.variant === name);
      const embed = rs.flatMap((r) => (r.embedSeconds ? [r.texts / r.embedSeconds] : []));
      return [
        name,
        String(rs.length),
        f(median(rs.map(rate)), 1),
        `**${pct(median(rs.map(rate)) / ceiling)}**`,
        ...(integerCeiling ? [pct(median(rs.map(rate)) / integerCeiling)] : []),
        f(median(rs.map(rate)) / aloneRate, 2),
        embed.length > 0 ? f(median(embed), 1) : '–',
        f(median(rs.map(cpuRate)), 1),
        f(median(rs.map((r) => r.window.otherCores)), 2),
      ];
    }),
  );
}
