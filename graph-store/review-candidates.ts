/**
 * What a reviewer picks from. For a task: its links in every status and the directive items its
 * document may carry out (those of the documents it implements, at any depth), for the "add a
 * link" picker. For a heatmap cell: the tasks of the province, in documents implementing the
 * directive's document, that do not count for the item yet.
 */
import { readQuery, type Db } from './db.js';
import { COUNTS, LINKS_FROM, LINK_MAP } from './effective-links.js';
import { reviewAsShown, type LinkFields } from './link-evidence.js';
import { TASK_FIELDS, type TaskEvidence } from './task-rows.js';
import type { DirectiveChoice, TaskLinks } from '../api-schema/reviews.js';
export type { DirectiveChoice, TaskLinks } from '../api-schema/reviews.js';

const CHOICE = (i: string, d: string) => `{ id: ${i}.id, documentId: ${i}.documentId, documentNumber: ${d}.number, sectionPath: ${i}.sectionPath, text: ${i}.text }`;

/** Null when there is no such task. */
export async function taskLinks(db: Db, taskId: string): Promise<TaskLinks | null> {
  const [row] = await readQuery<Omit<TaskLinks, 'links'> & { links: { directive: DirectiveChoice; link: LinkFields }[] }>(
    db,
    `MATCH (d:Document)-[:CONTAINS]->(t:Task {id: $id})
     RETURN ${TASK_FIELDS('t')} AS task, d { .id, .number, .title, .province } AS document,
            COLLECT { ${LINKS_FROM('t')} MATCH (ld:Document)-[:CONTAINS]->(i)
                      WITH i, ld, ${LINK_MAP} AS link
                      RETURN { directive: ${CHOICE('i', 'ld')}, link: link } ORDER BY i.documentId, i.ordinal } AS links,
            COLLECT { MATCH (d)-[:IMPLEMENTS*1..6]->(p:Document)-[:CONTAINS]->(i:Directive)
                      WITH DISTINCT t, p, i WHERE NOT ${COUNTS('t', 'i')}
                      RETURN ${CHOICE('i', 'p')} ORDER BY p.id, i.ordinal, i.lineStart } AS candidates`,
    { id: taskId },
  );
  if (!row) return null;
  return {
    ...row,
    links: row.links.map(({ directive, link }) => ({
      directive,
      status: link.status,
      score: link.score,
      method: link.method,
      review: reviewAsShown(link.review, row.task.text),
    })),
  };
}

export type TaskChoice = Pick<TaskEvidence, 'task' | 'document'>;

/** Tasks of the provinces named that could be linked to directive item `directiveId` and do not count for it. */
export async function cellCandidates(db: Db, directiveId: string, provinces: string[]): Promise<TaskChoice[] | null> {
  const [row] = await readQuery<{ tasks: TaskChoice[] }>(
    db,
    `MATCH (root:Document)-[:CONTAINS]->(i:Directive {id: $id})
     RETURN COLLECT { MATCH (d:Document)-[:IMPLEMENTS*1..6]->(root) WHERE d.province IN $provinces
                      WITH DISTINCT i, d MATCH (d)-[:CONTAINS]->(t:Task) WHERE NOT ${COUNTS('t', 'i')}
                      RETURN { task: ${TASK_FIELDS('t')}, document: d { .id, .number, .title, .province } } ORDER BY d.id, t.ordinal } AS tasks`,
    { id: directiveId, provinces },
  );
  return row ? row.tasks : null;
}
