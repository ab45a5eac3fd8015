import { z } from 'zod';
import { LineSpan } from './nodes.js';

/** A reference from one document to another, with the sentence that proves it. */
export const CitationEdge = LineSpan.extend({
  from: z.string(),
  to: z.string(),
  kind: z.enum(['CITES', 'IMPLEMENTS']),
  /** Cited as legal basis ("Căn cứ …"). */
  basis: z.boolean(),
  /** The reference as written: "Kết luận số 69-KL/TW ngày 11/01/2024". */
  raw: z.string(),
  evidence: z.string(),
});
export type CitationEdge = z.infer<typeof CitationEdge>;

export const AgencyRole = z.enum(['LEADS', 'COORDINATES']);

export const AgencyEdge = z.object({
  agencyId: z.string(),
  itemId: z.string(),
  role: AgencyRole,
  /** The words the agency was named with in this task. */
  raw: z.string(),
});
export type AgencyEdge = z.infer<typeof AgencyEdge>;

/** Task → directive item it carries out, as judged by a linker. */
export const ItemLink = z.object({
  taskId: z.string(),
  directiveId: z.string(),
  score: z.number(),
  method: z.string(),
});
export type ItemLink = z.infer<typeof ItemLink>;

/**
 * What a reviewer decides about a task → directive link: `confirm` a proposal, `reject` it, `add`
 * a link the linker did not propose, or `clear` an earlier decision (the linker's proposal, if
 * any, counts again).
 */
export const ReviewDecision = z.enum(['confirm', 'reject', 'add', 'clear']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** How a link stands once reviews are applied to the linker's proposals. */
export const LinkStatus = z.enum(['proposed', 'confirmed', 'added', 'rejected']);
export type LinkStatus = z.infer<typeof LinkStatus>;

/** A Review node, and each ReviewEvent (the same fields, as they were set by one change). */
export const ReviewNode = z.object({
  taskId: z.string().min(1),
  directiveId: z.string().min(1),
  decision: ReviewDecision,
  reviewer: z.string().min(1),
  comment: z.string().nullable(),
  /** ISO date-time of the decision. */
  at: z.string(),
  /** sha256 of the task's text when it was reviewed: a different text now makes the review stale. */
  taskTextHash: z.string(),
});
export type ReviewNode = z.infer<typeof ReviewNode>;
