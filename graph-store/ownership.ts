import type { ManagedTransaction } from 'neo4j-driver';

/**
 * Which parts of the graph a document owns. Its items and their agency and directive edges are
 * its alone. A citation edge may be asserted by several documents (003 and 245-KH/TU's own text
 * can both say 245 implements 69-KL/TW), so each edge lists its `assertedBy` documents and goes
 * only when the last of them does. Agencies and stub documents go when nothing uses them.
 */
export async function clearOwnedEdges(tx: ManagedTransaction, documentId: string): Promise<void> {
  await tx.run(
    `MATCH (d:Document {id: $id})
     OPTIONAL MATCH (d)-[:CITES|IMPLEMENTS]->(p:Document)
     WITH d, collect(DISTINCT p) AS parents
     WITH parents + d AS docs
     UNWIND docs AS x
     MATCH (x)-[r:CITES|IMPLEMENTS]->(:Document) WHERE $id IN r.assertedBy
     SET r.assertedBy = [a IN r.assertedBy WHERE a <> $id]
     WITH r WHERE size(r.assertedBy) = 0
     DELETE r`,
    { id: documentId },
  );
  await tx.run(
    `MATCH (:Document {id: $id})-[:CONTAINS]->(:Item)<-[r:LEADS|COORDINATES]-(:Agency) DELETE r`,
    { id: documentId },
  );
  await tx.run(`MATCH (:Document {id: $id})-[:CONTAINS]->(:Item)-[r:IMPLEMENTS]->(:Item) DELETE r`, {
    id: documentId,
  });
  await tx.run(`MATCH (:Document {id: $id})-[r:ISSUED_BY]->(:Agency) DELETE r`, { id: documentId });
}

/** Removes stub documents nobody cites any more, then agencies nothing refers to. */
export async function collectGarbage(tx: ManagedTransaction): Promise<void> {
  await tx.run(
    `MATCH (s:Document {stub: true}) WHERE NOT ()-[:CITES|IMPLEMENTS]->(s) AND NOT (s)-[:CONTAINS]->()
     DETACH DELETE s`,
  );
  await tx.run(`MATCH (a:Agency) WHERE NOT (a)--() DELETE a`);
}
