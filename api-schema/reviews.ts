import { z } from 'zod';
import { DOC_69, DocumentIdParam, Format, ItemIdParam, Limit, Page, ProvinceEraParam, TaskIdParam } from './common.js';
import { DirectiveRow, LinkReview, LinkStatusSchema, ReviewDecision, TaskDoc, TaskFields, ViaItem } from './audit.js';

const DirectiveIdParam = ItemIdParam.meta({ description: 'a directive item id', example: `${DOC_69}#6.1` });

/** POST /api/reviews: one decision on one task → directive link. */
export const ReviewBody = z
  .strictObject({
    taskId: TaskIdParam,
    directiveId: DirectiveIdParam,
    decision: ReviewDecision.meta({
      description: 'confirm a proposal, reject it, add a link the linker did not propose, or clear an earlier decision',
    }),
    reviewer: z.string().trim().min(1, 'reviewer is required').max(200).meta({ description: 'who decides (a name)', example: 'Nguyễn Văn A' }),
    comment: z.string().trim().max(2000).optional().meta({ description: 'why' }),
  })
  .meta({ id: 'ReviewBody' });
export type ReviewBody = z.output<typeof ReviewBody>;

export const ReviewsQuery = z.strictObject({
  taskId: TaskIdParam.optional(),
  directiveId: DirectiveIdParam.optional(),
  documentId: DocumentIdParam.optional().meta({ description: 'reviews of the tasks of this document' }),
  reviewer: z.string().min(1).max(200).optional(),
  format: Format,
});
export type ReviewsQuery = z.output<typeof ReviewsQuery>;

/** One change of a review: what was decided, by whom, when and why, on which text of the task. */
export const ReviewEvent = z.object({
  decision: ReviewDecision,
  reviewer: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
  taskTextHash: z.string().meta({ description: 'fingerprint of the task\'s text when this decision was made' }),
});
export type ReviewEvent = z.output<typeof ReviewEvent>;

export const Review = z
  .object({
    taskId: z.string(),
    directiveId: z.string(),
    decision: ReviewDecision,
    reviewer: z.string(),
    comment: z.string().nullable(),
    at: z.string(),
    stale: z.boolean().nullable().meta({ description: 'the task\'s text changed since the review (null: the task is not in the graph now)' }),
    taskMissing: z.boolean().meta({ description: 'the task is not in the graph now (its document deleted): the review waits for it' }),
    status: LinkStatusSchema.nullable(),
    history: z.array(ReviewEvent).meta({ description: 'every change, oldest first' }),
  })
  .meta({ id: 'Review' });
export type Review = z.output<typeof Review>;

export const ReviewList = Page(Review, 'ReviewList');
export type ReviewList = z.output<typeof ReviewList>;

export const TaskLinksQuery = z.strictObject({ taskId: TaskIdParam });
export type TaskLinksQuery = z.output<typeof TaskLinksQuery>;

/** A directive item to pick: named, like a rolled-up step, with its document's number. */
export const DirectiveChoice = ViaItem.meta({ id: 'DirectiveChoice' });
export type DirectiveChoice = z.output<typeof DirectiveChoice>;

export const TaskLinks = z
  .object({
    task: TaskFields,
    document: TaskDoc,
    links: z.array(
      z.object({ directive: DirectiveChoice, status: LinkStatusSchema, score: z.number().nullable(), method: z.string().nullable(), review: LinkReview.nullable() }),
    ),
    candidates: z.array(DirectiveChoice).meta({ description: 'directive items of the documents the task\'s document implements that it has no counted link to' }),
  })
  .meta({ id: 'TaskLinks' });
export type TaskLinks = z.output<typeof TaskLinks>;

export const CellCandidatesQuery = z.strictObject({
  directiveId: DirectiveIdParam,
  province: z.string().min(1, 'province is required').max(200),
  provinces: ProvinceEraParam,
});
export type CellCandidatesQuery = z.output<typeof CellCandidatesQuery>;

export const CellCandidates = Page(z.object({ task: TaskFields, document: TaskDoc }), 'CellCandidates');
export type CellCandidates = z.output<typeof CellCandidates>;

export const QueueQuery = z.strictObject({
  documentId: DocumentIdParam.default(DOC_69).meta({ description: 'the central document whose heatmap the decisions would change' }),
  limit: Limit(500, 50),
  format: Format,
});
export type QueueQuery = z.output<typeof QueueQuery>;

export const QueueEntry = z
  .object({
    kind: z.enum(['single-weak-link', 'near-threshold', 'unlinked']).meta({
      description: 'single-weak-link: a cell held up by one link scored near the threshold; near-threshold: such a link among others; unlinked: a task with no link that counts',
    }),
    priority: z.number().meta({ description: 'how much a decision could change the heatmap (see graph-store/review-rank.ts)' }),
    province: z.string(),
    score: z.number().nullable(),
    cellTasks: z.number().int().nullable(),
    task: TaskFields,
    document: TaskDoc,
    directive: DirectiveRow.nullable(),
  })
  .meta({ id: 'QueueEntry' });
export type QueueEntry = z.output<typeof QueueEntry>;

export const Queue = z
  .object({
    document: z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable() }),
    threshold: z.number().meta({ description: 'the linker\'s threshold' }),
    margin: z.number().meta({ description: 'links scored under threshold + margin are near it' }),
    total: z.number().int(),
    items: z.array(QueueEntry),
  })
  .meta({ id: 'ReviewQueue' });
export type Queue = z.output<typeof Queue>;

export type QueueKind = QueueEntry['kind'];
