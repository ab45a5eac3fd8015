/**
 * The one list of node labels and relationship types. Cypher strings mostly spell them out (a
 * query reads best as written; a few build from these constants); test/unit/cypher-labels.test.ts
 * holds every label and type in the code's Cypher strings to this list.
 */
export const Label = {
  Document: 'Document',
  /** Every item of a document carries `Item`, plus `Directive` and/or `Task`. */
  Item: 'Item',
  Directive: 'Directive',
  Task: 'Task',
  Agency: 'Agency',
  /** A province: one of the 63 as documents name them (`era: 'historical'`) or one of the 34 of 2025. */
  Province: 'Province',
  /**
   * A reviewer's current decision on one task → directive link, keyed by the two items' stable ids
   * (not by node ids or edges): it is stored apart from the linker's IMPLEMENTS edges, so it
   * outlives re-ingests, a document deleted and uploaded again, and linker changes.
   */
  Review: 'Review',
  /** One change of a Review (who, when, what, why): never updated nor deleted. */
  ReviewEvent: 'ReviewEvent',
} as const;
export type Label = (typeof Label)[keyof typeof Label];

export const Rel = {
  /** Document → Document: any reference, legal basis ("Căn cứ") included. */
  CITES: 'CITES',
  /** Document → Document it carries out; Task → Directive item it carries out. */
  IMPLEMENTS: 'IMPLEMENTS',
  /** Agency → Task it is in charge of (chủ trì). */
  LEADS: 'LEADS',
  /** Agency → Task it takes part in (phối hợp). */
  COORDINATES: 'COORDINATES',
  /** Document → Agency that issued it. */
  ISSUED_BY: 'ISSUED_BY',
  /** Document → each of its items. */
  CONTAINS: 'CONTAINS',
  /** Historical Province → the 2025 unit it belongs to (`date`: 2025-07-01; `unchanged` when it kept its territory). */
  MERGED_INTO: 'MERGED_INTO',
  /** Review → each ReviewEvent that changed it. */
  RECORDED: 'RECORDED',
} as const;
export type Rel = (typeof Rel)[keyof typeof Rel];
