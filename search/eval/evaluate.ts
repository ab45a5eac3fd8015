/**
 * Runs a ranker over the relevance set and scores it. Items nobody judged (goals, targets and
 * viewpoints, which are neither tasks nor directives: see the set's README) are dropped from each
 * ranking before scoring, so a ranker is neither rewarded nor punished for them.
 */
import { fold, tokenize } from '../text.js';
import type { SearchHit } from '../types.js';
import { mean, ndcgAt, recallAt, reciprocalRankAt, type Scores } from './metrics.js';
import type { JudgedQuery, ResolvedSet } from './relevance-set.js';

export const CUTOFF = 10;
/** Hits asked of a ranker: enough that 10 judged ones remain after dropping unjudged items. */
export const DEPTH = 30;

export type Ranker = (query: string) => Promise<string[]>;

/** The items a hit shows: its own, then the copies it names (search/twins.ts), at its rank. */
export const idsShown = (hit: SearchHit): string[] => [hit.item.id, ...hit.alsoIn.map((t) => t.id)];

export interface QueryScores extends Scores {
  id: string;
  query: string;
  toneless: boolean;
}

export interface Evaluation {
  all: Scores;
  /** Queries typed with tone marks (any) and without any. */
  toned: Scores;
  toneless: Scores;
  perQuery: QueryScores[];
  /** Mean milliseconds per query. */
  msPerQuery: number;
}

export const isToneless = (q: string) => tokenize(q).every((t) => t.exact === fold(t.exact));

export function scoreQuery(q: JudgedQuery, ranked: string[], judged: ReadonlySet<string>): QueryScores {
  const condensed = ranked.filter((id) => judged.has(id));
  return {
    id: q.id,
    query: q.query,
    toneless: isToneless(q.query),
    ndcg10: ndcgAt(condensed, q.relevant, CUTOFF),
    recall10: recallAt(condensed, q.relevant, CUTOFF),
    mrr10: reciprocalRankAt(condensed, q.relevant, CUTOFF),
  };
}

export async function evaluate(set: ResolvedSet, rank: Ranker): Promise<Evaluation> {
  const perQuery: QueryScores[] = [];
  const started = performance.now();
  for (const q of set.queries) perQuery.push(scoreQuery(q, await rank(q.query), set.judgedUniverse));
  return {
    all: mean(perQuery),
    toned: mean(perQuery.filter((q) => !q.toneless)),
    toneless: mean(perQuery.filter((q) => q.toneless)),
    perQuery,
    msPerQuery: (performance.now() - started) / Math.max(1, set.queries.length),
  };
}
