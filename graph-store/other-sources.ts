import type { Db } from './db.js';
import { writeQuery } from './db.js';

/**
 * Lists a file as another source of a document whose text stays as it is (a shorter copy or a
 * report about it; ingest/which-text.ts). Nothing else of the document changes.
 */
export async function addOtherSource(db: Db, documentId: string, file: string): Promise<void> {
  await writeQuery(
    db,
    `MATCH (d:Document {id: $documentId})
     WHERE d.sourceFile IS NULL OR d.sourceFile <> $file
     SET d.otherSources = CASE WHEN $file IN coalesce(d.otherSources, []) THEN d.otherSources
                               ELSE coalesce(d.otherSources, []) + $file END`,
    { documentId, file },
  );
}
