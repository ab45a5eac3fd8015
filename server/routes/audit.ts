import type { DocumentAudit, Heatmap, UnimplementedRow, UnresolvedCitation } from '../../graph-store/audit-reads.js';
import type { TaskEvidence, TaskRow } from '../../graph-store/task-rows.js';
import type { AppDeps } from '../deps.js';
import type { Column } from '../../format/csv.js';
import { download, type Api } from '../http/api.js';
import { serialiseJson, type SerialisedJson } from '../http/respond.js';
import type { z } from '../openapi/zod.js';
import * as audit from '../queries/audit.js';
import { keptOnGraph, markStale } from '../queries/kept-answers.js';
import {
  AuditFilterQuery,
  AuditSummary,
  CellQuery,
  FormatOnly,
  Heatmap as HeatmapSchema,
  HeatmapCell,
  HeatmapQuery,
  TaskList,
  UnimplementedList,
  UnresolvedList,
} from '../../api-schema/audit.js';

const CSV = ['text/csv'];
const section = (p: string[]) => p.join('.');

const summaryColumns: Column<DocumentAudit>[] = [
  ['id', (r) => r.id],
  ['number', (r) => r.number],
  ['title', (r) => r.title],
  ['province', (r) => r.province],
  ['level', (r) => r.level],
  ['tasks', (r) => r.tasks],
  ['tasksWithoutLead', (r) => r.tasksWithoutLead],
  ['collectiveLedTasks', (r) => r.collectiveLedTasks],
  ['directiveItems', (r) => r.directiveItems],
  ['directiveItemsNotImplemented', (r) => r.directiveItemsNotImplemented],
  ['unresolvedCitations', (r) => r.unresolvedCitations],
  ['links', (r) => r.links],
  ['linksReviewed', (r) => r.linksReviewed],
  ['linksRejected', (r) => r.linksRejected],
];

type HeatRow = Heatmap['rows'][number];
/** A province whose implementing documents hold no task gets empty cells: nothing to count, rather than 0 implemented. */
const heatmapColumns = (map: Heatmap): Column<HeatRow>[] => [
  ['directiveId', (r) => r.directive.id],
  ['section', (r) => section(r.directive.sectionPath)],
  ['text', (r) => r.directive.text],
  ...map.provinces.map((p): Column<HeatRow> => [p, (r) => (map.provincesWithoutTasks.includes(p) ? '' : (r.cells[p] ?? 0))]),
  ['provincesImplementing', (r) => r.provincesImplementing],
  ['tasks', (r) => r.tasks],
  // Of the row's counted links, those a reviewer confirmed or added; and the proposals rejected.
  ['linksReviewed', (r) => Object.values(r.reviewed).reduce((n, x) => n + x, 0)],
  ['linksRejected', (r) => Object.values(r.rejected).reduce((n, x) => n + x, 0)],
];

/** The columns that say which task a row is, where it stands and who leads it. */
const taskRowColumns: Column<Pick<TaskRow, 'task' | 'document' | 'leads'>>[] = [
  ['taskId', (r) => r.task.id],
  ['province', (r) => r.task.province],
  ['document', (r) => r.document.number ?? r.document.id],
  ['section', (r) => section(r.task.sectionPath)],
  ['lines', (r) => `${r.task.lineStart}-${r.task.lineEnd}`],
  ['text', (r) => r.task.text],
  ['leads', (r) => r.leads.map((a) => a.name)],
];

const evidenceColumns: Column<TaskEvidence>[] = [
  ...taskRowColumns,
  ['score', (r) => r.score],
  ['method', (r) => r.method],
  ['status', (r) => r.status],
  ['reviewer', (r) => r.review?.reviewer ?? null],
  ['reviewedAt', (r) => r.review?.at ?? null],
  ['reviewComment', (r) => r.review?.comment ?? null],
  ['reviewStale', (r) => r.review?.stale ?? null],
];

const unimplementedColumns: Column<UnimplementedRow>[] = [
  ['province', (r) => r.province],
  ['document', (r) => r.document.number ?? r.document.id],
  ['directiveId', (r) => r.directive.id],
  ['section', (r) => section(r.directive.sectionPath)],
  ['lines', (r) => `${r.directive.lineStart}-${r.directive.lineEnd}`],
  ['text', (r) => r.directive.text],
];

const taskColumns: Column<TaskRow>[] = [
  ...taskRowColumns,
  ['leadRaw', (r) => r.leadRaw],
  ['coordinating', (r) => r.coordinating.map((a) => a.name)],
  ['timeline', (r) => r.task.timelineRaw],
];

type CitationRow = { document: UnresolvedCitation['document']; citer: UnresolvedCitation['citedBy'][number] };
const unresolvedColumns: Column<CitationRow>[] = [
  ['stubId', (r) => r.document.id],
  ['number', (r) => r.document.number],
  ['typeCode', (r) => r.document.typeCode],
  ['citedById', (r) => r.citer.id],
  ['citedByNumber', (r) => r.citer.number],
  ['citedByProvince', (r) => r.citer.province],
  ['kind', (r) => r.citer.kind],
  ['raw', (r) => r.citer.raw],
  ['evidence', (r) => r.citer.evidence],
  ['lines', (r) => (r.citer.lineStart ? `${r.citer.lineStart}-${r.citer.lineEnd}` : null)],
];

type AuditFilters = Partial<Omit<z.output<typeof AuditFilterQuery>, 'format'>>;

interface ListRoute<R> {
  path: string;
  summary: string;
  description?: string;
  query: typeof FormatOnly | typeof AuditFilterQuery;
  /** The JSON body's schema and the documented description of the 200 response. */
  list: z.ZodType<{ total: number; items: R[] }>;
  listDescription: string;
  load: (filters: AuditFilters) => Promise<R[]>;
  columns: Column<R>[];
  /** The CSV download's file name. */
  name: string;
}

/** An audit list: `{ total, items }` as JSON, or one CSV row per item. */
function addList<R>(api: Api, route: ListRoute<R>): void {
  api.add({
    method: 'get',
    path: route.path,
    tags: ['audit'],
    summary: route.summary,
    description: route.description,
    query: route.query,
    responses: { 200: download(route.list, route.listDescription, CSV) },
    handle: async ({ query, reply }) => {
      const { format, ...filters } = query;
      const rows = await route.load(filters);
      return reply.list(format, { json: { total: rows.length, items: rows }, rows, columns: route.columns, name: route.name });
    },
  });
}

export function auditRoutes(api: Api, { db }: AppDeps): void {
  // The heatmap counts every task → directive link of the document with reviews and roll-up
  // applied (half a second on a national graph); kept while the graph stays as it was.
  const { kept: heatmaps, readDb: aggregateDb } = keptOnGraph<{ map: Heatmap; json: SerialisedJson<Heatmap> }>(db);
  addList(api, {
    path: '/api/audit/summary',
    summary: 'Per document: tasks, tasks without lead, collective-led tasks, directive items nobody implements, unresolved citations',
    query: FormatOnly,
    list: AuditSummary,
    listDescription: 'one row per document with text',
    load: () => audit.auditSummary(db),
    columns: summaryColumns,
    name: 'audit-summary',
  });

  api.add({
    method: 'get',
    path: '/api/audit/heatmap',
    tags: ['audit'],
    summary: 'Directive items of a document × provinces: how many tasks of each province implement each item',
    description: 'Rows are sorted by how few provinces implement them. A cell\'s evidence: GET /api/audit/cell.',
    query: HeatmapQuery,
    notFound: true,
    responses: { 200: download(HeatmapSchema, 'the heatmap', CSV) },
    handle: async ({ query, res, reply }) => {
      const { value, stale } = await heatmaps.answer(`${query.provinces} ${query.documentId}`, async () => {
        const read = await audit.heatmap(aggregateDb, query.documentId, query.provinces);
        return { map: read, json: serialiseJson(read) };
      });
      const { map, json } = value;
      if (stale) markStale(res);
      if (query.format === 'json') return reply.kept(json);
      return reply.list(query.format, {
        json: map,
        rows: map.rows,
        columns: heatmapColumns(map),
        name: `heatmap-${query.documentId}`,
      });
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit/cell',
    tags: ['audit'],
    summary: 'One heatmap cell: the tasks of a province implementing a directive item, with score and method',
    query: CellQuery,
    notFound: true,
    responses: { 200: download(HeatmapCell, 'the evidence', CSV) },
    handle: async ({ query, reply }) => {
      const cell = await audit.heatmapCell(db, query.directiveId, query.province, query.provinces);
      return reply.list(query.format, {
        json: cell,
        // Rejected proposals too, marked by their status: the export shows what reviewers changed.
        rows: [...cell.tasks, ...cell.rejected],
        columns: evidenceColumns,
        name: `cell-${query.directiveId}-${query.province}`,
      });
    },
  });

  addList(api, {
    path: '/api/audit/unimplemented',
    summary: 'Directive items no task of a province implements, per province expected to implement them',
    description: 'A province is expected to implement a document\'s items when one of its documents implements that document, directly or through intermediate plans.',
    query: AuditFilterQuery,
    list: UnimplementedList,
    listDescription: 'rows by province',
    load: (filters) => audit.unimplemented(db, filters),
    columns: unimplementedColumns,
    name: 'unimplemented-directives',
  });

  addList(api, {
    path: '/api/audit/tasks-without-lead',
    summary: 'Tasks with no lead agency (chủ trì)',
    query: AuditFilterQuery,
    list: TaskList,
    listDescription: 'tasks',
    load: (filters) => audit.withoutLead(db, filters),
    columns: taskColumns,
    name: 'tasks-without-lead',
  });

  addList(api, {
    path: '/api/audit/collective-led',
    summary: 'Tasks led by a whole group ("Các sở, ban, ngành…") rather than one body',
    query: AuditFilterQuery,
    list: TaskList,
    listDescription: 'tasks',
    load: (filters) => audit.collectiveLed(db, filters),
    columns: taskColumns,
    name: 'collective-led-tasks',
  });

  api.add({
    method: 'get',
    path: '/api/audit/unresolved-citations',
    tags: ['audit'],
    summary: 'Documents cited but never ingested (stubs), with who cites them and how',
    description: 'CSV: one row per citing document.',
    query: FormatOnly,
    responses: { 200: download(UnresolvedList, 'stubs, most cited first', CSV) },
    handle: async ({ query, reply }) => {
      const rows = await audit.unresolved(db);
      return reply.list(query.format, {
        json: { total: rows.length, items: rows },
        rows: rows.flatMap((r) => r.citedBy.map((citer) => ({ document: r.document, citer }))),
        columns: unresolvedColumns,
        name: 'unresolved-citations',
      });
    },
  });
}
