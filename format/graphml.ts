import type { GraphEdge, GraphNode, Subgraph } from '../api-schema/lineage.js';

type Attr = { key: string; type: 'string' | 'int' | 'double' | 'boolean' };

const NODE_ATTRS: Attr[] = [
  { key: 'kind', type: 'string' },
  { key: 'label', type: 'string' },
  { key: 'province', type: 'string' },
  { key: 'level', type: 'string' },
  { key: 'distance', type: 'int' },
  { key: 'typeCode', type: 'string' },
  { key: 'number', type: 'string' },
  { key: 'title', type: 'string' },
  { key: 'date', type: 'string' },
  { key: 'stub', type: 'boolean' },
  { key: 'documentId', type: 'string' },
  { key: 'sectionPath', type: 'string' },
  { key: 'text', type: 'string' },
  { key: 'isTask', type: 'boolean' },
  { key: 'isDirective', type: 'boolean' },
  { key: 'lineStart', type: 'int' },
  { key: 'lineEnd', type: 'int' },
  { key: 'timelineRaw', type: 'string' },
  { key: 'collective', type: 'boolean' },
];

const EDGE_ATTRS: Attr[] = [
  { key: 'type', type: 'string' },
  { key: 'evidence', type: 'string' },
  { key: 'raw', type: 'string' },
  { key: 'basis', type: 'boolean' },
  { key: 'lineStart', type: 'int' },
  { key: 'lineEnd', type: 'int' },
  { key: 'score', type: 'double' },
  { key: 'method', type: 'string' },
];

/** XML 1.0 forbids most control characters even when escaped; they are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function value(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join('.');
  return String(v);
}

function data(prefix: 'n' | 'e', attrs: Attr[], obj: Record<string, unknown>): string {
  return attrs
    .map((a) => {
      const v = value(obj[a.key]);
      return v === null ? '' : `\n      <data key="${prefix}_${a.key}">${xmlEscape(v)}</data>`;
    })
    .join('');
}

/** GraphML (yEd, Gephi, Cytoscape desktop): typed attribute keys, then nodes and directed edges. */
export function toGraphml(graph: Pick<Subgraph, 'root' | 'nodes' | 'edges'>): string {
  const keys = [
    ...NODE_ATTRS.map((a) => `  <key id="n_${a.key}" for="node" attr.name="${a.key}" attr.type="${a.type}"/>`),
    ...EDGE_ATTRS.map((a) => `  <key id="e_${a.key}" for="edge" attr.name="${a.key}" attr.type="${a.type}"/>`),
  ];
  const nodes = graph.nodes.map(
    (n: GraphNode) => `    <node id="${xmlEscape(n.id)}">${data('n', NODE_ATTRS, n as unknown as Record<string, unknown>)}\n    </node>`,
  );
  const edges = graph.edges.map(
    (e: GraphEdge) =>
      `    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${data('e', EDGE_ATTRS, e as unknown as Record<string, unknown>)}\n    </edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys,
    `  <graph id="${xmlEscape(graph.root.id)}" edgedefault="directed">`,
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

export const NODE_COLUMNS = ['id', ...NODE_ATTRS.map((a) => a.key)] as const;
export const EDGE_COLUMNS = ['id', 'source', 'target', ...EDGE_ATTRS.map((a) => a.key)] as const;
