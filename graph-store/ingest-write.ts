import type { ManagedTransaction } from 'neo4j-driver';
import type { DocumentRecord, ItemLink } from '../graph-schema/index.js';
import { writeTransaction, type Db } from './db.js';
import { readImplementerContexts, type ImplementerContext } from './link-reads.js';
import { addOtherSource } from './other-sources.js';
import { checkedRecord, writeRecord } from './upsert-document.js';

/** The links of one implementing document's items, decided anew (ingest/pipeline.ts). */
export interface Relinked {
  documentId: string;
  links: ItemLink[];
}

/**
 * What one ingested file changes, decided before the transaction opens (ingest/pipeline.ts):
 * - `other-source`: the graph keeps its fuller text; the file is only listed as another source;
 * - `record`: the record (its own item links decided) is written; when its document has directive
 *   items, `relink` decides the links of the documents that implement it from what the graph holds
 *   once the record is in (pure but for the similarity, which may be async; no database).
 */
export type IngestWrite =
  | { kind: 'other-source'; documentId: string; file: string }
  | { kind: 'record'; record: DocumentRecord; relink?: (implementers: ImplementerContext[]) => Promise<Relinked[]> };

/**
 * One transaction for everything a file changes: the record, the other-source note, and the
 * relinked implementers. A process killed mid-write leaves the graph as it was; a transaction
 * retried (write-turns.ts, the driver) redoes the whole of it, each part idempotent (merges, and
 * links replaced rather than added).
 */
export async function writeIngest(db: Db, write: IngestWrite): Promise<void> {
  if (write.kind === 'other-source') {
    return writeTransaction(db, (tx) => addOtherSource(tx, write.documentId, write.file));
  }
  const record = checkedRecord(write.record);
  return writeTransaction(db, async (tx) => {
    await writeRecord(tx, record);
    if (!write.relink) return;
    // Read after the record is written, in the same transaction: implementers that reached the
    // document through a yearless stub it just absorbed count, and see its new directive items.
    const implementers = await readImplementerContexts(tx, record.document.id);
    for (const { documentId, links } of await write.relink(implementers)) await replaceItemLinks(tx, documentId, links);
  });
}

/** Replaces the links of one document's items to directive items (they are derived, not parsed). */
async function replaceItemLinks(tx: ManagedTransaction, documentId: string, links: ItemLink[]): Promise<void> {
  await tx.run(`MATCH (:Document {id: $id})-[:CONTAINS]->(:Item)-[r:IMPLEMENTS]->(:Item) DELETE r`, { id: documentId });
  await tx.run(
    `UNWIND $links AS l
     MATCH (t:Item {id: l.taskId}), (d:Item {id: l.directiveId})
     MERGE (t)-[r:IMPLEMENTS]->(d) SET r.score = l.score, r.method = l.method`,
    { links },
  );
}
