/**
 * The review queue's order: how much one decision could change the heatmap. Pure, so the rule is
 * tested without a database.
 *
 * Score, in "cells of the heatmap that may flip between empty and not":
 * - a proposed, unreviewed link scored near the linker's threshold (within `margin` above it):
 *   uncertainty u = 1 at the threshold falling to 0 at threshold + margin. When it is the only
 *   task of its cell, rejecting it empties the cell: score (0.5 + 0.5u) × 1 (kind
 *   `single-weak-link`). Otherwise it is one of n tasks and moves the cell by 1/n of its count
 *   without emptying it: (0.5 + 0.5u) / n × 0.5 (kind `near-threshold`).
 * - a task with no link that counts (kind `unlinked`): a link added to it fills an empty cell of its
 *   province if it carries out one of the directive items its province has no task for; with g the
 *   share of such items in the province's row, the expected flips are g, halved because many tasks
 *   with no link carry out no directive item at all ("tổ chức thực hiện", reporting duties).
 * Ties keep the weaker link (lower score) first, then ids, so the order is stable.
 */

import type { QueueKind } from '../api-schema/reviews.js';
export type { QueueKind } from '../api-schema/reviews.js';

export interface WeakLink {
  taskId: string;
  directiveId: string;
  province: string;
  score: number;
  /** Tasks that count in the link's cell (this one included). */
  cellTasks: number;
}

export interface UnlinkedTask {
  taskId: string;
  province: string;
  /** Directive items of the heatmap with no task of this province, over all its items. */
  gapShare: number;
}

export interface QueueEntry {
  kind: QueueKind;
  taskId: string;
  directiveId: string | null;
  province: string;
  score: number | null;
  cellTasks: number | null;
  priority: number;
}

export interface RankOptions {
  threshold: number;
  margin: number;
}

/** True when a proposal's score is close enough to the threshold to be doubtful. */
export const nearThreshold = (score: number, o: RankOptions) => score < o.threshold + o.margin;

export function weakLinkPriority(link: Pick<WeakLink, 'score' | 'cellTasks'>, o: RankOptions): number {
  const u = Math.min(1, Math.max(0, 1 - (link.score - o.threshold) / o.margin));
  const weight = 0.5 + 0.5 * u;
  return link.cellTasks <= 1 ? weight : (weight / link.cellTasks) * 0.5;
}

export const unlinkedPriority = (t: Pick<UnlinkedTask, 'gapShare'>) => 0.5 * Math.min(1, Math.max(0, t.gapShare));

const round = (x: number) => Math.round(x * 1000) / 1000;

export function rankQueue(weak: WeakLink[], unlinked: UnlinkedTask[], o: RankOptions): QueueEntry[] {
  const entries: QueueEntry[] = [
    ...weak
      .filter((l) => nearThreshold(l.score, o))
      .map((l): QueueEntry => ({
        kind: l.cellTasks <= 1 ? 'single-weak-link' : 'near-threshold',
        taskId: l.taskId,
        directiveId: l.directiveId,
        province: l.province,
        score: l.score,
        cellTasks: l.cellTasks,
        priority: round(weakLinkPriority(l, o)),
      })),
    ...unlinked.map((t): QueueEntry => ({
      kind: 'unlinked',
      taskId: t.taskId,
      directiveId: null,
      province: t.province,
      score: null,
      cellTasks: null,
      priority: round(unlinkedPriority(t)),
    })),
  ];
  return entries.sort(
    (a, b) =>
      b.priority - a.priority ||
      (a.score ?? Infinity) - (b.score ?? Infinity) ||
      a.taskId.localeCompare(b.taskId) ||
      (a.directiveId ?? '').localeCompare(b.directiveId ?? ''),
  );
}
