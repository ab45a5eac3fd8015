/**
 * The calibrated match of search hits (search/hit-match.ts) on the relevance set: the model fit on
 * its judged hits (what SEARCH_MODEL should hold), how often each level's hits were relevant with
 * the shipped model, and what the relevance floor leaves of queries the corpus cannot answer.
 */
import { probability, matchOf, type Logistic, type MatchLevel } from '../../search/calibration.js';
import { DEPTH } from '../../search/eval/evaluate.js';
import { fitLogistic } from '../../search/eval/fit-logistic.js';
import type { ResolvedSet } from '../../search/eval/relevance-set.js';
import { queryTerms } from '../../search/highlight.js';
import { queryCoverage, SEARCH_LEVELS, SEARCH_MODEL } from '../../search/hit-match.js';
import type { HybridSearchService } from '../../search/service.js';

/** Queries about nothing the demo corpus holds: gibberish, sport, aquaculture. */
export const UNANSWERABLE = ['xyzqwv', 'asdf qwer', 'bóng đá', 'nuôi tôm'];

export interface SearchMatchRun {
  fitted: Logistic;
  levels: { level: MatchLevel | 'under the floor'; hits: number; relevant: number }[];
  unanswerable: { query: string; hits: number; withoutFloor: number }[];
}

export async function measureSearchMatch(service: HybridSearchService, set: ResolvedSet): Promise<SearchMatchRun> {
  const open = service.withRanking({ relevanceFloor: false });
  const rows: { x: number[]; relevant: boolean }[] = [];
  for (const q of set.queries) {
    const terms = queryTerms(q.query);
    for (const h of await open.search(q.query, { kind: 'any' }, DEPTH)) {
      if (!set.judgedUniverse.has(h.item.id) || h.vectorScore === null) continue;
      const coverage = queryCoverage(terms, h.item.text, ...h.item.sectionTitles);
      rows.push({ x: [h.vectorScore, coverage], relevant: q.relevant.has(h.item.id) });
    }
  }
  const levels = new Map<string, { hits: number; relevant: number }>();
  for (const r of rows) {
    const level = matchOf(probability(SEARCH_MODEL, r.x), SEARCH_LEVELS)?.level ?? 'under the floor';
    const l = levels.get(level) ?? { hits: 0, relevant: 0 };
    l.hits++;
    if (r.relevant) l.relevant++;
    levels.set(level, l);
  }
  const unanswerable = [];
  for (const query of UNANSWERABLE) {
    unanswerable.push({
      query,
      hits: (await service.search(query, { kind: 'any' }, 40)).length,
      withoutFloor: (await open.search(query, { kind: 'any' }, 40)).length,
    });
  }
  return {
    fitted: fitLogistic(rows.map((r) => r.x), rows.map((r) => r.relevant)),
    levels: (['strong', 'related', 'partial', 'under the floor'] as const).map((level) => ({ level, ...(levels.get(level) ?? { hits: 0, relevant: 0 }) })),
    unanswerable,
  };
}
