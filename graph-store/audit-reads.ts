import { readQuery, type Db } from './db.js';

export interface DocumentAudit {
  id: string;
  title: string | null;
  number: string | null;
  province: string | null;
  level: string;
  tasks: number;
  tasksWithoutLead: number;
  collectiveLedTasks: number;
  directiveItems: number;
  directiveItemsNotImplemented: number;
  unresolvedCitations: number;
}

/** The auditor's first question, per document with text: who owns its tasks, what nobody picked up. */
export async function documentAudit(db: Db): Promise<DocumentAudit[]> {
  return readQuery<DocumentAudit>(
    db,
    `MATCH (d:Document) WHERE NOT d.stub
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
       RETURN count(t) AS tasks,
              count(CASE WHEN NOT EXISTS { (:Agency)-[:LEADS]->(t) } THEN 1 END) AS tasksWithoutLead,
              count(CASE WHEN EXISTS { (:Agency {collective: true})-[:LEADS]->(t) } THEN 1 END) AS collectiveLedTasks
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(i:Directive)
       RETURN count(i) AS directiveItems,
              count(CASE WHEN NOT EXISTS { (:Task)-[:IMPLEMENTS]->(i) } THEN 1 END) AS directiveItemsNotImplemented
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:CITES|IMPLEMENTS]->(s:Document {stub: true})
       RETURN count(DISTINCT s) AS unresolvedCitations
     }
     RETURN d.id AS id, d.title AS title, d.number AS number, d.province AS province, d.level AS level,
            tasks, tasksWithoutLead, collectiveLedTasks, directiveItems, directiveItemsNotImplemented, unresolvedCitations
     ORDER BY d.level, d.province, d.id`,
  );
}
