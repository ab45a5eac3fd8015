import type { ProvinceEra } from '../graph-schema/index.js';
import { readQuery, type Db } from './db.js';
import { evidenceOf, type LinkedTask } from './link-evidence.js';
import { COUNTED, LINKS_FROM, REVIEWED } from './effective-links.js';
import { DOC_FIELDS, LEADS, TASK_FIELDS, TASK_ROW, namedBy, provinceOf, type TaskEvidence, type TaskRow } from './task-rows.js';
import { REACHED, TASK_LINKS_REACHING, TASK_STATUS_REACHING } from './roll-up.js';
import type { DocumentAudit, DirectiveRow, Heatmap, UnimplementedRow, UnresolvedCitation } from '../api-schema/audit.js';
export type { DocumentAudit, DirectiveRow, Heatmap, UnimplementedRow, UnresolvedCitation } from '../api-schema/audit.js';

/** The auditor's first question, per document with text: who owns its tasks, what nobody picked up. */
export async function documentAudit(db: Db): Promise<DocumentAudit[]> {
  return readQuery<DocumentAudit>(
    db,
    `MATCH (d:Document) WHERE NOT d.stub
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
       RETURN count(t) AS tasks,
              count(CASE WHEN t IS NOT NULL AND NOT EXISTS { (:Agency)-[:LEADS]->(t) } THEN 1 END) AS tasksWithoutLead,
              count(CASE WHEN EXISTS { (:Agency {collective: true})-[:LEADS]->(t) } THEN 1 END) AS collectiveLedTasks
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(i:Directive)
       RETURN count(i) AS directiveItems,
              count(CASE WHEN i IS NOT NULL AND NOT ${REACHED('i')} THEN 1 END) AS directiveItemsNotImplemented
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
       CALL (t) { WITH t WHERE t IS NOT NULL ${LINKS_FROM('t')} RETURN status }
       RETURN count(CASE WHEN status IN ${COUNTED} THEN 1 END) AS links,
              count(CASE WHEN status IN ${REVIEWED} THEN 1 END) AS linksReviewed,
              count(CASE WHEN status = 'rejected' THEN 1 END) AS linksRejected
     }
     CALL (d) {
       OPTIONAL MATCH (d)-[:CITES|IMPLEMENTS]->(s:Document {stub: true})
       RETURN count(DISTINCT s) AS unresolvedCitations
     }
     RETURN d.id AS id, d.title AS title, d.number AS number, d.province AS province, d.level AS level,
            tasks, tasksWithoutLead, collectiveLedTasks, directiveItems, directiveItemsNotImplemented, unresolvedCitations,
            links, linksReviewed, linksRejected
     ORDER BY d.level, d.province, d.id`,
  );
}

// ---------------------------------------------------------------------------------------------
// Implementation coverage: directive items × provinces, and the lists auditors export.

/**
 * Each province with a document that implements `root` (directly or through plans that do), and
 * the tasks its documents hold: a province with none has no plan to read, and is not counted as
 * having left the items undone (the heatmap's dashes, the unimplemented list).
 */
const IMPLEMENTING_PROVINCES = (root: string, era: ProvinceEra, also = 'true') =>
  `MATCH (x:Document)-[:IMPLEMENTS*1..6]->(${root}) WHERE x.province IS NOT NULL AND ${also}
   WITH DISTINCT x WITH ${provinceOf('x', era)} AS province, sum(coalesce(x.taskCount, 0)) AS tasks`;

export const DIRECTIVE = (v: string) =>
  `${v} { .id, .documentId, .sectionPath, .sectionTitles, .text, .lineStart, .lineEnd, .ordinal }`;

/** Tasks implementing each directive item of a document, counted per province of the task. Null when unknown. */
export async function directiveHeatmap(db: Db, documentId: string, era: ProvinceEra = 'historical'): Promise<Heatmap | null> {
  const [head] = await readQuery<{ document: Heatmap['document']; provinces: { province: string; tasks: number }[] }>(
    db,
    `MATCH (root:Document {id: $id})
     RETURN root { .id, .number, .title } AS document,
            COLLECT { ${IMPLEMENTING_PROVINCES('root', era)} RETURN { province: province, tasks: tasks } } AS provinces`,
    { id: documentId },
  );
  if (!head) return null;
  type Cell = { province: string; tasks: number; reviewed: number; rejected: number };
  const directives = await readQuery<{ directive: DirectiveRow; cells: Cell[] }>(
    db,
    `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Directive)
     WITH i ORDER BY i.ordinal, i.lineStart
     RETURN ${DIRECTIVE('i')} AS directive,
            COLLECT { ${TASK_STATUS_REACHING('i')} WITH t, status WHERE t.province IS NOT NULL
                      WITH ${provinceOf('t', era)} AS province, status
                      WITH province, count(CASE WHEN status IN ${COUNTED} THEN 1 END) AS tasks,
                           count(CASE WHEN status IN ${REVIEWED} THEN 1 END) AS reviewed,
                           count(CASE WHEN status = 'rejected' THEN 1 END) AS rejected
                      RETURN { province: province, tasks: tasks, reviewed: reviewed, rejected: rejected } } AS cells`,
    { id: documentId },
  );
  const linked = new Set(directives.flatMap((d) => d.cells.map((c) => c.province)));
  const provinces = [...new Set([...head.provinces.map((p) => p.province), ...linked])].sort((a, b) => a.localeCompare(b, 'vi'));
  // As unimplementedDirectives decides which provinces are expected to implement the items.
  const counted = new Set(directives.flatMap((d) => d.cells.filter((c) => c.tasks > 0).map((c) => c.province)));
  const withoutTasks = head.provinces.filter((p) => p.tasks === 0 && !counted.has(p.province)).map((p) => p.province);
  const rows = directives.map(({ directive, cells }) => {
    const perProvince = (key: 'tasks' | 'reviewed' | 'rejected'): Record<string, number> => ({
      ...Object.fromEntries(provinces.map((p) => [p, 0])),
      ...Object.fromEntries(cells.map((c) => [c.province, c[key]])),
    });
    return {
      directive,
      cells: perProvince('tasks'),
      reviewed: perProvince('reviewed'),
      rejected: perProvince('rejected'),
      provincesImplementing: cells.filter((c) => c.tasks > 0).length,
      tasks: cells.reduce((n, c) => n + c.tasks, 0),
    };
  });
  // A stable sort keeps reading order among items implemented equally often.
  rows.sort((a, b) => a.provincesImplementing - b.provincesImplementing || a.tasks - b.tasks);
  return { document: head.document, era, provinces, provincesWithoutTasks: withoutTasks.sort((a, b) => a.localeCompare(b, 'vi')), rows };
}

/**
 * One heatmap cell: the tasks of a province (or of a 2025 unit's predecessors) that implement a
 * directive item, directly or rolled up through another document's items (`via`, roll-up.ts),
 * with the linker's evidence.
 */
export async function cellEvidence(
  db: Db,
  directiveId: string,
  province: string,
  era: ProvinceEra = 'historical',
): Promise<{ directive: DirectiveRow; province: string; tasks: TaskEvidence[]; rejected: TaskEvidence[] } | null> {
  const [row] = await readQuery<{ directive: DirectiveRow; links: LinkedTask[] }>(
    db,
    `MATCH (i:Directive {id: $id})
     RETURN ${DIRECTIVE('i')} AS directive,
            COLLECT { ${TASK_LINKS_REACHING('i')} WITH t, link WHERE t.province IN $provinces
                      MATCH (d:Document)-[:CONTAINS]->(t)
                      RETURN { task: ${TASK_FIELDS('t')}, document: ${DOC_FIELDS('d')}, leads: ${LEADS('t')}, link: link }
                      ORDER BY size(link.via), link.score DESC, t.id } AS links`,
    { id: directiveId, provinces: namedBy(province, era) },
  );
  if (!row) return null;
  const links = row.links.map(evidenceOf);
  // A link only a reviewer made has no score: it sorts first (Cypher puts nulls first in DESC).
  return { directive: row.directive, province, tasks: links.filter((l) => l.status !== 'rejected'), rejected: links.filter((l) => l.status === 'rejected') };
}

/**
 * Directive items no task of a province implements, for every province expected to: those with a
 * document that implements the directive's document, directly or through intermediate plans, and
 * with tasks to read. A province whose implementing documents hold no task (known only from
 * citations, or texts without tasks) is expected only if some of its tasks implement an item all
 * the same; otherwise every item would be listed for want of a plan, as the heatmap says.
 */
export async function unimplementedDirectives(db: Db, filters: AuditFilters): Promise<UnimplementedRow[]> {
  const era = filters.era ?? 'historical';
  return readQuery<UnimplementedRow>(
    db,
    `MATCH (root:Document)-[:CONTAINS]->(i:Directive)
     WHERE $documentId IS NULL OR root.id = $documentId
     WITH root, collect(i) AS directives
     CALL (root) {
       ${IMPLEMENTING_PROVINCES('root', era, '($provinces IS NULL OR x.province IN $provinces)')}
       RETURN collect(CASE WHEN tasks > 0 THEN province END) AS withTasks, collect(CASE WHEN tasks = 0 THEN province END) AS withoutTasks
     }
     UNWIND directives AS i
     WITH root, withTasks, withoutTasks, i,
          // Tasks without a province (a national document's own tasks) count for no province, as in the
          // heatmap; a null in covered made NOT province IN covered null, which hid the row.
          COLLECT { ${TASK_STATUS_REACHING('i')} WITH t, status WHERE status IN ${COUNTED} AND ${provinceOf('t', era)} IS NOT NULL RETURN DISTINCT ${provinceOf('t', era)} AS p } AS covered
     WITH root, withTasks, withoutTasks, collect({ i: i, covered: covered }) AS rows
     WITH root, rows, withTasks + [p IN withoutTasks WHERE any(r IN rows WHERE p IN r.covered)] AS provinces
     UNWIND rows AS row
     WITH root, provinces, row.i AS i, row.covered AS covered
     UNWIND provinces AS province
     WITH root, province, i, covered WHERE NOT province IN covered
     RETURN province, ${DIRECTIVE('i')} AS directive, root { .id, .number, .title } AS document
     ORDER BY province, root.id, i.ordinal, i.lineStart`,
    { documentId: filters.documentId ?? null, provinces: namedBy(filters.province, era) },
  );
}

/** The auditors' lists: one document's, and one province's (as written, or a 2025 unit with `era: 'current'`). */
export interface AuditFilters {
  documentId?: string;
  province?: string;
  era?: ProvinceEra;
}

const TASK_FILTERS = `($provinces IS NULL OR t.province IN $provinces) AND ($documentId IS NULL OR d.id = $documentId)`;
const taskFilterParams = (f: AuditFilters) => ({ provinces: namedBy(f.province, f.era ?? 'historical'), documentId: f.documentId ?? null });

/** Tasks with no lead agency (chủ trì): nobody is accountable for them. */
export async function tasksWithoutLead(db: Db, filters: AuditFilters): Promise<TaskRow[]> {
  const rows = await readQuery<{ row: TaskRow }>(
    db,
    `MATCH (d:Document)-[:CONTAINS]->(t:Task)
     WHERE ${TASK_FILTERS} AND NOT EXISTS { (:Agency)-[:LEADS]->(t) }
     RETURN ${TASK_ROW} ORDER BY t.province, d.id, t.ordinal`,
    taskFilterParams(filters),
  );
  return rows.map((r) => r.row);
}

/** Tasks led by a whole group ("Các sở, ban, ngành…") rather than one body. */
export async function collectiveLedTasks(db: Db, filters: AuditFilters): Promise<TaskRow[]> {
  const rows = await readQuery<{ row: TaskRow }>(
    db,
    `MATCH (d:Document)-[:CONTAINS]->(t:Task)
     WHERE ${TASK_FILTERS} AND EXISTS { (:Agency {collective: true})-[:LEADS]->(t) }
     RETURN ${TASK_ROW} ORDER BY t.province, d.id, t.ordinal`,
    taskFilterParams(filters),
  );
  return rows.map((r) => r.row);
}

/** Stub documents: cited, but their text was never ingested; with who cites them and how. */
export async function unresolvedCitations(db: Db): Promise<UnresolvedCitation[]> {
  return readQuery<UnresolvedCitation>(
    db,
    `MATCH (s:Document {stub: true})
     WITH s, COLLECT { MATCH (c:Document)-[r:CITES|IMPLEMENTS]->(s)
                       RETURN { id: c.id, number: c.number, province: c.province, kind: type(r), raw: r.raw,
                                evidence: r.evidence, lineStart: r.lineStart, lineEnd: r.lineEnd, sourceDocument: r.sourceDocument }
                       ORDER BY c.id, type(r) } AS citedBy
     RETURN s { .id, .number, .typeCode, .issuerPath, .level, .province, .year } AS document, citedBy
     ORDER BY size(citedBy) DESC, s.id`,
  );
}
