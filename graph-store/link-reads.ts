import type { ManagedTransaction } from 'neo4j-driver';
import { readTransaction, type Db } from './db.js';

/**
 * What linking one document needs, read in one transaction before its write (ingest/pipeline.ts),
 * and what relinking the documents that implement it needs, read inside its write transaction
 * (graph-store/ingest-write.ts). The functions take a transaction so that both reads see one
 * state of the graph.
 */

/** What the graph already knows of a document, to skip an unchanged re-ingest. */
export interface DocumentState {
  contentHash: string | null;
  stub: boolean;
  sourceFile: string | null;
  textLength: number;
  items: number;
  warnings: string[];
}

export interface DirectiveCandidate {
  id: string;
  documentId: string;
  text: string;
  sectionPath: string[];
  sectionTitles: string[];
}

export interface LinkableTask {
  id: string;
  text: string;
  sectionPath: string[];
  sectionTitles: string[];
}

/**
 * Directive items a document's items may carry out, all but the document's own, with which of
 * their documents reaches which along IMPLEMENTS ([from, to]): what ingest/link/nearest-directives.ts
 * needs to keep a plan's links on the nearest directive document of its chain.
 */
export interface CandidateSet {
  candidates: DirectiveCandidate[];
  implementsEdges: [string, string][];
}

/** What the graph holds before a record is written: its document's state and the candidates of its items. */
export interface LinkContext extends CandidateSet {
  state: DocumentState | null;
}

/** A document that implements the one being written, with the items the linker links. */
export interface ImplementerContext extends CandidateSet {
  documentId: string;
  tasks: LinkableTask[];
}

type Rows<T> = Promise<T[]>;

async function rows<T>(tx: ManagedTransaction, cypher: string, params: Record<string, unknown>): Rows<T> {
  const res = await tx.run(cypher, params);
  return res.records.map((r) => r.toObject() as T);
}

/** One read of what linking `documentId` needs, its items carrying out the directive items of `parentIds`' chains. */
export function readLinkContext(db: Db, documentId: string, parentIds: string[]): Promise<LinkContext> {
  return readTransaction(db, async (tx) => ({
    state: await documentState(tx, documentId),
    ...(await candidateSet(tx, documentId, parentIds)),
  }));
}

/** What the graph holds of a document, to compare an upload with (ingest/which-text.ts). */
async function documentState(tx: ManagedTransaction, id: string): Promise<DocumentState | null> {
  const [state] = await rows<DocumentState>(
    tx,
    `MATCH (d:Document {id: $id})
     RETURN d.contentHash AS contentHash, coalesce(d.stub, false) AS stub, d.sourceFile AS sourceFile,
            size(coalesce(d.text, '')) AS textLength, COUNT { (d)-[:CONTAINS]->(:Item) } AS items,
            coalesce(d.warnings, []) AS warnings`,
    { id },
  );
  return state ?? null;
}

/**
 * Directive items that items of `documentId`, implementing `parentIds`, may carry out: those of
 * the parents and of what they implement in turn (003 → 245-KH/TU → 69-KL/TW), not the document's
 * own. Taking the parents rather than the document lets links be computed before the document
 * itself is written.
 */
async function candidateSet(tx: ManagedTransaction, documentId: string, parentIds: string[], maxDepth = 3): Promise<CandidateSet> {
  const all = await rows<DirectiveCandidate>(
    tx,
    `MATCH (p:Document) WHERE p.id IN $ids
     MATCH (p)-[:IMPLEMENTS*0..${Math.trunc(maxDepth)}]->(q:Document)-[:CONTAINS]->(i:Directive)
     RETURN DISTINCT i.id AS id, i.documentId AS documentId, i.text AS text,
            i.sectionPath AS sectionPath, i.sectionTitles AS sectionTitles`,
    { ids: parentIds },
  );
  const candidates = all.filter((c) => c.documentId !== documentId);
  const docs = [...new Set(candidates.map((c) => c.documentId))];
  return { candidates, implementsEdges: await implementsAmong(tx, docs, maxDepth) };
}

/** Which of these documents reaches which along IMPLEMENTS (up to `maxDepth` steps, through any document). */
async function implementsAmong(tx: ManagedTransaction, documentIds: string[], maxDepth: number): Promise<[string, string][]> {
  const found = await rows<{ from: string; to: string }>(
    tx,
    `UNWIND $ids AS id
     MATCH (:Document {id: id})-[:IMPLEMENTS*1..${Math.trunc(maxDepth)}]->(b:Document) WHERE b.id IN $ids
     RETURN DISTINCT id AS from, b.id AS to`,
    { ids: documentIds },
  );
  return found.map((r) => [r.from, r.to]);
}

/**
 * Documents with items to link (tasks, or directive items of their own) that implement this one,
 * directly or through intermediate plans, each with its items and their candidates. Read inside
 * the write transaction, after the document is written: its new directive items and the edges its
 * write moved (a yearless stub absorbed) are then what the implementers see.
 */
export async function readImplementerContexts(tx: ManagedTransaction, documentId: string, maxDepth = 4): Promise<ImplementerContext[]> {
  const implementers = await rows<{ id: string }>(
    tx,
    `MATCH (d:Document)-[:IMPLEMENTS*1..${Math.trunc(maxDepth)}]->(:Document {id: $id})
     WHERE EXISTS { (d)-[:CONTAINS]->(x:Item) WHERE x:Task OR x:Directive }
     RETURN DISTINCT d.id AS id`,
    { id: documentId },
  );
  const contexts: ImplementerContext[] = [];
  for (const { id } of implementers) {
    contexts.push({ documentId: id, tasks: await tasksOf(tx, id), ...(await candidateSet(tx, id, [id])) });
  }
  return contexts;
}

/** The items of a document the linker links: its tasks and its own directive items (69-KL/TW's, under 20-NQ/TW). */
function tasksOf(tx: ManagedTransaction, documentId: string): Rows<LinkableTask> {
  return rows<LinkableTask>(
    tx,
    `MATCH (:Document {id: $id})-[:CONTAINS]->(t:Item) WHERE t:Task OR t:Directive
     RETURN t.id AS id, t.text AS text, t.sectionPath AS sectionPath, t.sectionTitles AS sectionTitles
     ORDER BY t.ordinal`,
    { id: documentId },
  );
}
