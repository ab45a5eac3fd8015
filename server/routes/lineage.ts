import { BULK_DEADLINE_MS } from '../../graph-store/db.js';
import type { GraphEdge, GraphNode } from '../../api-schema/lineage.js';
import type { AppDeps } from '../deps.js';
import { download, json, type Api } from '../http/api.js';
import { attachment, serialiseJson, type SerialisedJson } from '../http/respond.js';
import { toCsv, type Column } from '../../format/csv.js';
import { EDGE_COLUMNS, NODE_COLUMNS, toGraphml } from '../../format/graphml.js';
import { getLineage, withDownload } from '../queries/lineage.js';
import { ExportQuery, LINEAGE_LIMIT, LineageQuery, Subgraph } from '../../api-schema/lineage.js';
import { keptOnGraph, markStale } from '../queries/kept-answers.js';

const nodeColumns: Column<GraphNode>[] = NODE_COLUMNS.map((k) => [k, (n) => (n as unknown as Record<string, unknown>)[k]] as const);
const edgeColumns: Column<GraphEdge>[] = EDGE_COLUMNS.map((k) => [k, (e) => (e as unknown as Record<string, unknown>)[k]] as const);

export function lineageRoutes(api: Api, { db }: AppDeps): void {
  // A lineage answer changes only with the graph, and the popular walks (69-KL/TW, the plans people
  // open) are asked again and again: 0.3 s of reads and 25 ms of JSON for 69-KL/TW's on a national
  // graph. Answers at the default budget (under 1 MB each) are kept, serialised, while the graph
  // stays as it was; larger budgets are read each time.
  const { kept: answers, readDb: aggregateDb } = keptOnGraph<SerialisedJson<Subgraph>>(db);
  api.add({
    method: 'get',
    path: '/api/lineage',
    tags: ['lineage'],
    summary: 'The lineage subgraph of a document or an item',
    description:
      'Documents are walked along IMPLEMENTS (and CITES with cites=true): `down` from 69-KL/TW reaches the provincial ' +
      'plans that implement it through intermediate plans. From an item, Task → Directive IMPLEMENTS links are walked. ' +
      '`include` adds the documents\' items (CONTAINS, task → directive links) and the tasks\' agencies (LEADS, COORDINATES). ' +
      'The answer is bounded: at most `limit` documents and items (default ' + LINEAGE_LIMIT.default + ', under 1 MB on a national graph); ' +
      'when the walk reaches more, `truncated` says how much was left out, each document whose items were left out carries their ' +
      'counts (`leftOut`), and `truncated.download` is the /api/export URL of the full set.',
    query: LineageQuery,
    notFound: true,
    responses: { 200: json(Subgraph, 'nodes and edges') },
    handle: async ({ query, res, reply }) => {
      const opts = { ...query, cites: query.cites ?? false };
      const read = async (from: typeof db) => serialiseJson(withDownload(await getLineage(from, query.id, opts), query.id, opts));
      const keep = opts.limit === LINEAGE_LIMIT.default;
      const key = JSON.stringify([opts.id, opts.direction, opts.depth, opts.include, opts.cites]);
      if (!keep) return reply.kept(await read(db));
      const { value, stale } = await answers.answer(key, () => read(aggregateDb));
      if (stale) markStale(res);
      return reply.kept(value);
    },
  });

  api.add({
    method: 'get',
    path: '/api/export',
    tags: ['lineage'],
    summary: 'Download a lineage subgraph as JSON, CSV (nodes or edges) or GraphML',
    description:
      'The full set: every document and item the walk reaches, however many (no `limit`; `truncated` is always null). ' +
      'This is what a bounded /api/lineage answer points to in `truncated.download`. On a national graph it runs to tens of megabytes.',
    query: ExportQuery,
    notFound: true,
    responses: { 200: download(Subgraph, 'the subgraph, as an attachment', ['text/csv', 'application/graphml+xml']) },
    handle: async ({ query, res, reply }) => {
      const { format, part, ...opts } = query;
      // The full set of a national walk reads 57k items in one query: a whole-graph read, not a request's.
      const bulk = { ...db, queryDeadlineMs: BULK_DEADLINE_MS };
      const graph = await getLineage(bulk, opts.id, { ...opts, cites: opts.cites ?? false });
      const name = `lineage-${opts.id}-${opts.direction}-${opts.depth}`;
      if (format === 'graphml') return reply.file(name, 'graphml', 'application/graphml+xml; charset=utf-8', toGraphml(graph));
      if (format === 'csv') {
        const which = part ?? 'nodes';
        const body = which === 'nodes' ? toCsv(graph.nodes, nodeColumns) : toCsv(graph.edges, edgeColumns);
        return reply.file(`${name}-${which}`, 'csv', 'text/csv; charset=utf-8', body);
      }
      attachment(res, name, 'json');
      // The full set: nothing is left out, so there is no download to name (truncated is null).
      return withDownload(graph, opts.id, { ...opts, cites: opts.cites ?? false });
    },
  });
}
