/**
 * The 2025 merger in the graph: a Province node for each of the 63 historical provinces and the 34
 * units of 2025, MERGED_INTO between them, and on every Document and Item the 2025 unit of the
 * province it was issued in (`currentProvince`, beside `province` as written). Written by migrate,
 * so a graph ingested before the merger was known gains it on the next start.
 */
import {
  CURRENT_UNITS,
  HISTORICAL_PROVINCES,
  Label,
  MERGER_DATE,
  PROVINCE_ALSO_WRITTEN,
  Rel,
  currentProvinceOf,
  provinceId,
} from '../graph-schema/index.js';
import { BULK_DEADLINE_MS, writeQuery, type Db } from './db.js';

/** Province as written → its 2025 unit, for every spelling documents use. */
const CURRENT_OF: Record<string, string | null> = Object.fromEntries(
  [...HISTORICAL_PROVINCES.map((p) => p.name), ...PROVINCE_ALSO_WRITTEN].map((name) => [name, currentProvinceOf(name)]),
);

export async function writeProvinceGraph(db: Db): Promise<void> {
  await writeQuery(
    db,
    `UNWIND $units AS u
     MERGE (p:${Label.Province} {id: u.id}) SET p.name = u.name, p.slug = u.slug, p.era = '2025', p.kind = u.kind`,
    { units: CURRENT_UNITS.map((u) => ({ id: provinceId(u.name, '2025'), name: u.name, slug: u.slug, kind: u.kind })) },
  );
  await writeQuery(
    db,
    `UNWIND $provinces AS h
     MERGE (p:${Label.Province} {id: h.id}) SET p.name = h.name, p.slug = h.slug, p.era = 'historical'
     WITH p, h
     MATCH (c:${Label.Province} {id: h.currentId})
     MERGE (p)-[m:${Rel.MERGED_INTO}]->(c) SET m.date = $date, m.unchanged = h.unchanged`,
    {
      provinces: HISTORICAL_PROVINCES.map((h) => ({ id: provinceId(h.name, 'historical'), name: h.name, slug: h.slug, currentId: provinceId(h.current, '2025'), unchanged: h.unchanged })),
      date: MERGER_DATE,
    },
  );
  await backfillCurrentProvince(db);
}

/** Documents and items written before `currentProvince` existed: one pass over each label. */
async function backfillCurrentProvince(db: Db): Promise<void> {
  for (const label of [Label.Document, Label.Item]) {
    await writeQuery(
      db,
      `MATCH (n:${label}) WHERE n.currentProvince IS NULL AND n.province IS NOT NULL
       WITH n, $currentOf[n.province] AS current WHERE current IS NOT NULL
       SET n.currentProvince = current`,
      { currentOf: CURRENT_OF },
      { deadlineMs: BULK_DEADLINE_MS },
    );
  }
}
