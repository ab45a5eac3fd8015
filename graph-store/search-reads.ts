/**
 * The Cypher the search stage needs: item embeddings in and out (Neo4j holds every vector, so the
 * on-disk HNSW index can always be rebuilt from the graph), the full-text index, filters and the
 * items hits show. Parameters only; the filter clause is one static string.
 */
import neo4j from 'neo4j-driver';
import { FULLTEXT_INDEX, provincesNamedBy } from '../graph-schema/index.js';
import type { HitItem, ItemFilter } from '../api-schema/search.js';
import { BULK_DEADLINE_MS, readQuery, writeQuery, type Db } from './db.js';

/** Reads and writes over the whole index's items: at 100k items they take longer than a request may. */
const BULK = { deadlineMs: BULK_DEADLINE_MS };

/** What a search may be restricted to: the search filters of the API (api-schema/search.ts). */
export type { ItemFilter } from '../api-schema/search.js';

/** The filter that admits every item, paragraphs neither task nor directive among them. */
export const EVERY_ITEM: ItemFilter = { kind: 'all' };

/** Whether the filter admits every item (EVERY_ITEM); the default (`any`) leaves other paragraphs out. */
export function isUnfiltered(f: ItemFilter): boolean {
  return (
    f.province === undefined &&
    f.documentId === undefined &&
    f.agencyId === undefined &&
    f.level === undefined &&
    f.hasLead === undefined &&
    f.kind === 'all'
  );
}

const filterParams = (f: ItemFilter) => ({
  provinces: f.province ? provincesNamedBy(f.province, f.provinces) : null,
  documentId: f.documentId ?? null,
  agencyId: f.agencyId ?? null,
  level: f.level ?? null,
  hasLead: f.hasLead ?? null,
  kind: f.kind ?? 'any',
});

/** The filters on item `i`; every condition is switched off by a null parameter. */
const FILTER = `($provinces IS NULL OR i.province IN $provinces)
  AND ($documentId IS NULL OR i.documentId = $documentId)
  AND ($level IS NULL OR i.level = $level)
  AND ($agencyId IS NULL OR EXISTS { (:Agency {id: $agencyId})-[:LEADS|COORDINATES]->(i) })
  AND ($hasLead IS NULL OR (i:Task AND EXISTS { (:Agency)-[:LEADS]->(i) } = $hasLead))
  AND ($kind = 'all' OR ($kind = 'any' AND (i:Task OR i:Directive)) OR ($kind = 'task' AND i:Task) OR ($kind = 'directive' AND i:Directive))`;

/** What a hit shows of item `i` in document `d`. */
const ROW = `{ id: i.id, documentId: i.documentId, documentNumber: d.number, documentTitle: d.title,
  province: i.province, level: i.level, text: i.text,
  sectionPath: coalesce(i.sectionPath, []), sectionTitles: coalesce(i.sectionTitles, []),
  lineStart: i.lineStart, lineEnd: i.lineEnd, isTask: i:Task, isDirective: i:Directive,
  leads: COLLECT { MATCH (a:Agency)-[:LEADS]->(i)
                   RETURN { id: a.id, name: a.name, collective: coalesce(a.collective, false) } ORDER BY a.name } }`;

// ------------------------------------------------------------------------- embeddings ----

export interface TextToEmbed {
  id: string;
  text: string;
}

/** Only the items of these documents (what one write touched), or every item when null. */
export type DocumentScope = string[] | null;
/** Items of the scope: through the documentId index when scoped (a condition with OR would scan). */
const itemsIn = (documents: DocumentScope) =>
  documents ? 'UNWIND $documents AS documentId MATCH (i:Item {documentId: documentId})' : 'MATCH (i:Item)';

/** Items whose vector is missing: new, or their text changed (upsert nulls it). */
export function itemsWithoutEmbedding(db: Db, documents: DocumentScope = null): Promise<TextToEmbed[]> {
  return readQuery<TextToEmbed>(
    db,
    `${itemsIn(documents)} WHERE i.embedding IS NULL RETURN i.id AS id, i.text AS text ORDER BY id`,
    { documents },
    BULK,
  );
}

/**
 * Stores vectors, each only if the item still has the text it was computed from: an upload that
 * changed the item meanwhile nulled the embedding, and the next sync embeds the new text.
 * Returns the ids written.
 */
export async function writeEmbeddings(db: Db, rows: { id: string; text: string; vector: number[] }[]): Promise<string[]> {
  const out = await writeQuery<{ id: string }>(
    db,
    `UNWIND $rows AS r
     MATCH (i:Item {id: r.id}) WHERE i.text = r.text
     SET i.embedding = r.vector
     RETURN i.id AS id`,
    { rows },
    BULK,
  );
  return out.map((r) => r.id);
}

/** Every embedded item with the first components of its vector (what the index fingerprints). */
export function embeddingHeads(db: Db, components: number, documents: DocumentScope = null): Promise<{ id: string; head: number[] }[]> {
  return readQuery(
    db,
    `${itemsIn(documents)} WHERE i.embedding IS NOT NULL RETURN i.id AS id, i.embedding[0..$n] AS head`,
    { n: neo4j.int(components), documents },
    BULK,
  );
}

/** Items in the graph, from Neo4j's count store (no scan). */
export async function itemCount(db: Db): Promise<number> {
  const [row] = await readQuery<{ n: number }>(db, 'MATCH (i:Item) RETURN count(i) AS n');
  return row?.n ?? 0;
}

export function embeddingsOf(db: Db, ids: string[]): Promise<{ id: string; vector: number[] }[]> {
  return readQuery(
    db,
    'UNWIND $ids AS id MATCH (i:Item {id: id}) WHERE i.embedding IS NOT NULL RETURN i.id AS id, i.embedding AS vector',
    { ids },
    BULK,
  );
}

// --------------------------------------------------------------------------- searching ----

/** Items matching `$lucene` under the filter, bound to `i` with their `score`. */
const FULLTEXT_HITS = `CALL db.index.fulltext.queryNodes($index, $lucene, $options) YIELD node AS i, score
     WHERE ${FILTER}`;

function fulltextParams(lucene: string, filter: ItemFilter, k: number) {
  // Unfiltered, Lucene itself stops at k; filtered, the filter must see every match first.
  // JS numbers travel as floats; LIMIT and the procedure's limit want integers.
  const limit = neo4j.int(k);
  return { index: FULLTEXT_INDEX, lucene, options: isUnfiltered(filter) ? { limit } : {}, k: limit, ...filterParams(filter) };
}

/**
 * Items matching a Lucene query on the `item_text` full-text index (text and section headings,
 * tone-folded), best first. `lucene` must come from search/lexical.ts, which builds it from
 * plain words only.
 */
export function fulltextItems(db: Db, lucene: string, filter: ItemFilter, k: number): Promise<{ id: string; score: number }[]> {
  return readQuery(
    db,
    `${FULLTEXT_HITS}
     RETURN i.id AS id, score
     ORDER BY score DESC, id
     LIMIT $k`,
    fulltextParams(lucene, filter, k),
  );
}

/** Ids of the items a filter admits (the vector side restricts its neighbours to these). */
export async function filteredItemIds(db: Db, filter: ItemFilter): Promise<Set<string>> {
  const rows = await readQuery<{ id: string }>(db, `MATCH (i:Item) WHERE ${FILTER} RETURN i.id AS id`, filterParams(filter));
  return new Set(rows.map((r) => r.id));
}

/**
 * Ids of the tasks "tasks like this" may return for a task of `province` in `documentId`: tasks
 * of other provinces (tasks with no province count as other), never of the task's own document
 * (central documents have no province, so their own tasks would otherwise come back).
 */
export async function taskIdsOutside(db: Db, province: string | null, documentId: string | null): Promise<Set<string>> {
  const rows = await readQuery<{ id: string }>(
    db,
    `MATCH (i:Task)
     WHERE ($province IS NULL OR i.province IS NULL OR i.province <> $province)
       AND ($documentId IS NULL OR i.documentId <> $documentId)
     RETURN i.id AS id`,
    { province, documentId },
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Tasks that implement a directive item this task implements: how many they share, and how many
 * each side implements in all (the lineage says two tasks carry out the same directive).
 */
export function tasksSharingDirectives(db: Db, id: string): Promise<{ id: string; shared: number; links: number; sourceLinks: number }[]> {
  return readQuery(
    db,
    `MATCH (s:Task {id: $id})-[:IMPLEMENTS]->(d:Item)
     WITH s, collect(d) AS directives
     UNWIND directives AS d
     MATCH (d)<-[:IMPLEMENTS]-(t:Task) WHERE t <> s
     WITH t, size(directives) AS sourceLinks, count(DISTINCT d) AS shared
     RETURN t.id AS id, shared, COUNT { (t)-[:IMPLEMENTS]->(:Item) } AS links, sourceLinks`,
    { id },
  );
}

/** A hit's row is the API's hit item (api-schema/search.ts). */
export type SearchItemRow = HitItem;

/**
 * The items behind a list of hits, with what a hit shows; ids the filter does not admit, or that
 * are no longer in the graph, are left out.
 */
export async function searchItems(db: Db, ids: string[], filter: ItemFilter = EVERY_ITEM): Promise<Map<string, SearchItemRow>> {
  const rows = await readQuery<{ row: SearchItemRow }>(
    db,
    `UNWIND $ids AS id
     MATCH (d:Document)-[:CONTAINS]->(i:Item {id: id})
     WHERE ${FILTER}
     RETURN ${ROW} AS row`,
    { ids, ...filterParams(filter) },
  );
  return new Map(rows.map(({ row }) => [row.id, row]));
}

/** What hits show of every item (bulk: at 100k items, seconds). */
export async function allItemRows(db: Db): Promise<SearchItemRow[]> {
  const rows = await readQuery<{ row: SearchItemRow }>(db, `MATCH (d:Document)-[:CONTAINS]->(i:Item) RETURN ${ROW} AS row`, {}, BULK);
  return rows.map((r) => r.row);
}

/** What hits show of the items of these documents. */
export async function documentItemRows(db: Db, documentIds: string[]): Promise<SearchItemRow[]> {
  const rows = await readQuery<{ row: SearchItemRow }>(
    db,
    `UNWIND $documentIds AS documentId MATCH (d:Document {id: documentId})-[:CONTAINS]->(i:Item) RETURN ${ROW} AS row`,
    { documentIds },
    BULK,
  );
  return rows.map((r) => r.row);
}

/**
 * Documents by the time they were last written (`writtenAt`, Neo4j's clock in ms, stamped by
 * upsert-document.ts and delete-document.ts): those written at `since` or later, every stamped one when null.
 */
export function documentsWrittenSince(db: Db, since: number | null): Promise<{ id: string; writtenAt: number }[]> {
  return since === null
    ? readQuery(db, 'MATCH (d:Document) WHERE d.writtenAt IS NOT NULL RETURN d.id AS id, d.writtenAt AS writtenAt', {}, BULK)
    : readQuery(db, 'MATCH (d:Document) WHERE d.writtenAt >= $since RETURN d.id AS id, d.writtenAt AS writtenAt', { since: neo4j.int(Math.floor(since)) });
}

export interface TaskBrief {
  id: string;
  documentId: string;
  province: string | null;
  text: string;
  /** Its section headings, joined (ItemNode.sectionTitles). */
  titles: string;
}

/** What "tasks like this" starts from; null when there is no such task. */
export async function taskBrief(db: Db, id: string): Promise<TaskBrief | null> {
  const [row] = await readQuery<TaskBrief>(
    db,
    `MATCH (i:Task {id: $id})
     RETURN i.id AS id, i.documentId AS documentId, i.province AS province, i.text AS text,
            coalesce(i.sectionTitlesText, '') AS titles`,
    { id },
  );
  return row ?? null;
}

/** Text and document of each of these items (those still in the graph). */
export function itemBriefs(db: Db, ids: string[]): Promise<{ id: string; documentId: string; province: string | null; text: string }[]> {
  return readQuery(db, 'UNWIND $ids AS id MATCH (i:Item {id: id}) RETURN i.id AS id, i.documentId AS documentId, i.province AS province, i.text AS text', { ids });
}

/**
 * Items of documents read from a file, in document order, keyed by that file's base name: how a
 * relevance set written against source files finds its items.
 */
export function itemsBySourceFile(db: Db): Promise<
  {
    file: string;
    id: string;
    text: string;
    isTask: boolean;
    isDirective: boolean;
    lineStart: number;
    lineEnd: number;
    /** Lines where the document writes the item again (ItemNode.restatedAt, flattened). */
    restatedLineStarts: number[];
    restatedLineEnds: number[];
  }[]
> {
  return readQuery(
    db,
    `MATCH (d:Document)-[:CONTAINS]->(i:Item) WHERE d.sourceFile IS NOT NULL
     RETURN d.sourceFile AS file, i.id AS id, i.text AS text, i:Task AS isTask, i:Directive AS isDirective,
            i.lineStart AS lineStart, i.lineEnd AS lineEnd,
            coalesce(i.restatedLineStarts, []) AS restatedLineStarts, coalesce(i.restatedLineEnds, []) AS restatedLineEnds
     ORDER BY file, i.ordinal, i.lineStart, id`,
    {},
    BULK,
  );
}
