import { readQuery, writeTransaction, type Db } from './db.js';
import type { ItemLink } from '../graph-schema/index.js';

/** What the graph already knows of a document, to skip an unchanged re-ingest. */
export interface DocumentState {
  contentHash: string | null;
  stub: boolean;
  sourceFile: string | null;
  textLength: number;
  items: number;
  warnings: string[];
}

/** What the graph holds of a document, to compare an upload with (ingest/which-text.ts). */
export async function documentState(db: Db, id: string): Promise<DocumentState | null> {
  const rows = await readQuery<DocumentState>(
    db,
    `MATCH (d:Document {id: $id})
     RETURN d.contentHash AS contentHash, coalesce(d.stub, false) AS stub, d.sourceFile AS sourceFile,
            size(coalesce(d.text, '')) AS textLength, COUNT { (d)-[:CONTAINS]->(:Item) } AS items,
            coalesce(d.warnings, []) AS warnings`,
    { id },
  );
  return rows[0] ?? null;
}

export interface DirectiveCandidate {
  id: string;
  documentId: string;
  text: string;
  sectionPath: string[];
  sectionTitles: string[];
}

/**
 * Directive items that tasks of a document implementing `parentIds` may carry out: those of the
 * parents and of what they implement in turn (003 → 245-KH/TU → 69-KL/TW). Taking the parents
 * rather than the document lets links be computed before the document itself is written.
 */
export async function directiveCandidates(db: Db, parentIds: string[], maxDepth = 3): Promise<DirectiveCandidate[]> {
  return readQuery<DirectiveCandidate>(
    db,
    `MATCH (p:Document) WHERE p.id IN $ids
     MATCH (p)-[:IMPLEMENTS*0..${Math.trunc(maxDepth)}]->(q:Document)-[:CONTAINS]->(i:Directive)
     RETURN DISTINCT i.id AS id, i.documentId AS documentId, i.text AS text,
            i.sectionPath AS sectionPath, i.sectionTitles AS sectionTitles`,
    { ids: parentIds },
  );
}

/**
 * Which of these documents reaches which along IMPLEMENTS (up to `maxDepth` steps, through any
 * document): what ingest/link/nearest-directives.ts needs to keep a plan's links on the nearest
 * directive document of its chain.
 */
export async function implementsAmong(db: Db, documentIds: string[], maxDepth = 3): Promise<[string, string][]> {
  const rows = await readQuery<{ from: string; to: string }>(
    db,
    `UNWIND $ids AS id
     MATCH (:Document {id: id})-[:IMPLEMENTS*1..${Math.trunc(maxDepth)}]->(b:Document) WHERE b.id IN $ids
     RETURN DISTINCT id AS from, b.id AS to`,
    { ids: documentIds },
  );
  return rows.map((r) => [r.from, r.to]);
}

/** Documents with items to link (tasks, or directive items of their own) that implement this one, directly or through intermediate plans. */
export async function implementingDocuments(db: Db, documentId: string, maxDepth = 4): Promise<string[]> {
  const rows = await readQuery<{ id: string }>(
    db,
    `MATCH (d:Document)-[:IMPLEMENTS*1..${Math.trunc(maxDepth)}]->(:Document {id: $id})
     WHERE EXISTS { (d)-[:CONTAINS]->(x:Item) WHERE x:Task OR x:Directive }
     RETURN DISTINCT d.id AS id`,
    { id: documentId },
  );
  return rows.map((r) => r.id);
}

export interface LinkableTask {
  id: string;
  text: string;
  sectionPath: string[];
  sectionTitles: string[];
}

/** The items of a document the linker links: its tasks and its own directive items (69-KL/TW's, under 20-NQ/TW). */
export async function tasksOf(db: Db, documentId: string): Promise<LinkableTask[]> {
  return readQuery<LinkableTask>(
    db,
    `MATCH (:Document {id: $id})-[:CONTAINS]->(t:Item) WHERE t:Task OR t:Directive
     RETURN t.id AS id, t.text AS text, t.sectionPath AS sectionPath, t.sectionTitles AS sectionTitles
     ORDER BY t.ordinal`,
    { id: documentId },
  );
}

/** Replaces the links of one document's items to directive items (they are derived, not parsed). */
export async function replaceItemLinks(db: Db, documentId: string, links: ItemLink[]): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.run(`MATCH (:Document {id: $id})-[:CONTAINS]->(:Item)-[r:IMPLEMENTS]->(:Item) DELETE r`, { id: documentId });
    await tx.run(
      `UNWIND $links AS l
       MATCH (t:Item {id: l.taskId}), (d:Item {id: l.directiveId})
       MERGE (t)-[r:IMPLEMENTS]->(d) SET r.score = l.score, r.method = l.method`,
      { links },
    );
  });
}
