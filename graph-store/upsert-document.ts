import type { ManagedTransaction } from 'neo4j-driver';
import { DocumentRecord, currentProvinceOf, type DocumentNode } from '../graph-schema/index.js';
import { writeTransaction, type Db } from './db.js';
import { itemProps } from './properties.js';
import { collectGarbage, clearOwnedEdges } from './ownership.js';

export interface UpsertSummary {
  documentId: string;
  items: number;
  agencies: number;
  citations: number;
  /** Yearless stubs from earlier bare citations that this document's full id absorbed. */
  mergedStubs: string[];
}

/**
 * Writes one whole document (its items, agencies and edges) in one transaction: the graph never
 * holds half a document. Items are merged by id so that edges other documents point at them
 * (tasks implementing a directive item) survive a re-ingest of the same text.
 */
export async function upsertDocument(db: Db, input: DocumentRecord): Promise<UpsertSummary> {
  const record = checkedRecord(input);
  return writeTransaction(db, (tx) => writeRecord(tx, record));
}

/** The record as upsertDocument writes it, validated: checked before a transaction opens. */
export function checkedRecord(input: DocumentRecord): DocumentRecord {
  const record = DocumentRecord.parse(input);
  assertUniqueItemIds(record);
  return record;
}

function assertUniqueItemIds(record: DocumentRecord): void {
  const seen = new Set<string>();
  for (const item of record.items) {
    if (seen.has(item.id)) throw new Error(`Duplicate item id ${item.id} in ${record.document.id}`);
    seen.add(item.id);
  }
}

/** Writes a record checked by checkedRecord inside the caller's transaction (graph-store/ingest-write.ts). */
export async function writeRecord(tx: ManagedTransaction, record: DocumentRecord): Promise<UpsertSummary> {
  const doc = record.document;
  const idMap = await resolveBareCitations(tx, record.citedDocuments);
  const to = (id: string) => idMap.get(id) ?? id;
  // Each document carries the 2025 unit of its province beside the province as written.
  const cited = record.citedDocuments
    .filter((c) => !idMap.has(c.id) && c.id !== doc.id)
    .map((c) => ({ ...c, currentProvince: currentProvinceOf(c.province) }));

  await clearOwnedEdges(tx, doc.id);
  // A replaced text stays listed as a source of the document (ingest/which-text.ts).
  await tx.run(
    `MERGE (d:Document {id: $doc.id})
     WITH d, coalesce(d.otherSources, []) + CASE WHEN coalesce(d.stub, false) OR d.sourceFile IS NULL THEN [] ELSE [d.sourceFile] END AS before
     SET d += $doc,
         d.currentProvince = $currentProvince,
         d.otherSources = reduce(acc = [], s IN before | CASE WHEN s = $doc.sourceFile OR s IN acc THEN acc ELSE acc + s END),
         d.itemCount = $counts.items, d.taskCount = $counts.tasks, d.directiveCount = $counts.directives,
         d.writtenAt = timestamp()
     WITH d
     OPTIONAL MATCH (d)-[:CONTAINS]->(old:Item) WHERE NOT old.id IN $itemIds
     DETACH DELETE old`,
    { doc, currentProvince: currentProvinceOf(doc.province), itemIds: record.items.map((i) => i.id), counts: itemCounts(record) },
  );
  await tx.run(
    `UNWIND $cited AS c
     MERGE (d:Document {id: c.id})
       ON CREATE SET d += c
       ON MATCH SET d.date = coalesce(d.date, c.date), d.year = coalesce(d.year, c.year),
                    d.issuerName = coalesce(d.issuerName, c.issuerName), d.issuerId = coalesce(d.issuerId, c.issuerId)`,
    { cited },
  );
  await tx.run(
    `UNWIND $agencies AS a
     MERGE (g:Agency {id: a.id})
       ON CREATE SET g += a
       ON MATCH SET g.aliases = reduce(acc = coalesce(g.aliases, []), x IN a.aliases |
                                  CASE WHEN x IN acc THEN acc ELSE acc + x END)`,
    { agencies: record.agencies },
  );
  await tx.run(
    `MATCH (d:Document {id: $docId})
     UNWIND $items AS it
     MERGE (i:Item {id: it.id})
     // A vector is only valid for the text it was computed from.
     SET i.embedding = CASE WHEN i.text = it.text THEN i.embedding ELSE null END
     SET i += it
     MERGE (d)-[:CONTAINS]->(i)
     WITH i, it
     CALL (i, it) {
       FOREACH (_ IN CASE WHEN it.isTask THEN [1] ELSE [] END | SET i:Task)
       FOREACH (_ IN CASE WHEN it.isTask THEN [] ELSE [1] END | REMOVE i:Task)
       FOREACH (_ IN CASE WHEN it.isDirective THEN [1] ELSE [] END | SET i:Directive)
       FOREACH (_ IN CASE WHEN it.isDirective THEN [] ELSE [1] END | REMOVE i:Directive)
     }`,
    { docId: doc.id, items: record.items.map((i) => itemProps(i, doc)) },
  );
  await tx.run(
    `UNWIND $issued AS x
     MATCH (d:Document {id: x.doc}), (a:Agency {id: x.agency})
     MERGE (d)-[:ISSUED_BY]->(a)`,
    { issued: issuerEdges([doc, ...cited]) },
  );
  const citations = record.citations.map((c) => ({ ...c, from: to(c.from), to: to(c.to) }));
  for (const kind of ['CITES', 'IMPLEMENTS'] as const) {
    await tx.run(
      `UNWIND $edges AS c
       MATCH (a:Document {id: c.from}), (b:Document {id: c.to})
       MERGE (a)-[r:${kind}]->(b)
       // Evidence and line numbers stay those of the first document that stated the edge, so
       // they always point into the text of sourceDocument.
       WITH r, c, r.sourceDocument IS NULL OR r.sourceDocument = $docId AS ours
       SET r.raw = CASE WHEN ours THEN c.raw ELSE r.raw END,
           r.evidence = CASE WHEN ours THEN c.evidence ELSE r.evidence END,
           r.basis = CASE WHEN ours THEN c.basis ELSE r.basis END,
           r.lineStart = CASE WHEN ours THEN c.lineStart ELSE r.lineStart END,
           r.lineEnd = CASE WHEN ours THEN c.lineEnd ELSE r.lineEnd END,
           r.sourceDocument = coalesce(r.sourceDocument, $docId),
           r.assertedBy = CASE WHEN $docId IN coalesce(r.assertedBy, []) THEN r.assertedBy
                               ELSE coalesce(r.assertedBy, []) + $docId END`,
      { edges: citations.filter((c) => c.kind === kind && c.from !== c.to), docId: doc.id },
    );
  }
  for (const role of ['LEADS', 'COORDINATES'] as const) {
    // clearOwnedEdges removed every agency edge of this document's items, so CREATE is safe and
    // avoids MERGE scanning the thousands of edges a busy agency accumulates.
    await tx.run(
      `UNWIND $edges AS e
       MATCH (a:Agency {id: e.agencyId}), (i:Item {id: e.itemId})
       CREATE (a)-[:${role} {raw: e.raw}]->(i)`,
      { edges: uniqueBy(record.agencyEdges.filter((e) => e.role === role), (e) => `${e.agencyId} ${e.itemId}`) },
    );
  }
  await tx.run(
    `UNWIND $links AS l
     MATCH (t:Item {id: l.taskId}), (d:Item {id: l.directiveId})
     MERGE (t)-[r:IMPLEMENTS]->(d) SET r.score = l.score, r.method = l.method`,
    { links: record.itemLinks },
  );
  const mergedStubs = await absorbYearlessStubs(tx, [doc, ...cited]);
  await collectGarbage(tx);
  return {
    documentId: doc.id,
    items: record.items.length,
    agencies: record.agencies.length,
    citations: citations.length,
    mergedStubs,
  };
}

/**
 * Items, tasks and directive items of the document, kept on it: a lineage answer that leaves a
 * document's items out counts them without reading them (graph-store/lineage-reads.ts).
 */
function itemCounts(record: DocumentRecord) {
  return {
    items: record.items.length,
    tasks: record.items.filter((i) => i.isTask).length,
    directives: record.items.filter((i) => i.isDirective).length,
  };
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const x of xs) if (!seen.has(key(x))) seen.set(key(x), x);
  return [...seen.values()];
}

function issuerEdges(docs: DocumentNode[]) {
  return docs.filter((d) => d.issuerId).map((d) => ({ doc: d.id, agency: d.issuerId }));
}

/**
 * A bare citation ("Kết luận 69-KL/TW", no date) knows no year. When the graph already holds
 * exactly one dated document with the same issuer, type and number, the citation means that one.
 */
async function resolveBareCitations(tx: ManagedTransaction, cited: DocumentNode[]): Promise<Map<string, string>> {
  const bare = cited.filter((c) => c.year === null && c.numberKey).map((c) => ({ id: c.id, key: c.numberKey }));
  const res = await tx.run(
    `UNWIND $bare AS b
     MATCH (d:Document {numberKey: b.key}) WHERE d.year IS NOT NULL
     WITH b, collect(d.id) AS ids WHERE size(ids) = 1
     RETURN b.id AS from, ids[0] AS to`,
    { bare },
  );
  return new Map(res.records.map((r) => [r.get('from') as string, r.get('to') as string]));
}

/** The reverse of `resolveBareCitations`: a dated document takes over an earlier yearless stub. */
async function absorbYearlessStubs(tx: ManagedTransaction, docs: DocumentNode[]): Promise<string[]> {
  const dated = docs.filter((d) => d.year !== null && d.numberKey).map((d) => ({ id: d.id, key: d.numberKey }));
  const res = await tx.run(
    `UNWIND $dated AS x
     MATCH (s:Document {numberKey: x.key}) WHERE s.year IS NULL AND s.stub AND s.id <> x.id
     MATCH (d:Document {id: x.id})
     CALL (s, d) {
       MATCH (src)-[r:CITES]->(s) MERGE (src)-[n:CITES]->(d) SET n += properties(r)
     }
     CALL (s, d) {
       MATCH (src)-[r:IMPLEMENTS]->(s) MERGE (src)-[n:IMPLEMENTS]->(d) SET n += properties(r)
     }
     CALL (s, d) {
       MATCH (s)-[r:CITES]->(dst) MERGE (d)-[n:CITES]->(dst) SET n += properties(r)
     }
     CALL (s, d) {
       MATCH (s)-[r:IMPLEMENTS]->(dst) MERGE (d)-[n:IMPLEMENTS]->(dst) SET n += properties(r)
     }
     WITH s, s.id AS absorbed
     DETACH DELETE s
     RETURN absorbed`,
    { dated },
  );
  return res.records.map((r) => r.get('absorbed') as string);
}
