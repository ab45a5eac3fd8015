/**
 * Scores a "tasks like this" ranker on the judged set: P@5 (share of the first five that are
 * like the source, any grade; a list shorter than five counts its missing places as misses) and
 * nDCG@10 with the graded gains of metrics.ts. P@5 of what is attainable divides by the number of
 * like tasks when a source has fewer than five, which plain P@5 cannot reach.
 */
import { ndcgAt } from './metrics.js';
import type { ResolvedSimilarSet } from './similar-set.js';

export const SIMILAR_CUTOFF = 10;
export const PRECISION_AT = 5;

/** Task ids like the given task, best first (at least SIMILAR_CUTOFF asked for). */
export type SimilarRanker = (taskId: string) => Promise<string[]>;

export interface SimilarScores {
  p5: number;
  p5Attainable: number;
  ndcg10: number;
}

export interface SimilarEvaluation {
  all: SimilarScores;
  perSource: (SimilarScores & { id: string; taskId: string; ranked: string[] })[];
  /** Mean results returned per source (the relevance floor may return fewer than asked). */
  meanReturned: number;
}

export function scoreSimilar(ranked: readonly string[], relevant: ReadonlyMap<string, number>): SimilarScores {
  const hits = ranked.slice(0, PRECISION_AT).filter((id) => (relevant.get(id) ?? 0) > 0).length;
  return {
    p5: hits / PRECISION_AT,
    p5Attainable: relevant.size > 0 ? hits / Math.min(PRECISION_AT, relevant.size) : 0,
    ndcg10: ndcgAt(ranked, relevant, SIMILAR_CUTOFF),
  };
}

export async function evaluateSimilar(set: ResolvedSimilarSet, rank: SimilarRanker): Promise<SimilarEvaluation> {
  const perSource: SimilarEvaluation['perSource'] = [];
  let returned = 0;
  for (const s of set.sources) {
    const ranked = await rank(s.taskId);
    returned += ranked.length;
    perSource.push({ id: s.id, taskId: s.taskId, ranked, ...scoreSimilar(ranked, s.relevant) });
  }
  const n = Math.max(1, perSource.length);
  const mean = (k: keyof SimilarScores) => perSource.reduce((sum, s) => sum + s[k], 0) / n;
  return { all: { p5: mean('p5'), p5Attainable: mean('p5Attainable'), ndcg10: mean('ndcg10') }, perSource, meanReturned: returned / n };
}
