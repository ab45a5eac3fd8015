import { z } from 'zod';
import { DocumentTypeCode, Level } from '../graph-schema/index.js';
import { DocumentIdParam, QueryBool } from './common.js';

/**
 * The default keeps an answer under 1 MB on a national graph (bench/scale-graph.ts: 1,145 plans,
 * 57k items): 0.81 MB at most there, from 69-KL/TW both ways (400 documents, each with two long
 * citation edges); 500 gave 1.03 MB. A task with its edges weighs about 1.3 KB. The maximum keeps
 * one answer to about 10 MB; more is what /api/export is for.
 */
export const LINEAGE_LIMIT = { default: 400, max: 5000 } as const;

export const LeftOut = z
  .object({ items: z.number().int(), tasks: z.number().int(), directives: z.number().int() })
  .meta({ id: 'LeftOut',  description: 'items left out of a bounded answer, and how many of them are tasks and directive items' });
export type LeftOut = z.output<typeof LeftOut>;

export const LineageQuery = z.strictObject({
  id: DocumentIdParam.meta({ description: 'a document id or an item id (URL-encoded)' }),
  direction: z
    .enum(['up', 'down', 'both'])
    .default('both')
    .meta({ description: 'up: what it implements; down: what implements it (through intermediate plans)' }),
  depth: z.coerce.number().int().min(1).max(6).default(3).meta({ description: 'hops, 1..6' }),
  include: z
    .enum(['documents', 'items', 'agencies'])
    .default('items')
    .meta({
      description:
        'documents only; plus their items and task → directive links; plus the agencies leading/coordinating the tasks. ' +
        'From an item, the walked items and their documents are always included.',
    }),
  cites: QueryBool('also walk CITES edges between documents (default: IMPLEMENTS only)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LINEAGE_LIMIT.max)
    .default(LINEAGE_LIMIT.default)
    .meta({
      description:
        `at most this many documents and items together, 1..${LINEAGE_LIMIT.max}. Documents are kept first (the nearest to the ` +
        'root when there are more), then the items of the nearest documents, each document\'s whole or not at all (the root\'s ' +
        'first); what is left out is counted in `truncated` and on each document (`leftOut`). The full set: /api/export.',
    }),
});
export type LineageQuery = z.output<typeof LineageQuery>;

export const GraphNode = z
  .object({
    id: z.string(),
    kind: z.enum(['document', 'directive', 'task', 'agency']),
    label: z.string(),
    province: z.string().nullable(),
    level: Level.nullable(),
    distance: z.number().int().nullable().meta({ description: 'hops from the root: negative up, positive down' }),
    // documents
    typeCode: DocumentTypeCode.optional(),
    number: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    date: z.string().nullable().optional(),
    stub: z.boolean().optional(),
    // items
    documentId: z.string().optional(),
    sectionPath: z.array(z.string()).optional(),
    text: z.string().optional(),
    isTask: z.boolean().optional(),
    isDirective: z.boolean().optional(),
    lineStart: z.number().int().optional(),
    lineEnd: z.number().int().optional(),
    timelineRaw: z.string().nullable().optional(),
    // agencies
    collective: z.boolean().optional(),
    /** A document whose items (walked items, from an item) are left out of a bounded answer. */
    leftOut: LeftOut.optional(),
  })
  .meta({ id: 'GraphNode' });
export type GraphNode = z.output<typeof GraphNode>;

export const GraphEdge = z
  .object({
    id: z.string().meta({ description: 'source|TYPE|target' }),
    source: z.string(),
    target: z.string(),
    type: z.enum(['IMPLEMENTS', 'CITES', 'CONTAINS', 'LEADS', 'COORDINATES']),
    // document citations
    evidence: z.string().nullable().optional(),
    raw: z.string().nullable().optional(),
    basis: z.boolean().optional(),
    lineStart: z.number().int().nullable().optional(),
    lineEnd: z.number().int().nullable().optional(),
    // task → directive
    score: z.number().nullable().optional(),
    method: z.string().nullable().optional(),
  })
  .meta({ id: 'GraphEdge' });
export type GraphEdge = z.output<typeof GraphEdge>;

export const Subgraph = z
  .object({
    root: z.object({ id: z.string(), kind: z.enum(['document', 'item']) }),
    direction: z.enum(['up', 'down', 'both']),
    depth: z.number().int(),
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    truncated: z
      .object({
        limit: z.number().int(),
        shown: z.object({ documents: z.number().int(), items: z.number().int() }),
        total: z.object({ documents: z.number().int(), items: z.number().int() }),
        leftOut: LeftOut.extend({ documents: z.number().int() }),
        download: z.string().meta({ description: 'the /api/export URL of the full set', example: '/api/export?id=vn%2Ftw%2Fkl%2F69%2F2024&direction=both&depth=3&include=items' }),
      })
      .nullable()
      .meta({ id: 'Truncation',  description: 'null when the answer holds everything the walk reached; else what `limit` left out' }),
  })
  .meta({ id: 'Subgraph',  description: 'nodes and edges, ready for Cytoscape (`{ data: node }` / `{ data: edge }`)' });
export type Subgraph = z.output<typeof Subgraph>;

/** The export is the full set: no `limit`. */
export const ExportQuery = LineageQuery.omit({ limit: true }).extend({
  format: z.enum(['json', 'csv', 'graphml']).default('json'),
  part: z.enum(['nodes', 'edges']).optional().meta({ description: 'with format=csv: which table (default nodes)' }),
}).superRefine((q, ctx) => {
  if (q.part !== undefined && q.format !== 'csv') ctx.addIssue({ code: 'custom', path: ['part'], message: 'part only applies to format=csv' });
});
export type ExportQuery = z.output<typeof ExportQuery>;

export type NodeKind = GraphNode['kind'];
export type EdgeType = GraphEdge['type'];
/** What a bounded answer left out, and of how much (null in a complete answer). */
export type Truncation = NonNullable<Subgraph['truncated']>;
export type Direction = LineageQuery['direction'];
/** How much hangs off the documents: only documents, plus their items, plus the tasks' agencies. */
export type Include = LineageQuery['include'];
