import neo4j from 'neo4j-driver';
import { matchKey } from '../core/vn-text.js';
import { MERGER_DATE, currentProvinceOf, historicalProvinceOf, provincesNamedBy, type ProvinceEra } from '../graph-schema/index.js';
import { readQuery, type Db } from './db.js';
import { itemFromProps } from './properties.js';
import type { DocumentsQuery, DocumentSummary, ItemView, DocumentDetail, ProvinceSummary } from '../api-schema/documents.js';
import type { AgencyRef } from '../api-schema/common.js';
import type { Citation } from '../api-schema/documents.js';
export type { AgencyRef } from '../api-schema/common.js';
export type { DocumentSummary, ItemView, DocumentDetail, ProvinceSummary } from '../api-schema/documents.js';

/**
 * The API's filters of documents (DocumentsQuery: `provinces` says how `province` is read, `q` is
 * words of the title or number), and the identity `q` names ("kết luận 69"): such documents are
 * found too, and listed first.
 */
export type DocumentFilters = Pick<DocumentsQuery, 'province' | 'provinces' | 'level' | 'typeCode' | 'stub' | 'year' | 'q'> & {
  numbered?: NumberedAs | null;
};

/** A document type and serial number a search names: 69-KL/TW is `{ typeCodes: ['kl'], serials: [69] }`. */
export interface NumberedAs {
  /** Type codes (DocumentTypeCode); empty: any type. */
  typeCodes: string[];
  serials: number[];
}

/** The map projection every summary uses; `d` is the document. */
const SUMMARY = `d {
  .id, .number, .typeCode, .typeName, .title, .level, .province, .date, .year, .issuerName,
  stub: coalesce(d.stub, false),
  tasks: COUNT { (d)-[:CONTAINS]->(:Task) },
  directives: COUNT { (d)-[:CONTAINS]->(:Directive) }
}`;

/**
 * `document_title` is a full-text index with Lucene's ASCII folding; the query is folded here too
 * (wildcard terms skip the analyzer), so "khoa hoc" and "khoa học" find "Khoa học".
 * Returns null when `q` holds no letter or digit.
 */
export function titleQuery(q: string): string | null {
  const words = matchKey(q).split(/[^a-z0-9]+/).filter(Boolean);
  return words.length ? words.map((w) => `+${w}*`).join(' ') : null;
}

const FROM_INDEX = `CALL db.index.fulltext.queryNodes('document_title', $lucene) YIELD node AS d WITH d WHERE d:Document`;
const FROM_ALL = 'MATCH (d:Document)';
/**
 * Documents whose number has one of the serials (the last part of numberKey, "vn/tw/kl/69" or
 * ".../06-2021", read as an integer) and one of the types.
 */
const NAMED = `MATCH (d:Document) WHERE d.numberKey IS NOT NULL
  AND toInteger(split(last(split(d.numberKey, '/')), '-')[0]) IN $numbered.serials
  AND (size($numbered.typeCodes) = 0 OR d.typeCode IN $numbered.typeCodes)`;
/** Every source yields `d` and `named` (1: the search names this document's number). */
const SOURCES = {
  all: `${FROM_ALL} WITH d, 0 AS named`,
  title: `${FROM_INDEX} WITH d, 0 AS named`,
  titleOrNumber: `CALL () { ${FROM_INDEX} RETURN d, 0 AS rank UNION ${NAMED} RETURN d, 1 AS rank } WITH d, max(rank) AS named`,
};
const FILTERS = `($provinces IS NULL OR d.province IN $provinces)
  AND ($level IS NULL OR d.level = $level)
  AND ($typeCode IS NULL OR d.typeCode = $typeCode)
  AND ($stub IS NULL OR coalesce(d.stub, false) = $stub)
  AND ($year IS NULL OR d.year = $year)`;

/**
 * A page of documents, central ones first, then by province, date and id (those whose number the
 * search names before all others); with the total.
 */
export async function listDocuments(
  db: Db,
  filters: DocumentFilters,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: DocumentSummary[] }> {
  const lucene = filters.q === undefined ? null : titleQuery(filters.q);
  if (filters.q !== undefined && lucene === null) return { total: 0, items: [] };
  // The sources are constants of this file: user input only ever travels as parameters.
  const source = !lucene ? SOURCES.all : filters.numbered ? SOURCES.titleOrNumber : SOURCES.title;
  const [row] = await readQuery<{ total: number; items: DocumentSummary[] }>(
    db,
    `CALL () { ${source} WITH d WHERE ${FILTERS} RETURN count(d) AS total }
     CALL () {
       ${source} WITH d, named WHERE ${FILTERS}
       WITH d ORDER BY named DESC, CASE d.level WHEN 'central' THEN 0 WHEN 'ministry' THEN 1 WHEN 'province' THEN 2 ELSE 3 END,
                       d.province, d.date, d.id
       SKIP $offset LIMIT $limit
       RETURN collect(${SUMMARY}) AS items
     }
     RETURN total, items`,
    {
      lucene,
      numbered: filters.numbered ?? null,
      provinces: filters.province ? provincesNamedBy(filters.province, filters.provinces) : null,
      level: filters.level ?? null,
      typeCode: filters.typeCode ?? null,
      stub: filters.stub ?? null,
      year: filters.year === undefined ? null : neo4j.int(filters.year),
      offset: neo4j.int(page.offset),
      limit: neo4j.int(page.limit),
    },
  );
  return row ?? { total: 0, items: [] };
}


/** Explicit projections: Neo4j stores no null properties, and the API always shows every field. */
// How the text was read (format, pages, OCR confidence, warnings): documents ingested before these
// properties existed have none of them, hence the coalesce on the list.
const DOC_PROPS = `d { .id, .numberKey, .typeCode, .typeName, .number, .issuerName, .issuerPath, .issuerId, .level, .province,
                      .date, .year, .place, .signer, .title, .sourceFile, otherSources: coalesce(d.otherSources, []), .contentHash, stub: coalesce(d.stub, false),
                      .sourceFormat, .pageCount, .ocrConfidence, warnings: coalesce(d.warnings, []) }`;
export const ITEM_PROPS = (v: string) =>
  `${v} { .id, .documentId, .isDirective, .isTask, .sectionPath, .sectionTitles, .ordinal, .text, .lineStart, .lineEnd,
          .pageStart, .pageEnd, .leadRaw, .coordinatingRaw, .province, .level,
          .timelineKind, .timelineRaw, .timelineFrom, .timelineTo, .timelineRecurrence }`;

const OTHER_DOC = `{ id: o.id, number: o.number, title: o.title, typeCode: o.typeCode, province: o.province,
                     level: o.level, stub: coalesce(o.stub, false) }`;
const CITATION = `{ kind: type(r), document: ${OTHER_DOC}, raw: r.raw, evidence: r.evidence, basis: coalesce(r.basis, false),
                    lineStart: r.lineStart, lineEnd: r.lineEnd, assertedBy: coalesce(r.assertedBy, []),
                    sourceDocument: r.sourceDocument }`;

/** One document with its issuer, items (agencies, timeline) and citations both ways; null when unknown. */
export async function documentDetail(db: Db, id: string, opts: { includeText?: boolean } = {}): Promise<DocumentDetail | null> {
  const [head] = await readQuery<{
    doc: Record<string, unknown>;
    text: string | null;
    issuer: DocumentDetail['issuer'];
    citationsOut: Citation[];
    citationsIn: Citation[];
  }>(
    db,
    `MATCH (d:Document {id: $id})
     RETURN ${DOC_PROPS} AS doc, d.text AS text,
            head(COLLECT { MATCH (d)-[:ISSUED_BY]->(a:Agency)
                           RETURN a { .id, .name, .province, .level, collective: coalesce(a.collective, false) } }) AS issuer,
            COLLECT { MATCH (d)-[r:CITES|IMPLEMENTS]->(o:Document) RETURN ${CITATION} ORDER BY r.lineStart, o.id } AS citationsOut,
            COLLECT { MATCH (o:Document)-[r:CITES|IMPLEMENTS]->(d) RETURN ${CITATION} ORDER BY o.id, type(r) } AS citationsIn`,
    { id },
  );
  if (!head) return null;
  const items = await itemsOf(db, id);
  return {
    document: {
      ...(head.doc as unknown as DocumentDetail['document']),
      lineCount: head.text ? head.text.split('\n').length : 0,
      ...(opts.includeText ? { text: head.text } : {}),
    },
    issuer: head.issuer ?? null,
    items,
    citationsOut: head.citationsOut,
    citationsIn: head.citationsIn,
  };
}

/** The map of one agency edge `r` from agency `a`. */
export const AGENCY_REF = '{ id: a.id, name: a.name, collective: coalesce(a.collective, false), raw: r.raw }';

/** Items of a document in reading order, with their agencies and link counts. */
export async function itemsOf(db: Db, documentId: string): Promise<ItemView[]> {
  const rows = await readQuery<{ props: Record<string, unknown>; leads: AgencyRef[]; coordinating: AgencyRef[]; out: number; in: number }>(
    db,
    `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Item)
     RETURN ${ITEM_PROPS('i')} AS props,
            COLLECT { MATCH (a:Agency)-[r:LEADS]->(i) RETURN ${AGENCY_REF} ORDER BY a.name } AS leads,
            COLLECT { MATCH (a:Agency)-[r:COORDINATES]->(i) RETURN ${AGENCY_REF} ORDER BY a.name } AS coordinating,
            COUNT { (i)-[:IMPLEMENTS]->(:Item) } AS out,
            COUNT { (:Item)-[:IMPLEMENTS]->(i) } AS in
     ORDER BY i.ordinal, i.lineStart`,
    { id: documentId },
  );
  return rows.map((r) => ({
    ...itemFromProps(r.props),
    leads: r.leads,
    coordinating: r.coordinating,
    implementsCount: r.out,
    implementedByCount: r.in,
  }));
}

/**
 * Every province the graph has documents of, with how many documents and tasks: as documents write
 * them (`historical`, each with its 2025 unit), or rolled up into the 34 units of 2025 (`current`).
 */
export async function listProvinces(db: Db, era: ProvinceEra = 'historical'): Promise<ProvinceSummary[]> {
  // Two passes, one per label (a count of tasks per province would scan the tasks once a province).
  const [documents, tasks] = await Promise.all(
    ['MATCH (n:Document)', 'MATCH (n:Task)'].map((match) =>
      readQuery<{ province: string; n: number }>(db, `${match} WHERE n.province IS NOT NULL RETURN n.province AS province, count(n) AS n`),
    ),
  );
  const taskCount = new Map(tasks!.map((r) => [r.province, r.n]));
  const rows = documents!
    .map((r) => ({ province: r.province, documents: r.n, tasks: taskCount.get(r.province) ?? 0 }))
    .sort((a, b) => (a.province < b.province ? -1 : a.province > b.province ? 1 : 0));
  if (era === 'historical') return rows.map((r) => ({ ...r, ...mergerOf(r.province) }));
  const units = new Map<string, ProvinceSummary>();
  for (const r of rows) {
    const name = currentProvinceOf(r.province) ?? r.province;
    const unit = units.get(name) ?? { province: name, documents: 0, tasks: 0, currentProvince: currentProvinceOf(r.province), mergedOn: null, predecessors: [] };
    unit.documents += r.documents;
    unit.tasks += r.tasks;
    unit.predecessors!.push(r.province);
    units.set(name, unit);
  }
  return [...units.values()].sort((a, b) => a.province.localeCompare(b.province, 'vi'));
}

function mergerOf(province: string): Pick<ProvinceSummary, 'currentProvince' | 'mergedOn'> {
  const h = historicalProvinceOf(province);
  return { currentProvince: h?.current ?? null, mergedOn: h && !h.unchanged ? MERGER_DATE : null };
}
