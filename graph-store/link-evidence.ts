/**
 * A task's link to a directive item as the reads return it: the linker's evidence, the status
 * reviews give it (effective-links.ts), and the current review, flagged stale when the task's text
 * is no longer the one the reviewer read.
 */
import { createHash } from 'node:crypto';
import type { LinkStatus } from '../graph-schema/index.js';
import type { ViaItem } from './roll-up.js';
import type { TaskEvidence } from './task-rows.js';
import type { LinkReview } from '../api-schema/audit.js';
export type { LinkReview } from '../api-schema/audit.js';

/** A link's fields as LINK_MAP returns them (effective-links.ts). */
export interface LinkFields {
  status: LinkStatus;
  score: number | null;
  method: string | null;
  review: (Omit<LinkReview, 'stale'> & { taskTextHash: string }) | null;
  /** Reads that roll up (roll-up.ts): the items between the task and the directive item. */
  via?: ViaItem[];
}

/** A task's row with its link, as the reads' Cypher returns it. */
export type LinkedTask = Pick<TaskEvidence, 'task' | 'document' | 'leads'> & { link: LinkFields };

/** The fingerprint of a task's text kept with a review: whitespace runs count as one space. */
export function taskTextHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
}

/** The review as shown, stale when the text it was made on is not `taskText`. */
export function reviewAsShown(review: LinkFields['review'], taskText: string): LinkReview | null {
  if (!review) return null;
  const { taskTextHash: hash, ...rest } = review;
  return { ...rest, stale: hash !== taskTextHash(taskText) };
}

export function evidenceOf({ task, document, leads, link }: LinkedTask): TaskEvidence {
  const shown = { task, document, leads, score: link.score, method: link.method, status: link.status, review: reviewAsShown(link.review, task.text) };
  return link.via ? { ...shown, via: link.via } : shown;
}
