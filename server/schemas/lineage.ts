import { z } from '../openapi/zod.js';
import { DocumentIdParam, QueryBool } from './common.js';

export const LineageQuery = z.strictObject({
  id: DocumentIdParam.openapi({ description: 'a document id or an item id (URL-encoded)' }),
  direction: z
    .enum(['up', 'down', 'both'])
    .default('both')
    .openapi({ description: 'up: what it implements; down: what implements it (through intermediate plans)' }),
  depth: z.coerce.number().int().min(1).max(6).default(3).openapi({ description: 'hops, 1..6' }),
  include: z
    .enum(['documents', 'items', 'agencies'])
    .default('items')
    .openapi({
      description:
        'documents only; plus their items and task → directive links; plus the agencies leading/coordinating the tasks. ' +
        'From an item, the walked items and their documents are always included.',
    }),
  cites: QueryBool('also walk CITES edges between documents (default: IMPLEMENTS only)'),
});

export const GraphNode = z
  .object({
    id: z.string(),
    kind: z.enum(['document', 'directive', 'task', 'agency']),
    label: z.string(),
    province: z.string().nullable(),
    level: z.string().nullable(),
    distance: z.number().int().nullable().openapi({ description: 'hops from the root: negative up, positive down' }),
    typeCode: z.string().optional(),
    number: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    date: z.string().nullable().optional(),
    stub: z.boolean().optional(),
    documentId: z.string().optional(),
    sectionPath: z.array(z.string()).optional(),
    text: z.string().optional(),
    isTask: z.boolean().optional(),
    isDirective: z.boolean().optional(),
    lineStart: z.number().int().optional(),
    lineEnd: z.number().int().optional(),
    timelineRaw: z.string().nullable().optional(),
    collective: z.boolean().optional(),
  })
  .openapi('GraphNode');

export const GraphEdge = z
  .object({
    id: z.string().openapi({ description: 'source|TYPE|target' }),
    source: z.string(),
    target: z.string(),
    type: z.enum(['IMPLEMENTS', 'CITES', 'CONTAINS', 'LEADS', 'COORDINATES']),
    evidence: z.string().nullable().optional(),
    raw: z.string().nullable().optional(),
    basis: z.boolean().optional(),
    lineStart: z.number().int().nullable().optional(),
    lineEnd: z.number().int().nullable().optional(),
    score: z.number().nullable().optional(),
    method: z.string().nullable().optional(),
  })
  .openapi('GraphEdge');

export const Subgraph = z
  .object({
    root: z.object({ id: z.string(), kind: z.enum(['document', 'item']) }),
    direction: z.enum(['up', 'down', 'both']),
    depth: z.number().int(),
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
  })
  .openapi('Subgraph', { description: 'nodes and edges, ready for Cytoscape (`{ data: node }` / `{ data: edge }`)' });

export const ExportQuery = LineageQuery.extend({
  format: z.enum(['json', 'csv', 'graphml']).default('json'),
  part: z.enum(['nodes', 'edges']).optional().openapi({ description: 'with format=csv: which table (default nodes)' }),
}).superRefine((q, ctx) => {
  if (q.part !== undefined && q.format !== 'csv') ctx.addIssue({ code: 'custom', path: ['part'], message: 'part only applies to format=csv' });
});
