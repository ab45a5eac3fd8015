/**
 * "Tasks like this": the tasks of other provinces that do the same work as a given task.
 *
 * Candidates come from three sides: the task's nearest neighbours by embedding, the items whose
 * text shares its words (the whole task text as a full-text query), and the tasks that carry out
 * the same directive item of a central document (the lineage). Each candidate gets four signals
 * that mean the same thing whatever the task (cosine, the share of the task's own full-text score
 * it reaches, the same for its section headings, the directives both implement), and a logistic
 * model turns them into the probability that a reader would call it "like this": the order, the
 * relevance floor and the words the UI shows all come from that probability.
 *
 * Never returned: tasks of the task's own document (an appendix row restating it lives there) or
 * province. Of near-identical texts of one province (or of central documents) only the best is
 * returned, naming the others (twins.ts).
 *
 * The model was fit on the judged set of test/fixtures/similar-tasks by `npx tsx bench/relevance.ts
 * --fit` (42 source tasks, 396 judgments): P@5 0.81 and nDCG@10 0.85 there, 0.80 and 0.84 with each
 * source left out of the fit, against 0.54 and 0.65 for the embedding neighbours grouped by
 * province it replaced. The lineage and the words do most of it (bench/README.md).
 */
import type { Db } from '../graph-store/db.js';
import { itemBriefs, taskBrief, taskIdsOutside, tasksSharingDirectives, type TaskBrief } from '../graph-store/search-reads.js';
import { matchOf, probability, type Levels, type Logistic, type Match } from './calibration.js';
import type { VectorIndex } from './index-store.js';
import { likeSearch } from './lexical.js';
import { foldTwins, type TwinView } from './twins.js';

/** What says a candidate is like the task; each is comparable from one task to another. */
export interface SimilarSignals {
  /** Cosine of the two passage embeddings. */
  cosine: number;
  /** The candidate's full-text score for the task's words, over the task's own score for them. */
  words: number;
  /** The same for the section headings, over the best heading score (the task's own, usually). */
  headings: number;
  /** Directive items both implement, over the geometric mean of how many each implements. */
  lineage: number;
}

export const signalVector = (s: SimilarSignals): number[] => [s.cosine, s.words, s.headings, s.lineage];

/** Fit by `npx tsx bench/relevance.ts --fit` on the judged set (features in signalVector's order). */
export const SIMILAR_MODEL: Logistic = { bias: -12.55, weights: [8.76, 19.59, 1.64, 1.55] };

/**
 * On the judged set (each source left out of the fit), "strong" candidates were like the task 9
 * times in 10, "related" ones 1 in 2, "partial" ones 1 in 5; under the floor, 1 in 25.
 */
export const SIMILAR_LEVELS: Levels = { strong: 0.7, related: 0.4, partial: 0.1 };

export interface SimilarCandidate {
  id: string;
  documentId: string;
  province: string | null;
  text: string;
  signals: SimilarSignals;
}

/** How far each side looks: enough that a task's like tasks are all in the pool. */
export const CANDIDATES_PER_SIDE = 50;
/** Full-text hits read to find those outside the task's province and document. */
const FULLTEXT_DEPTH = 500;

export interface VectorSource {
  /** The task's vector, from the index, the graph or, not synced yet, the model. */
  vectorOf(task: TaskBrief): Promise<ArrayLike<number>>;
}

/** The task and its candidates with their signals; null when there is no such task. */
export async function similarCandidates(
  db: Db,
  index: VectorIndex,
  vectors: VectorSource,
  taskId: string,
): Promise<{ task: TaskBrief; candidates: SimilarCandidate[] } | null> {
  const task = await taskBrief(db, taskId);
  if (!task) return null;
  const [vector, allowed, words, headings, lineage] = await Promise.all([
    vectors.vectorOf(task),
    taskIdsOutside(db, task.province, task.documentId),
    likeSearch(db, task.text, 'text', FULLTEXT_DEPTH),
    task.titles ? likeSearch(db, task.titles, 'sectionTitlesText', FULLTEXT_DEPTH) : Promise.resolve([]),
    tasksSharingDirectives(db, task.id),
  ]);
  // The task's own score for its words is the most any item can get for them, near enough.
  const ownWords = words.find((h) => h.id === task.id)?.score ?? Math.max(0, ...words.map((h) => h.score));
  const bestHeadings = Math.max(0, ...headings.map((h) => h.score));
  const wordScore = new Map(words.map((h) => [h.id, h.score]));
  const headingScore = new Map(headings.map((h) => [h.id, h.score]));
  const shared = new Map(lineage.map((l) => [l.id, l.shared / Math.sqrt(l.sourceLinks * Math.max(1, l.links))]));

  const outside = <T extends { id: string }>(xs: T[]) => xs.filter((x) => allowed.has(x.id)).slice(0, CANDIDATES_PER_SIDE);
  const pool = new Set([
    ...index.search(vector, CANDIDATES_PER_SIDE, allowed).map((h) => h.id),
    ...outside(words).map((h) => h.id),
    ...outside([...shared].map(([id, s]) => ({ id, s })).sort((a, b) => b.s - a.s)).map((x) => x.id),
  ]);
  const cosine = new Map(index.similarities(vector, pool).map((h) => [h.id, h.score]));
  const texts = new Map((await itemBriefs(db, [...pool])).map((r) => [r.id, r]));
  const candidates: SimilarCandidate[] = [];
  for (const id of pool) {
    const row = texts.get(id);
    const cos = cosine.get(id);
    if (!row || cos === undefined) continue; // deleted meanwhile, or not in the index yet
    candidates.push({
      id,
      documentId: row.documentId,
      province: row.province,
      text: row.text,
      signals: {
        cosine: cos,
        words: ownWords > 0 ? (wordScore.get(id) ?? 0) / ownWords : 0,
        headings: bestHeadings > 0 ? (headingScore.get(id) ?? 0) / bestHeadings : 0,
        lineage: shared.get(id) ?? 0,
      },
    });
  }
  return { task, candidates };
}

export interface RankOptions {
  model: Logistic;
  levels: Levels;
  limit: number;
}

export interface RankedSimilar {
  candidate: SimilarCandidate;
  match: Match;
  /** The same text elsewhere in the candidate's province (or, for a central one, in central documents). */
  twins: SimilarCandidate[];
}

/**
 * Most probable first, down to the floor (the lowest level), one of each group of near-identical
 * texts of one province (twins.ts), at most `limit`; never a copy of the task itself (its row in an
 * appendix uploaded on its own is not a task like it).
 */
export function rankSimilar(task: TwinView, candidates: SimilarCandidate[], opts: RankOptions): RankedSimilar[] {
  const above = candidates
    .map((candidate) => ({ candidate, match: matchOf(probability(opts.model, signalVector(candidate.signals)), opts.levels) }))
    .filter((x): x is { candidate: SimilarCandidate; match: Match } => x.match !== null)
    .sort((a, b) => b.match.probability - a.match.probability || (a.candidate.id < b.candidate.id ? -1 : 1));
  // The task heads the first group, so its copies join it rather than any candidate's.
  const entries: { view: TwinView; candidate?: SimilarCandidate; match?: Match }[] = [{ view: task }, ...above.map((x) => ({ view: x.candidate, ...x }))];
  const [, ...groups] = foldTwins(entries, (e) => e.view, opts.limit + 1);
  return groups.map(({ head, twins }) => ({ candidate: head.candidate!, match: head.match!, twins: twins.map((t) => t.candidate!) }));
}
