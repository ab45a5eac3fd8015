import { writeTransaction, type Db } from './db.js';
import { clearOwnedEdges, collectGarbage } from './ownership.js';

export interface DeleteSummary {
  documentId: string;
  found: boolean;
  itemsDeleted: number;
  /** Other documents still cite it, so it stays as a stub rather than vanishing from their lineage. */
  keptAsStub: boolean;
}

/** Deletes a document and what only it owned, in one transaction. */
export async function deleteDocument(db: Db, documentId: string): Promise<DeleteSummary> {
  return writeTransaction(db, async (tx) => {
    const found = await tx.run('MATCH (d:Document {id: $id}) RETURN d.id', { id: documentId });
    if (found.records.length === 0) return { documentId, found: false, itemsDeleted: 0, keptAsStub: false };
    await clearOwnedEdges(tx, documentId);
    const items = await tx.run(
      `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Item)
       WITH i, i.id AS id DETACH DELETE i RETURN count(id) AS n`,
      { id: documentId },
    );
    const kept = await tx.run(
      `MATCH (d:Document {id: $id})
       WITH d, EXISTS { ()-[:CITES|IMPLEMENTS]->(d) } AS cited
       CALL (d, cited) {
         WITH d WHERE cited
         SET d.stub = true, d.text = null, d.contentHash = null, d.sourceFile = null, d.otherSources = [],
             d.itemCount = null, d.taskCount = null, d.directiveCount = null, d.writtenAt = timestamp()
       }
       CALL (d, cited) {
         WITH d WHERE NOT cited
         DETACH DELETE d
       }
       RETURN cited`,
      { id: documentId },
    );
    await collectGarbage(tx);
    return {
      documentId,
      found: true,
      itemsDeleted: Number(items.records[0]?.get('n') ?? 0),
      keptAsStub: Boolean(kept.records[0]?.get('cited')),
    };
  });
}
