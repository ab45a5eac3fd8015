import { compareProvinces, type ProvinceComparison as Comparison } from '../../graph-store/compare-reads.js';
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';
import type { Column } from '../../format/csv.js';
import { download, type Api } from '../http/api.js';
import { CompareQuery, ProvinceComparison } from '../../api-schema/compare.js';

type Row = Comparison['rows'][number];
const side = (k: 0 | 1, name: string): Column<Row>[] => [
  [`${name}: tasks`, (r) => r.tasks[k].length],
  // Of those, the links a reviewer confirmed or added (the rest are the linker's proposals).
  [`${name}: reviewed`, (r) => r.tasks[k].filter((t) => t.status === 'confirmed' || t.status === 'added').length],
  [`${name}: task texts`, (r) => r.tasks[k].map((t) => `${t.document.number ?? t.document.id} ${t.task.sectionPath.join('.')}: ${t.task.text}`)],
];

export function compareRoutes(api: Api, { db }: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/audit/compare',
    tags: ['audit'],
    summary: 'Two provinces side by side against the same directive items: the tasks of each implementing each item',
    query: CompareQuery,
    notFound: true,
    responses: { 200: download(ProvinceComparison, 'the comparison', ['text/csv']) },
    handle: async ({ query, reply }) => {
      const cmp = await compareProvinces(db, query.documentId, query.a, query.b, query.provinces);
      if (!cmp) throw notFound('document', query.documentId);
      const columns: Column<Row>[] = [
        ['directiveId', (r) => r.directive.id],
        ['section', (r) => r.directive.sectionPath.join('.')],
        ['text', (r) => r.directive.text],
        ...side(0, query.a),
        ...side(1, query.b),
      ];
      return reply.list(query.format, { json: cmp, rows: cmp.rows, columns, name: `compare-${query.a}-${query.b}` });
    },
  });
}
