/** The one list of node labels and relationship types; every Cypher string uses these. */
export const Label = {
  Document: 'Document',
  /** Every item of a document carries `Item`, plus `Directive` and/or `Task`. */
  Item: 'Item',
  Directive: 'Directive',
  Task: 'Task',
  Agency: 'Agency',
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
} as const;
export type Rel = (typeof Rel)[keyof typeof Rel];
