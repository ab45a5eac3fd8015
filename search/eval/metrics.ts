/**
 * Ranking metrics over graded judgments. Gains are exponential (2^grade − 1: a "squarely about
 * it" item is worth three partial ones), the usual choice for nDCG with graded relevance.
 */

export type Grades = ReadonlyMap<string, number>;

const gain = (grade: number) => 2 ** grade - 1;

export function dcg(ranked: readonly string[], grades: Grades, k: number): number {
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    sum += gain(grades.get(id) ?? 0) / Math.log2(i + 2);
  });
  return sum;
}

export function ndcgAt(ranked: readonly string[], grades: Grades, k: number): number {
  const ideal = [...grades.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const best = dcg(ideal, grades, k);
  return best > 0 ? dcg(ranked, grades, k) / best : 0;
}

/** Share of the relevant items (any grade) in the first k. */
export function recallAt(ranked: readonly string[], grades: Grades, k: number): number {
  if (grades.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / grades.size;
}

/** 1 / rank of the first relevant item within the first k, 0 when there is none. */
export function reciprocalRankAt(ranked: readonly string[], grades: Grades, k: number): number {
  const i = ranked.slice(0, k).findIndex((id) => (grades.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface Scores {
  ndcg10: number;
  recall10: number;
  mrr10: number;
}

export function mean(xs: Scores[]): Scores {
  const n = Math.max(1, xs.length);
  return {
    ndcg10: xs.reduce((s, x) => s + x.ndcg10, 0) / n,
    recall10: xs.reduce((s, x) => s + x.recall10, 0) / n,
    mrr10: xs.reduce((s, x) => s + x.mrr10, 0) / n,
  };
}
