/**
 * Tasks by deadline: how many tasks of each province fall due in each year, how many of those had
 * passed their deadline on a chosen day, and the tasks themselves. A task's deadline is the last
 * day its timeline allows ("Quý III/2025" → 2025-09-30); recurring tasks ("Thường xuyên", "Hằng
 * năm") have none and are counted apart, as are tasks whose text gives no time. "Overdue" means
 * only that the deadline had passed on that day: the graph does not know whether a task was done.
 */
import neo4j from 'neo4j-driver';
import type { ProvinceEra } from '../graph-schema/index.js';
import { readQuery, type Db } from './db.js';
import { TASK_ROW_MAP, namedBy, provinceOf, type TaskRow } from './task-rows.js';
import type { ProvinceDeadlines, DeadlineGrid } from '../api-schema/deadlines.js';
export type { ProvinceDeadlines, DeadlineGrid } from '../api-schema/deadlines.js';

export interface DeadlineFilters {
  /** The day deadlines are compared with (ISO date). */
  asOf: string;
  era: ProvinceEra;
  province?: string;
  documentId?: string;
  /** The year documents were issued in. */
  issuedIn?: number;
}

const RECURRING = `(t.timelineRecurrence IS NOT NULL OR t.timelineKind = 'recurring')`;
const FILTERS = `t.province IS NOT NULL AND ($provinces IS NULL OR t.province IN $provinces)
  AND ($documentId IS NULL OR t.documentId = $documentId)
  AND ($issuedIn IS NULL OR EXISTS { MATCH (d:Document {id: t.documentId}) WHERE d.year = $issuedIn })`;

const filterParams = (f: DeadlineFilters) => ({
  provinces: namedBy(f.province, f.era),
  documentId: f.documentId ?? null,
  issuedIn: f.issuedIn === undefined ? null : neo4j.int(f.issuedIn),
  asOf: f.asOf,
});

/** Per province (as written or as a 2025 unit), tasks by year of deadline; recurring and undated apart. */
export async function deadlineGrid(db: Db, f: DeadlineFilters): Promise<DeadlineGrid> {
  const rows = await readQuery<{ province: string; bucket: string; tasks: number; overdue: number }>(
    db,
    `MATCH (t:Task) WHERE ${FILTERS}
     WITH ${provinceOf('t', f.era)} AS province,
          CASE WHEN ${RECURRING} THEN 'recurring' WHEN t.timelineTo IS NULL THEN 'undated' ELSE substring(t.timelineTo, 0, 4) END AS bucket,
          NOT ${RECURRING} AND t.timelineTo < $asOf AS overdue
     RETURN province, bucket, count(*) AS tasks, count(CASE WHEN overdue THEN 1 END) AS overdue`,
    filterParams(f),
  );
  const byProvince = new Map<string, ProvinceDeadlines>();
  for (const r of rows) {
    const p = byProvince.get(r.province) ?? { province: r.province, years: {}, overdue: 0, recurring: 0, undated: 0, tasks: 0 };
    if (r.bucket === 'recurring') p.recurring += r.tasks;
    else if (r.bucket === 'undated') p.undated += r.tasks;
    else p.years[r.bucket] = { due: r.tasks, overdue: r.overdue };
    p.overdue += r.overdue;
    p.tasks += r.tasks;
    byProvince.set(r.province, p);
  }
  const years = [...new Set(rows.map((r) => r.bucket).filter((b) => /^\d{4}$/.test(b)))].sort();
  const provinces = [...byProvince.values()].sort((a, b) => a.province.localeCompare(b.province, 'vi'));
  return { asOf: f.asOf, era: f.era, years, provinces };
}

export interface DeadlineTaskFilters extends DeadlineFilters {
  /** overdue: deadline before `asOf`; upcoming: on or after it; dated: both. */
  status: 'overdue' | 'upcoming' | 'dated';
  /** Year of the deadline. */
  year?: number;
  limit: number;
  offset: number;
}

/** Tasks with a deadline, soonest first, with the total for paging. */
export async function tasksByDeadline(db: Db, f: DeadlineTaskFilters): Promise<{ total: number; items: TaskRow[] }> {
  const where = `${FILTERS} AND NOT ${RECURRING} AND t.timelineTo IS NOT NULL
    AND ($year IS NULL OR substring(t.timelineTo, 0, 4) = $year)
    AND ($status = 'dated' OR ($status = 'overdue' AND t.timelineTo < $asOf) OR ($status = 'upcoming' AND t.timelineTo >= $asOf))`;
  const [row] = await readQuery<{ total: number; items: TaskRow[] }>(
    db,
    `CALL () { MATCH (t:Task) WHERE ${where} RETURN count(t) AS total }
     CALL () {
       MATCH (d:Document)-[:CONTAINS]->(t:Task) WHERE ${where}
       WITH d, t ORDER BY t.timelineTo, t.province, d.id, t.ordinal SKIP $offset LIMIT $limit
       RETURN collect(${TASK_ROW_MAP}) AS items
     }
     RETURN total, items`,
    {
      ...filterParams(f),
      status: f.status,
      year: f.year === undefined ? null : String(f.year),
      offset: neo4j.int(f.offset),
      limit: neo4j.int(f.limit),
    },
  );
  return row ?? { total: 0, items: [] };
}
