/** The review endpoints' work: record a decision, list reviews, a task's links, a cell's candidates, the queue. */
import { defaultLinkOptions } from '../../ingest/link/link-tasks.js';
import type { ProvinceEra, ReviewDecision } from '../../graph-schema/index.js';
import type { Db } from '../../graph-store/db.js';
import { directiveHeatmap } from '../../graph-store/audit-reads.js';
import { cellCandidates, taskLinks } from '../../graph-store/review-candidates.js';
import { tasksByIds, unlinkedTasks, weakLinks } from '../../graph-store/review-queue.js';
import { rankQueue } from '../../graph-store/review-rank.js';
import { listReviews, recordReview, type ReviewFilters } from '../../graph-store/reviews.js';
import { namedBy } from '../../graph-store/task-rows.js';
import { notFound } from '../errors.js';

export async function saveReview(
  db: Db,
  body: { taskId: string; directiveId: string; decision: ReviewDecision; reviewer: string; comment?: string },
  now = new Date(),
) {
  const outcome = await recordReview(db, { ...body, comment: body.comment || null, at: now.toISOString() });
  if (!outcome.ok) throw notFound(outcome.missing, outcome.id);
  return outcome.review;
}

export const reviews = (db: Db, f: ReviewFilters) => listReviews(db, f);

export async function linksOfTask(db: Db, taskId: string) {
  const links = await taskLinks(db, taskId);
  if (!links) throw notFound('task', taskId);
  return links;
}

export async function candidatesForCell(db: Db, directiveId: string, province: string, era: ProvinceEra) {
  const tasks = await cellCandidates(db, directiveId, namedBy(province, era) ?? []);
  if (!tasks) throw notFound('directive item', directiveId);
  return { total: tasks.length, items: tasks };
}

/**
 * Links scored under threshold + MARGIN are "near the threshold". The linker's scores of right
 * and wrong links overlap most just above its threshold; a tenth of the score scale covers that band.
 */
export const QUEUE_MARGIN = 0.1;

export async function reviewQueue(db: Db, documentId: string, limit: number) {
  const heatmap = await directiveHeatmap(db, documentId);
  if (!heatmap) throw notFound('document', documentId);
  const options = { threshold: defaultLinkOptions.threshold, margin: QUEUE_MARGIN };
  const gapShare = (province: string) =>
    heatmap.rows.length ? heatmap.rows.filter((r) => (r.cells[province] ?? 0) === 0).length / heatmap.rows.length : 0;
  const [weak, unlinked] = await Promise.all([weakLinks(db, documentId, options.threshold + options.margin), unlinkedTasks(db, documentId)]);
  const all = rankQueue(weak, unlinked.map((t) => ({ ...t, gapShare: gapShare(t.province) })), options);
  const ranked = all.slice(0, limit);
  const tasks = await tasksByIds(db, [...new Set(ranked.map((e) => e.taskId))]);
  const directives = new Map(heatmap.rows.map((r) => [r.directive.id, r.directive]));
  const items = ranked.flatMap((e) => {
    const t = tasks.get(e.taskId);
    if (!t) return [];
    const { taskId: _t, directiveId, ...rest } = e;
    return [{ ...rest, ...t, directive: directiveId ? (directives.get(directiveId) ?? null) : null }];
  });
  return { document: heatmap.document, ...options, total: all.length, items };
}
