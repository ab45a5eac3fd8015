import { z } from '../openapi/zod.js';
import { DOC_69, DocumentIdParam, Format, ItemIdParam, Limit, ProvinceEraParam, TaskIdParam } from './common.js';
import { DirectiveRow, LinkReview, LinkStatusSchema, ReviewDecision, TaskDoc, TaskFields } from './audit.js';

const DirectiveIdParam = ItemIdParam.openapi({ description: 'a directive item id', example: `${DOC_69}#6.1` });

/** POST /api/reviews: one decision on one task → directive link. */
export const ReviewBody = z
  .strictObject({
    taskId: TaskIdParam,
    directiveId: DirectiveIdParam,
    decision: ReviewDecision.openapi({
      description: 'confirm a proposal, reject it, add a link the linker did not propose, or clear an earlier decision',
    }),
    reviewer: z.string().trim().min(1, 'reviewer is required').max(200).openapi({ description: 'who decides (a name)', example: 'Nguyễn Văn A' }),
    comment: z.string().trim().max(2000).optional().openapi({ description: 'why' }),
  })
  .openapi('ReviewBody');

export const ReviewsQuery = z.strictObject({
  taskId: TaskIdParam.optional(),
  directiveId: DirectiveIdParam.optional(),
  documentId: DocumentIdParam.optional().openapi({ description: 'reviews of the tasks of this document' }),
  reviewer: z.string().min(1).max(200).optional(),
  format: Format,
});

const ReviewEvent = z.object({
  decision: ReviewDecision,
  reviewer: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
  taskTextHash: z.string().openapi({ description: 'fingerprint of the task\'s text when this decision was made' }),
});

export const Review = z
  .object({
    taskId: z.string(),
    directiveId: z.string(),
    decision: ReviewDecision,
    reviewer: z.string(),
    comment: z.string().nullable(),
    at: z.string(),
    stale: z.boolean().nullable().openapi({ description: 'the task\'s text changed since the review (null: the task is not in the graph now)' }),
    taskMissing: z.boolean().openapi({ description: 'the task is not in the graph now (its document deleted): the review waits for it' }),
    status: LinkStatusSchema.nullable(),
    history: z.array(ReviewEvent).openapi({ description: 'every change, oldest first' }),
  })
  .openapi('Review');

export const ReviewList = z.object({ total: z.number().int(), items: z.array(Review) }).openapi('ReviewList');

export const TaskLinksQuery = z.strictObject({ taskId: TaskIdParam });

const DirectiveChoice = z
  .object({ id: z.string(), documentId: z.string(), documentNumber: z.string().nullable(), sectionPath: z.array(z.string()), text: z.string() })
  .openapi('DirectiveChoice');


export const TaskLinks = z
  .object({
    task: TaskFields,
    document: TaskDoc,
    links: z.array(
      z.object({ directive: DirectiveChoice, status: LinkStatusSchema, score: z.number().nullable(), method: z.string().nullable(), review: LinkReview.nullable() }),
    ),
    candidates: z.array(DirectiveChoice).openapi({ description: 'directive items of the documents the task\'s document implements that it has no counted link to' }),
  })
  .openapi('TaskLinks');

export const CellCandidatesQuery = z.strictObject({
  directiveId: DirectiveIdParam,
  province: z.string().min(1, 'province is required').max(200),
  provinces: ProvinceEraParam,
});

export const CellCandidates = z
  .object({ total: z.number().int(), items: z.array(z.object({ task: TaskFields, document: TaskDoc })) })
  .openapi('CellCandidates');

export const QueueQuery = z.strictObject({
  documentId: DocumentIdParam.default(DOC_69).openapi({ description: 'the central document whose heatmap the decisions would change' }),
  limit: Limit(500, 50),
  format: Format,
});

export const QueueEntry = z
  .object({
    kind: z.enum(['single-weak-link', 'near-threshold', 'unlinked']).openapi({
      description: 'single-weak-link: a cell held up by one link scored near the threshold; near-threshold: such a link among others; unlinked: a task with no link that counts',
    }),
    priority: z.number().openapi({ description: 'how much a decision could change the heatmap (see graph-store/review-rank.ts)' }),
    province: z.string(),
    score: z.number().nullable(),
    cellTasks: z.number().int().nullable(),
    task: TaskFields,
    document: TaskDoc,
    directive: DirectiveRow.nullable(),
  })
  .openapi('QueueEntry');

export const Queue = z
  .object({
    document: z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable() }),
    threshold: z.number().openapi({ description: 'the linker\'s threshold' }),
    margin: z.number().openapi({ description: 'links scored under threshold + margin are near it' }),
    total: z.number().int(),
    items: z.array(QueueEntry),
  })
  .openapi('ReviewQueue');
