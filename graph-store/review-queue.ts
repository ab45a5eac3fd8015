/**
 * What the review queue reads (ranked by review-rank.ts): for one central document's heatmap, the
 * linker's unreviewed proposals to its items, with the number of tasks in their cell, and the tasks
 * of the documents implementing it that have no link that counts.
 */
import { readQuery, type Db } from './db.js';
import { COUNTED, LINKS_TO } from './effective-links.js';
import type { UnlinkedTask, WeakLink } from './review-rank.js';
import { TASK_FIELDS, type TaskEvidence } from './task-rows.js';

/** Proposed, unreviewed links to the document's directive items scored under `below`. */
export async function weakLinks(db: Db, documentId: string, below: number): Promise<WeakLink[]> {
  return readQuery<WeakLink>(
    db,
    `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Directive)
     ${LINKS_TO('i')}
     WITH i, t, status, score WHERE t.province IS NOT NULL AND status IN ${COUNTED}
     WITH i, t.province AS province, collect({ taskId: t.id, status: status, score: score }) AS links
     UNWIND links AS l
     WITH i, province, size(links) AS cellTasks, l WHERE l.status = 'proposed' AND l.score < $below
     RETURN l.taskId AS taskId, i.id AS directiveId, province, l.score AS score, cellTasks`,
    { id: documentId, below },
  );
}

/**
 * Tasks of the documents implementing this one (at any depth) with no link that counts and no
 * review at all (a task whose every link was rejected has been looked at). With reviews as
 * effective-links.ts applies them, that is: no proposal and no decision, which is read without
 * following every link. `gapShare` is filled in from the heatmap by the caller.
 */
export async function unlinkedTasks(db: Db, documentId: string): Promise<Omit<UnlinkedTask, 'gapShare'>[]> {
  return readQuery<Omit<UnlinkedTask, 'gapShare'>>(
    db,
    `MATCH (x:Document)-[:IMPLEMENTS*1..6]->(:Document {id: $id})
     WITH DISTINCT x
     MATCH (x)-[:CONTAINS]->(t:Task) WHERE t.province IS NOT NULL
       AND NOT EXISTS { (t)-[:IMPLEMENTS]->(:Directive) }
       AND NOT EXISTS { MATCH (rv:Review {taskId: t.id}) WHERE rv.decision <> 'clear' }
     RETURN t.id AS taskId, t.province AS province
     ORDER BY t.id`,
    { id: documentId },
  );
}

export type TaskChoiceRow = Pick<TaskEvidence, 'task' | 'document'>;

/** Tasks by id, with their documents (ids not in the graph are left out). */
export async function tasksByIds(db: Db, ids: string[]): Promise<Map<string, TaskChoiceRow>> {
  const rows = await readQuery<TaskChoiceRow>(
    db,
    `UNWIND $ids AS id MATCH (d:Document)-[:CONTAINS]->(t:Task {id: id})
     RETURN ${TASK_FIELDS('t')} AS task, d { .id, .number, .title, .province } AS document`,
    { ids },
  );
  return new Map(rows.map((r) => [r.task.id, r]));
}
