import type { Mention } from './mentions.js';
import { lineOfOffset } from './paragraphs.js';

const MAX_EVIDENCE = 700;

/**
 * The sentence holding a mention; a very long one (a run-on preamble, a table row) is narrowed to
 * the clause between semicolons, then to a window around the mention.
 */
function evidenceSpan(m: Mention): [number, number] {
  let [a, b] = m.sentence;
  a = Math.min(a, m.start);
  b = Math.max(b, m.end);
  if (b - a <= MAX_EVIDENCE) return [a, b];
  const t = m.para.text;
  const near = t.slice(Math.max(a, m.start - MAX_EVIDENCE), Math.min(b, m.end + MAX_EVIDENCE));
  const nearStart = Math.max(a, m.start - MAX_EVIDENCE);
  const sb0 = near.lastIndexOf(';', m.start - nearStart);
  const sa0 = near.indexOf(';', m.end - nearStart);
  const semiBefore = sb0 >= 0 ? nearStart + sb0 : -1;
  const semiAfter = sa0 >= 0 ? nearStart + sa0 : -1;
  const ca = semiBefore >= a ? semiBefore + 1 : a;
  const cb = semiAfter >= 0 && semiAfter < b ? semiAfter + 1 : b;
  if (cb - ca <= MAX_EVIDENCE) return [ca, cb];
  const wa = Math.max(ca, m.start - 300);
  const wb = Math.min(cb, Math.max(m.end, m.start) + 300);
  // Whole words only.
  const sa = wa > ca ? t.indexOf(' ', wa) + 1 || wa : wa;
  const sb = wb < cb ? t.lastIndexOf(' ', wb) : wb;
  return [sa, sb > sa ? sb : wb];
}

/** The words a citation edge quotes for a mention, "…" where they are cut, and the lines they span. */
export function evidenceOf(m: Mention): { evidence: string; lineStart: number; lineEnd: number } {
  const [s, e] = evidenceSpan(m);
  let evidence = m.para.text.slice(s, e).replace(/\t/g, ' ').replace(/\s+/g, ' ').trim();
  if (s > m.sentence[0]) evidence = `…${evidence}`;
  if (e < m.sentence[1] && !/[.;:!?]$/.test(evidence)) evidence = `${evidence}…`;
  return { evidence, lineStart: lineOfOffset(m.para, s), lineEnd: lineOfOffset(m.para, Math.max(s, e - 1)) };
}
