import type { GraphEdge, GraphNode } from '../../graph-store/lineage-reads.js';
import type { AppDeps } from '../deps.js';
import { download, json, type Api } from '../http/api.js';
import { attachment } from '../http/respond.js';
import { toCsv, type Column } from '../format/csv.js';
import { EDGE_COLUMNS, NODE_COLUMNS, toGraphml } from '../format/graphml.js';
import { getLineage } from '../queries/lineage.js';
import { ExportQuery, LineageQuery, Subgraph } from '../schemas/lineage.js';

const nodeColumns: Column<GraphNode>[] = NODE_COLUMNS.map((k) => [k, (n) => (n as unknown as Record<string, unknown>)[k]] as const);
const edgeColumns: Column<GraphEdge>[] = EDGE_COLUMNS.map((k) => [k, (e) => (e as unknown as Record<string, unknown>)[k]] as const);

export function lineageRoutes(api: Api, { db }: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/lineage',
    tags: ['lineage'],
    summary: 'The lineage subgraph of a document or an item',
    description:
      'Documents are walked along IMPLEMENTS (and CITES with cites=true): `down` from 69-KL/TW reaches the provincial ' +
      'plans that implement it through intermediate plans. From an item, Task → Directive IMPLEMENTS links are walked. ' +
      '`include` adds the documents\' items (CONTAINS, task → directive links) and the tasks\' agencies (LEADS, COORDINATES).',
    query: LineageQuery,
    notFound: true,
    responses: { 200: json(Subgraph, 'nodes and edges') },
    handle: ({ query }) => getLineage(db, query.id, { ...query, cites: query.cites ?? false }),
  });

  api.add({
    method: 'get',
    path: '/api/export',
    tags: ['lineage'],
    summary: 'Download a lineage subgraph as JSON, CSV (nodes or edges) or GraphML',
    query: ExportQuery,
    notFound: true,
    responses: { 200: download(Subgraph, 'the subgraph, as an attachment', ['text/csv', 'application/graphml+xml']) },
    handle: async ({ query, res }) => {
      const { format, part, ...opts } = query;
      const graph = await getLineage(db, opts.id, { ...opts, cites: opts.cites ?? false });
      const name = `lineage-${opts.id}-${opts.direction}-${opts.depth}`;
      if (format === 'graphml') {
        attachment(res, name, 'graphml');
        res.type('application/graphml+xml; charset=utf-8').send(toGraphml(graph));
      } else if (format === 'csv') {
        const which = part ?? 'nodes';
        attachment(res, `${name}-${which}`, 'csv');
        const body = which === 'nodes' ? toCsv(graph.nodes, nodeColumns) : toCsv(graph.edges, edgeColumns);
        res.type('text/csv; charset=utf-8').send(body);
      } else {
        attachment(res, name, 'json');
        res.json(graph);
      }
      return undefined;
    },
  });
}
