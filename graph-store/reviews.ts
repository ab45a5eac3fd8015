/**
 * Reviewers' decisions on task → directive links. A Review node holds the current decision of one
 * (task id, directive id) pair; each change adds a ReviewEvent (who, when, what, why) that is never
 * changed. Neither is connected to the items, whose nodes an ingest deletes and writes again: they
 * are joined by id (effective-links.ts), so a decision survives re-ingests, a document deleted and
 * uploaded again, and the linker's changes.
 */
import neo4j from 'neo4j-driver';
import { Label, Rel, type LinkStatus } from '../graph-schema/index.js';
import type { Review, ReviewBody, ReviewEvent, ReviewsQuery } from '../api-schema/reviews.js';
import { readQuery, writeTransaction, type Db } from './db.js';
import { LINK_STATUS } from './effective-links.js';
import { reviewAsShown, taskTextHash, type LinkReview } from './link-evidence.js';

/** A decision as it is written: the API's body, with its comment (null when none) and its time (ISO date-time). */
export type ReviewInput = Omit<ReviewBody, 'comment'> & { comment: string | null; at: string };

export type RecordOutcome = { ok: true; review: Review } | { ok: false; missing: 'task' | 'directive item'; id: string };

/** Records a decision (and its history event) in one transaction; refuses unknown tasks and items. */
export async function recordReview(db: Db, input: ReviewInput): Promise<RecordOutcome> {
  const found = await writeTransaction(db, async (tx) => {
    const res = await tx.run(
      `OPTIONAL MATCH (t:${Label.Task} {id: $taskId}) OPTIONAL MATCH (i:${Label.Directive} {id: $directiveId})
       RETURN t.text AS text, i IS NOT NULL AS directive`,
      { taskId: input.taskId, directiveId: input.directiveId },
    );
    const text = res.records[0]?.get('text') as string | null;
    if (text == null) return { missing: 'task' as const, id: input.taskId };
    if (!res.records[0]?.get('directive')) return { missing: 'directive item' as const, id: input.directiveId };
    await tx.run(
      `MERGE (v:${Label.Review} {taskId: $taskId, directiveId: $directiveId})
       SET v.decision = $decision, v.reviewer = $reviewer, v.comment = $comment, v.at = $at, v.taskTextHash = $hash
       CREATE (v)-[:${Rel.RECORDED}]->(:${Label.ReviewEvent} {taskId: $taskId, directiveId: $directiveId, decision: $decision,
                                                reviewer: $reviewer, comment: $comment, at: $at, taskTextHash: $hash})`,
      { ...input, hash: taskTextHash(text) },
    );
    return null;
  });
  if (found) return { ok: false, ...found };
  const [review] = await listReviews(db, { taskId: input.taskId, directiveId: input.directiveId });
  return { ok: true, review: review! };
}

/** The API's filters of reviews (`documentId`: reviews of the tasks of one document). */
export type ReviewFilters = Omit<ReviewsQuery, 'format'>;

/** Reviews, newest first, with their history and how the link stands now. */
export async function listReviews(db: Db, f: ReviewFilters, limit = 1000): Promise<Review[]> {
  const rows = await readQuery<{ v: Omit<Review, 'stale' | 'taskMissing' | 'status' | 'history'> & { taskTextHash: string }; text: string | null; status: LinkStatus | null; history: ReviewEvent[] }>(
    db,
    `MATCH (v:${Label.Review})
     WHERE ($taskId IS NULL OR v.taskId = $taskId) AND ($directiveId IS NULL OR v.directiveId = $directiveId)
       AND ($documentId IS NULL OR v.taskId STARTS WITH $documentId + '#') AND ($reviewer IS NULL OR v.reviewer = $reviewer)
     WITH v ORDER BY v.at DESC, v.taskId, v.directiveId LIMIT $limit
     OPTIONAL MATCH (t:${Label.Task} {id: v.taskId})
     OPTIONAL MATCH (i:${Label.Directive} {id: v.directiveId})
     RETURN v { .taskId, .directiveId, .decision, .reviewer, .comment, .at, .taskTextHash } AS v, t.text AS text,
            CASE WHEN t IS NULL OR i IS NULL THEN null ELSE ${LINK_STATUS('t', 'i')} END AS status,
            COLLECT { MATCH (v)-[:${Rel.RECORDED}]->(e:${Label.ReviewEvent})
                      WITH e ORDER BY e.at, elementId(e) RETURN e { .decision, .reviewer, .comment, .at, .taskTextHash } } AS history`,
    { taskId: f.taskId ?? null, directiveId: f.directiveId ?? null, documentId: f.documentId ?? null, reviewer: f.reviewer ?? null, limit: neo4j.int(limit) },
  );
  return rows.map(({ v, text, status, history }) => {
    const { taskTextHash: _hash, ...rest } = v;
    const shown: LinkReview | null = text == null ? null : reviewAsShown(v, text);
    return { ...rest, stale: shown?.stale ?? null, taskMissing: text == null, status, history };
  });
}
