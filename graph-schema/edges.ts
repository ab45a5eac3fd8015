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
