import { BULK_DEADLINE_MS, writeQuery, type Db } from './db.js';

/**
 * Documents keep how many items, tasks and directive items they hold (`itemCount`, `taskCount`,
 * `directiveCount`, written with the document by upsert-document.ts), so that a lineage answer
 * that leaves their items out can count them without reading 50,000 items. Documents written
 * before the counts existed get them here, once; afterwards this finds nothing to do.
 */
export async function backfillItemCounts(db: Db): Promise<void> {
  await writeQuery(
    db,
    `MATCH (d:Document) WHERE d.itemCount IS NULL AND NOT coalesce(d.stub, false)
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(i:Item)
       RETURN count(i) AS items, count(CASE WHEN i:Task THEN 1 END) AS tasks, count(CASE WHEN i:Directive THEN 1 END) AS directives
     }
     SET d.itemCount = items, d.taskCount = tasks, d.directiveCount = directives`,
    {},
    { deadlineMs: BULK_DEADLINE_MS },
  );
}
