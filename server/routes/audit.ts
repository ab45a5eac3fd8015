import type { DocumentAudit, Heatmap, TaskEvidence, TaskRow, UnimplementedRow, UnresolvedCitation } from '../../graph-store/audit-reads.js';
import type { AppDeps } from '../deps.js';
import type { Column } from '../format/csv.js';
import { download, type Api } from '../http/api.js';
import { sendList } from '../http/respond.js';
import * as audit from '../queries/audit.js';
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
} from '../schemas/audit.js';

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
];

type HeatRow = Heatmap['rows'][number];
const heatmapColumns = (provinces: string[]): Column<HeatRow>[] => [
  ['directiveId', (r) => r.directive.id],
  ['section', (r) => section(r.directive.sectionPath)],
  ['text', (r) => r.directive.text],
  ...provinces.map((p): Column<HeatRow> => [p, (r) => r.cells[p] ?? 0]),
  ['provincesImplementing', (r) => r.provincesImplementing],
  ['tasks', (r) => r.tasks],
];

const evidenceColumns: Column<TaskEvidence>[] = [
  ['taskId', (r) => r.task.id],
  ['province', (r) => r.task.province],
  ['document', (r) => r.document.number ?? r.document.id],
  ['section', (r) => section(r.task.sectionPath)],
  ['lines', (r) => `${r.task.lineStart}-${r.task.lineEnd}`],
  ['text', (r) => r.task.text],
  ['leads', (r) => r.leads.map((a) => a.name)],
  ['score', (r) => r.score],
  ['method', (r) => r.method],
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
  ['taskId', (r) => r.task.id],
  ['province', (r) => r.task.province],
  ['document', (r) => r.document.number ?? r.document.id],
  ['section', (r) => section(r.task.sectionPath)],
  ['lines', (r) => `${r.task.lineStart}-${r.task.lineEnd}`],
  ['text', (r) => r.task.text],
  ['leads', (r) => r.leads.map((a) => a.name)],
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

export function auditRoutes(api: Api, { db }: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/audit/summary',
    tags: ['audit'],
    summary: 'Per document: tasks, tasks without lead, collective-led tasks, directive items nobody implements, unresolved citations',
    query: FormatOnly,
    responses: { 200: download(AuditSummary, 'one row per document with text', CSV) },
    handle: async ({ query, res }) => {
      const rows = await audit.auditSummary(db);
      sendList(res, query.format, { json: { total: rows.length, items: rows }, rows, columns: summaryColumns, name: 'audit-summary' });
    },
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
    handle: async ({ query, res }) => {
      const map = await audit.heatmap(db, query.documentId);
      sendList(res, query.format, {
        json: map,
        rows: map.rows,
        columns: heatmapColumns(map.provinces),
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
    handle: async ({ query, res }) => {
      const cell = await audit.heatmapCell(db, query.directiveId, query.province);
      sendList(res, query.format, {
        json: cell,
        rows: cell.tasks,
        columns: evidenceColumns,
        name: `cell-${query.directiveId}-${query.province}`,
      });
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit/unimplemented',
    tags: ['audit'],
    summary: 'Directive items no task of a province implements, per province expected to implement them',
    description: 'A province is expected to implement a document\'s items when one of its documents implements that document, directly or through intermediate plans.',
    query: AuditFilterQuery,
    responses: { 200: download(UnimplementedList, 'rows by province', CSV) },
    handle: async ({ query, res }) => {
      const { format, ...filters } = query;
      const rows = await audit.unimplemented(db, filters);
      sendList(res, format, { json: { total: rows.length, items: rows }, rows, columns: unimplementedColumns, name: 'unimplemented-directives' });
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit/tasks-without-lead',
    tags: ['audit'],
    summary: 'Tasks with no lead agency (chủ trì)',
    query: AuditFilterQuery,
    responses: { 200: download(TaskList, 'tasks', CSV) },
    handle: async ({ query, res }) => {
      const { format, ...filters } = query;
      const rows = await audit.withoutLead(db, filters);
      sendList(res, format, { json: { total: rows.length, items: rows }, rows, columns: taskColumns, name: 'tasks-without-lead' });
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit/collective-led',
    tags: ['audit'],
    summary: 'Tasks led by a whole group ("Các sở, ban, ngành…") rather than one body',
    query: AuditFilterQuery,
    responses: { 200: download(TaskList, 'tasks', CSV) },
    handle: async ({ query, res }) => {
      const { format, ...filters } = query;
      const rows = await audit.collectiveLed(db, filters);
      sendList(res, format, { json: { total: rows.length, items: rows }, rows, columns: taskColumns, name: 'collective-led-tasks' });
    },
  });

  api.add({
    method: 'get',
    path: '/api/audit/unresolved-citations',
    tags: ['audit'],
    summary: 'Documents cited but never ingested (stubs), with who cites them and how',
    description: 'CSV: one row per citing document.',
    query: FormatOnly,
    responses: { 200: download(UnresolvedList, 'stubs, most cited first', CSV) },
    handle: async ({ query, res }) => {
      const rows = await audit.unresolved(db);
      sendList(res, query.format, {
        json: { total: rows.length, items: rows },
        rows: rows.flatMap((r) => r.citedBy.map((citer) => ({ document: r.document, citer }))),
        columns: unresolvedColumns,
        name: 'unresolved-citations',
      });
    },
  });
}
