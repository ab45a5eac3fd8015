/**
 * Export of the lineage view as it is shown (not the full walk /api/export gives): the drawn
 * nodes and edges, a collapsed province group as one node (kind "province", its counts in the
 * label) with its summary edge. Same GraphML and CSV writers and columns as the server's export
 * (server/format: pure, no Node APIs), so a file from either opens the same way in Gephi or yEd.
 */
import { toCsv, type Column } from '../../format/csv.js';
import { EDGE_COLUMNS, NODE_COLUMNS, toGraphml } from '../../format/graphml.js';
import { groupLabel, type VisibleGraph } from './lineage-groups.js';
import type { GraphEdge, GraphNode, Subgraph } from './types.js';

export type ExportFormat = 'graphml' | 'csv-nodes' | 'csv-edges';

/** The shown graph as the API's Subgraph shape; a group is a node of its own kind. */
export function shownSubgraph(v: VisibleGraph, root: string, direction: 'down' | 'up'): Subgraph {
  const nodes = v.nodes.map((n): GraphNode => {
    if (n.data) return n.data;
    const g = n.group!;
    // "province" is not one of the API's node kinds: the file says what the view drew.
    return { id: g.id, kind: 'province', label: groupLabel(g).replace('\n', ' — '), province: g.unit, level: 'province', distance: null } as unknown as GraphNode;
  });
  const edges = v.edges.map(({ summary: _summary, ...e }): GraphEdge => e);
  return { root: { id: root, kind: root.includes('#') ? 'item' : 'document' }, direction, depth: 0, nodes, edges, truncated: null };
}

const nodeColumns: Column<GraphNode>[] = NODE_COLUMNS.map((k) => [k, (n) => (n as unknown as Record<string, unknown>)[k]] as const);
const edgeColumns: Column<GraphEdge>[] = EDGE_COLUMNS.map((k) => [k, (e) => (e as unknown as Record<string, unknown>)[k]] as const);

export function exportText(g: Subgraph, format: ExportFormat): { text: string; type: string; ext: string } {
  if (format === 'graphml') return { text: toGraphml(g), type: 'application/graphml+xml', ext: 'graphml' };
  if (format === 'csv-nodes') return { text: toCsv(g.nodes, nodeColumns), type: 'text/csv', ext: 'nut.csv' };
  return { text: toCsv(g.edges, edgeColumns), type: 'text/csv', ext: 'canh.csv' };
}
