/** Printing the Chromium figures of bench/lineage-scale.ts: one UI's, and two UIs' side by side with their ratio. */
import type { BrowserTimings, Phases } from './browser.js';

const ms = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const phaseText = (p: Phases) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ') || '(no measures in this build)';

export function logBrowser(b: BrowserTimings, log: (line: string) => void): void {
  log(`  default view (20-NQ/TW, 69-KL/TW and ${b.groups} collapsed province groups, ${b.nodesShown} nodes) drawn in ${ms(b.firstViewMs)} from navigation`);
  log(`    phases (ms): ${phaseText(b.firstViewPhases)}`);
  for (const r of b.firstViewRequests) log(`    ${ms(r.ms).padStart(10)}  ${(r.bytes / 1024).toFixed(0).padStart(5)} KB  ${r.path}`);
  log(`  the same view loaded again (the server's answers kept): ${ms(b.againMs)}`);
  log(`    phases (ms): ${phaseText(b.againPhases)}`);
  log(`  click on a province group → its documents drawn: ${b.groupOpenMs.map(ms).join(', ')}`);
  b.groupOpenPhases.forEach((p, i) => log(`    click ${i + 1} phases (ms): ${phaseText(p)}`));
  log(`  click on the group's first document → what is under it drawn (API answer): ${b.planOpenMs.map(ms).join(', ')}`);
  if (b.errors.length) log(`  page errors: ${b.errors.join(' | ')}`);
}

/** Before and after on the same run: medians of the clicks, and after ÷ before. */
export function logComparison(before: BrowserTimings, after: BrowserTimings, log: (line: string) => void): void {
  const rows: [string, number, number][] = [
    ['default view, first load after the server started', before.firstViewMs, after.firstViewMs],
    ['the same view loaded again (answers kept)', before.againMs, after.againMs],
    ['click on a province group (median)', median(before.groupOpenMs), median(after.groupOpenMs)],
    ["click on the group's first document (median)", median(before.planOpenMs), median(after.planOpenMs)],
  ];
  log(`\n| | before | after | after ÷ before |\n|---|---|---|---|`);
  for (const [what, b, a] of rows) log(`| ${what} | ${ms(b)} | ${ms(a)} | ${(a / b).toFixed(2)} |`);
}
