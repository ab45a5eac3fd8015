/**
 * One hit per task text: a task a plan writes twice (body and appendix row), a resolution and its
 * appendix uploaded as two documents, a notice that restates a resolution's tasks word for word.
 * In the 68 real documents of data/wild, 03/NQ-CP and the crawled copy of its Phụ lục II share 117
 * such tasks, and 624/TB-VPCP restates 21 of them. Shown one under the other, they push other
 * provinces' work out of a page; folded, the best of them stands for the rest and names them.
 *
 * Texts of two provinces are never folded: a task two provinces copied from the same central plan
 * is exactly what staff compare. Central documents (no province) fold with each other.
 */
import { tokenize } from './text.js';

/** What telling two hits apart needs. */
export interface TwinView {
  province: string | null;
  text: string;
}

/** Syllable pairs, tone-folded. */
function pairs(text: string): Set<string> {
  const words = tokenize(text).map((t) => t.folded);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * Two texts say the same thing at Dice ≥ 0.8 over their syllable pairs: a row cut to its first
 * sentence or reworded in a few places still counts, two tasks on one topic do not.
 */
function sameText(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  // Dice ≥ 0.8 needs the smaller set at least 2/3 of the larger: most pairs stop here.
  if (3 * Math.min(a.size, b.size) < 2 * Math.max(a.size, b.size)) return false;
  let common = 0;
  for (const p of a) if (b.has(p)) common++;
  return (2 * common) / (a.size + b.size) >= 0.8;
}

export interface Folded<T> {
  head: T;
  /** Its twins, best first: the same text elsewhere in the same province's (or the central) documents. */
  twins: T[];
}

/**
 * `ranked` (best first) folded into groups of twins, each headed by its best: at most `limit`
 * groups, in the order of their heads. Entries past the limit still join the groups shown.
 */
export function foldTwins<T>(ranked: readonly T[], view: (t: T) => TwinView, limit: number): Folded<T>[] {
  const groups: Folded<T>[] = [];
  const pairsOf = new Map<T, Set<string>>();
  const pairsFor = (t: T) => {
    let p = pairsOf.get(t);
    if (!p) pairsOf.set(t, (p = pairs(view(t).text)));
    return p;
  };
  const same = (a: T, b: T) => {
    const pa = pairsFor(a);
    const pb = pairsFor(b);
    return pa.size === 0 || pb.size === 0 ? view(a).text.trim() === view(b).text.trim() : sameText(pa, pb);
  };
  for (const t of ranked) {
    const province = view(t).province;
    const group = groups.find((g) => view(g.head).province === province && same(g.head, t));
    if (group) group.twins.push(t);
    else if (groups.length < limit) groups.push({ head: t, twins: [] });
  }
  return groups;
}
