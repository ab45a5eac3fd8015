import type { ManagedTransaction } from 'neo4j-driver';

/**
 * Lists a file as another source of a document whose text stays as it is (a shorter copy or a
 * report about it; ingest/which-text.ts). Nothing else of the document changes.
 */
export async function addOtherSource(tx: ManagedTransaction, documentId: string, file: string): Promise<void> {
  await tx.run(
    `MATCH (d:Document {id: $documentId})
     WHERE d.sourceFile IS NULL OR d.sourceFile <> $file
     SET d.otherSources = CASE WHEN $file IN coalesce(d.otherSources, []) THEN d.otherSources
                               ELSE coalesce(d.otherSources, []) + $file END`,
    { documentId, file },
  );
}
