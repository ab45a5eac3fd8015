/**
 * "Tasks like this" on the judged set (test/fixtures/similar-tasks): P@5 and nDCG@10 of the
 * method shipped before issue 13 and of the one shipped now, and of the signals one by one. The
 * shipped model was fit on this very set, so beside its own figures each signal set is also
 * measured leaving each source task out of the fit (fit on the other 41, ranked on the one left
 * out): the figure to trust for tasks nobody judged.
 */
import type { Db } from '../../graph-store/db.js';
import { matchOf, probability, type Logistic, type MatchLevel } from '../../search/calibration.js';
import { idsShown } from '../../search/eval/evaluate.js';
import { fitLogistic } from '../../search/eval/fit-logistic.js';
import { evaluateSimilar, scoreSimilar, SIMILAR_CUTOFF, type SimilarEvaluation, type SimilarScores } from '../../search/eval/similar-evaluate.js';
import { loadSimilarSet, resolveSimilarSet, WILD_SIMILAR_SET, type ResolvedSimilarSet } from '../../search/eval/similar-set.js';
import type { HybridSearchService } from '../../search/service.js';
import { rankSimilar, signalVector, SIMILAR_LEVELS, type SimilarCandidate, type SimilarSignals } from '../../search/similar.js';
import { similarBefore } from './similar-before.js';

type Signal = keyof SimilarSignals;
const ALL: Signal[] = ['cosine', 'words', 'headings', 'lineage'];

export const SIGNAL_SETS: { name: string; signals: Signal[] }[] = [
  { name: 'embedding only', signals: ['cosine'] },
  { name: 'words only', signals: ['words'] },
  { name: 'embedding + words', signals: ['cosine', 'words'] },
  { name: 'embedding + words + headings', signals: ['cosine', 'words', 'headings'] },
  { name: 'embedding + words + lineage', signals: ['cosine', 'words', 'lineage'] },
  { name: 'all four (shipped)', signals: ALL },
];

export interface SimilarRun {
  set: ResolvedSimilarSet;
  judgments: number;
  before: SimilarEvaluation;
  shipped: SimilarEvaluation;
  /** Per signal set, every source ranked by a model fit without it. */
  leaveOneOut: { name: string; scores: SimilarScores; returned: number }[];
  /** Relevant tasks among each source's candidates, over all relevant tasks. */
  poolRecall: number;
  /** Shipped signals, left-out fits: judged-like share of the candidates at each level. */
  levels: { level: MatchLevel | 'under the floor'; candidates: number; like: number }[];
  /** Fit on every source: what SIMILAR_MODEL should hold. */
  fitted: Logistic;
}

/** A model over some signals, as weights over all four (the others weigh 0). */
function fitOn(pools: { candidates: SimilarCandidate[]; relevant: ReadonlyMap<string, number> }[], signals: Signal[]): Logistic {
  const pick = (c: SimilarCandidate) => signals.map((s) => c.signals[s]);
  const rows = pools.flatMap((p) => p.candidates.map((c) => ({ x: pick(c), y: (p.relevant.get(c.id) ?? 0) > 0 })));
  const m = fitLogistic(rows.map((r) => r.x), rows.map((r) => r.y));
  return { bias: m.bias, weights: ALL.map((s) => (signals.includes(s) ? m.weights[signals.indexOf(s)]! : 0)) };
}

export async function measureSimilar(db: Db, service: HybridSearchService): Promise<SimilarRun> {
  const set = await resolveSimilarSet(db, loadSimilarSet());
  const judgments = set.sources.reduce((n, s) => n + s.relevant.size, 0);
  const before = await evaluateSimilar(set, similarBefore(db, service.index, SIMILAR_CUTOFF));
  const shipped = await evaluateSimilar(set, async (id) => (await service.similarTasks(id, SIMILAR_CUTOFF)).map((h) => h.item.id));

  const pools = [];
  for (const s of set.sources) {
    const found = await service.similarCandidates(s.taskId);
    if (found) pools.push({ id: s.id, relevant: s.relevant, task: found.task, candidates: found.candidates });
  }
  const inPool = pools.reduce((n, p) => n + p.candidates.filter((c) => p.relevant.has(c.id)).length, 0);

  const leaveOneOut = [];
  const levels = new Map<string, { candidates: number; like: number }>();
  for (const { name, signals } of SIGNAL_SETS) {
    const per: SimilarScores[] = [];
    let returned = 0;
    for (const pool of pools) {
      const model = fitOn(pools.filter((p) => p !== pool), signals);
      const ranked = rankSimilar(pool.task, pool.candidates, { model, levels: SIMILAR_LEVELS, limit: SIMILAR_CUTOFF }).map((r) => r.candidate.id);
      returned += ranked.length;
      per.push(scoreSimilar(ranked, pool.relevant));
      if (signals === ALL) {
        for (const c of pool.candidates) {
          const level = matchOf(probability(model, signalVector(c.signals)), SIMILAR_LEVELS)?.level ?? 'under the floor';
          const l = levels.get(level) ?? { candidates: 0, like: 0 };
          l.candidates++;
          if (pool.relevant.has(c.id)) l.like++;
          levels.set(level, l);
        }
      }
    }
    const mean = (k: keyof SimilarScores) => per.reduce((s, x) => s + x[k], 0) / Math.max(1, per.length);
    leaveOneOut.push({ name, scores: { p5: mean('p5'), p5Attainable: mean('p5Attainable'), ndcg10: mean('ndcg10') }, returned: returned / Math.max(1, pools.length) });
  }
  return {
    set,
    judgments,
    before,
    shipped,
    leaveOneOut,
    poolRecall: inPool / Math.max(1, judgments),
    levels: (['strong', 'related', 'partial', 'under the floor'] as const).map((level) => ({ level, ...(levels.get(level) ?? { candidates: 0, like: 0 }) })),
    fitted: fitOn(pools, ALL),
  };
}

export interface HeldOutSimilarRun {
  set: ResolvedSimilarSet;
  judgments: number;
  shipped: SimilarEvaluation;
  /** The shipped hits at each level, and how many of them were judged like the source. */
  levels: { level: MatchLevel; hits: number; like: number }[];
}

/**
 * The shipped "tasks like this" on the judged tasks of data/wild: nothing of it was fit there, so
 * its figures and the share of each level judged like the source are held out. A hit stands for
 * the copies it names (they follow it).
 */
export async function measureSimilarHeldOut(db: Db, service: HybridSearchService, file = WILD_SIMILAR_SET): Promise<HeldOutSimilarRun> {
  const set = await resolveSimilarSet(db, loadSimilarSet(file));
  const judgments = set.sources.reduce((n, s) => n + s.relevant.size, 0);
  const levels = new Map<MatchLevel, { hits: number; like: number }>();
  const shipped = await evaluateSimilar(set, async (id) => {
    const hits = await service.similarTasks(id, SIMILAR_CUTOFF);
    const relevant = set.sources.find((s) => s.taskId === id)!.relevant;
    for (const h of hits) {
      const l = levels.get(h.match.level) ?? { hits: 0, like: 0 };
      l.hits++;
      if (idsShown(h).some((x) => relevant.has(x))) l.like++;
      levels.set(h.match.level, l);
    }
    return hits.flatMap(idsShown);
  });
  return { set, judgments, shipped, levels: (['strong', 'related', 'partial'] as const).map((level) => ({ level, ...(levels.get(level) ?? { hits: 0, like: 0 }) })) };
}
