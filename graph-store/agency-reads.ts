import neo4j from 'neo4j-driver';
import { slugify } from '../core/vn-text.js';
import { readQuery, type Db } from './db.js';
import { briefFromRow, docBrief, itemBrief, type DocumentBrief } from './item-reads.js';
import type { AgenciesQuery, AgencySummary, AgencyTask, AgencyDetail } from '../api-schema/agencies.js';
export type { AgencySummary, AgencyTask, AgencyDetail } from '../api-schema/agencies.js';

/** The API's filters of agencies (`q`: part of the name, tone- and case-insensitive). */
export type AgencyFilters = Pick<AgenciesQuery, 'province' | 'collective' | 'q'>;

const SUMMARY = `a { .id, .name, .province, .level, aliases: coalesce(a.aliases, []), collective: coalesce(a.collective, false),
                     leads: COUNT { (a)-[:LEADS]->(:Task) }, coordinates: COUNT { (a)-[:COORDINATES]->(:Task) } }`;

/**
 * An agency id ends with the slug of its name (graph-schema/ids.ts), which is the name folded,
 * lower-cased and hyphenated: matching the slug of `q` against it is a tone-insensitive substring search.
 */
const FILTERS = `($province IS NULL OR a.province = $province)
  AND ($collective IS NULL OR coalesce(a.collective, false) = $collective)
  AND ($slug IS NULL OR last(split(a.id, '/agency/')) CONTAINS $slug)`;

export async function listAgencies(
  db: Db,
  filters: AgencyFilters,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: AgencySummary[] }> {
  const slug = filters.q === undefined ? null : slugify(filters.q);
  if (slug === '') return { total: 0, items: [] };
  const [row] = await readQuery<{ total: number; items: AgencySummary[] }>(
    db,
    `CALL () { MATCH (a:Agency) WHERE ${FILTERS} RETURN count(a) AS total }
     CALL () {
       MATCH (a:Agency) WHERE ${FILTERS}
       WITH a ORDER BY a.province, a.name, a.id SKIP $offset LIMIT $limit
       RETURN collect(${SUMMARY}) AS items
     }
     RETURN total, items`,
    {
      province: filters.province ?? null,
      collective: filters.collective ?? null,
      slug,
      offset: neo4j.int(page.offset),
      limit: neo4j.int(page.limit),
    },
  );
  return row ?? { total: 0, items: [] };
}

const TASK = `{ task: ${itemBrief('t')}, document: ${docBrief('d')}, raw: r.raw }`;

/** One agency with the tasks it leads and those it coordinates; null when unknown. */
export async function agencyDetail(db: Db, id: string): Promise<AgencyDetail | null> {
  type Row = { agency: AgencySummary; issued: DocumentBrief[]; leads: RawTask[]; coordinates: RawTask[] };
  type RawTask = Omit<AgencyTask, 'task'> & { task: Parameters<typeof briefFromRow>[0] };
  const [row] = await readQuery<Row>(
    db,
    `MATCH (a:Agency {id: $id})
     RETURN ${SUMMARY} AS agency,
            COLLECT { MATCH (d:Document)-[:ISSUED_BY]->(a) RETURN ${docBrief('d')} ORDER BY d.date, d.id } AS issued,
            COLLECT { MATCH (a)-[r:LEADS]->(t:Task)<-[:CONTAINS]-(d:Document) RETURN ${TASK} ORDER BY d.id, t.ordinal } AS leads,
            COLLECT { MATCH (a)-[r:COORDINATES]->(t:Task)<-[:CONTAINS]-(d:Document) RETURN ${TASK} ORDER BY d.id, t.ordinal } AS coordinates`,
    { id },
  );
  if (!row) return null;
  const task = (t: RawTask): AgencyTask => ({ ...t, task: briefFromRow(t.task) });
  return { agency: row.agency, issued: row.issued, leads: row.leads.map(task), coordinates: row.coordinates.map(task) };
}
