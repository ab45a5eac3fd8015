import { readQuery, type Db } from './db.js';
import { AGENCY_REF, ITEM_PROPS, type AgencyRef, type ItemView } from './document-reads.js';
import { itemFromProps, timelineFromProps } from './properties.js';
import type { DocumentBrief, ItemBrief } from '../api-schema/common.js';
import type { ItemLinkView } from '../api-schema/items.js';
export type { ItemLinkView } from '../api-schema/items.js';
export type { DocumentBrief, ItemBrief } from '../api-schema/common.js';

export interface ItemDetailRead {
  item: ItemView;
  document: DocumentBrief;
  /** The whole text of the item's document, to cut its source lines from. */
  documentText: string | null;
  /** Directive items this one carries out (Task → Directive). */
  implements: ItemLinkView[];
  /** Tasks that carry this one out. */
  implementedBy: ItemLinkView[];
}

/** Map projection of document `$v` as a DocumentBrief. */
export const docBrief = (v: string) =>
  `{ id: ${v}.id, number: ${v}.number, title: ${v}.title, typeCode: ${v}.typeCode, province: ${v}.province,
     level: ${v}.level, stub: coalesce(${v}.stub, false) }`;

/** Map projection of item `$v` as an ItemBrief, timeline still flattened (see `briefFromRow`). */
export const itemBrief = (v: string) =>
  `${v} { .id, .documentId, .sectionPath, .text, .province, .lineStart, .lineEnd,
          .timelineKind, .timelineRaw, .timelineFrom, .timelineTo, .timelineRecurrence,
          isTask: ${v}:Task, isDirective: ${v}:Directive,
          leads: COLLECT { MATCH (a:Agency)-[r:LEADS]->(${v}) RETURN ${AGENCY_REF} ORDER BY a.name } }`;

type BriefRow = Omit<ItemBrief, 'timeline'> & Record<string, unknown>;

/** Rebuilds the timeline of a row projected with `itemBrief`. */
export function briefFromRow(row: BriefRow): ItemBrief {
  const { timelineKind: _k, timelineRaw: _r, timelineFrom: _f, timelineTo: _t, timelineRecurrence: _c, ...rest } = row;
  return { ...(rest as Omit<ItemBrief, 'timeline'>), timeline: timelineFromProps(row) };
}

const LINK = (v: string, d: string) =>
  `{ item: ${itemBrief(v)}, document: ${docBrief(d)}, score: r.score, method: r.method }`;

/** One item (directive or task) with its document, agencies and task → directive links; null when unknown. */
export async function itemDetail(db: Db, id: string): Promise<ItemDetailRead | null> {
  const [row] = await readQuery<{
    props: Record<string, unknown>;
    document: DocumentBrief;
    text: string | null;
    leads: AgencyRef[];
    coordinating: AgencyRef[];
    implements: (Omit<ItemLinkView, 'item'> & { item: BriefRow })[];
    implementedBy: (Omit<ItemLinkView, 'item'> & { item: BriefRow })[];
  }>(
    db,
    `MATCH (d:Document)-[:CONTAINS]->(i:Item {id: $id})
     RETURN ${ITEM_PROPS('i')} AS props, ${docBrief('d')} AS document, d.text AS text,
            COLLECT { MATCH (a:Agency)-[r:LEADS]->(i) RETURN ${AGENCY_REF} ORDER BY a.name } AS leads,
            COLLECT { MATCH (a:Agency)-[r:COORDINATES]->(i) RETURN ${AGENCY_REF} ORDER BY a.name } AS coordinating,
            COLLECT { MATCH (i)-[r:IMPLEMENTS]->(o:Item)<-[:CONTAINS]-(od:Document)
                      RETURN ${LINK('o', 'od')} ORDER BY r.score DESC, o.id } AS implements,
            COLLECT { MATCH (o:Item)-[r:IMPLEMENTS]->(i) MATCH (od:Document)-[:CONTAINS]->(o)
                      RETURN ${LINK('o', 'od')} ORDER BY o.province, r.score DESC, o.id } AS implementedBy`,
    { id },
  );
  if (!row) return null;
  const link = (l: Omit<ItemLinkView, 'item'> & { item: BriefRow }): ItemLinkView => ({ ...l, item: briefFromRow(l.item) });
  return {
    item: {
      ...itemFromProps(row.props),
      leads: row.leads,
      coordinating: row.coordinating,
      implementsCount: row.implements.length,
      implementedByCount: row.implementedBy.length,
    },
    document: row.document,
    documentText: row.text,
    implements: row.implements.map(link),
    implementedBy: row.implementedBy.map(link),
  };
}

/** Whether a Task with this id exists (for endpoints that take a task id). */
export async function taskExists(db: Db, id: string): Promise<boolean> {
  const [row] = await readQuery<{ found: boolean }>(db, 'RETURN EXISTS { (:Task {id: $id}) } AS found', { id });
  return row?.found ?? false;
}
