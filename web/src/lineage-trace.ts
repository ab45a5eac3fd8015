/**
 * "Truy ngược": the way up from a document or an item to the document its lineage starts from
 * (69-KL/TW, or 20-NQ/TW above it), given as the lineage view's ordinary state: one root, the
 * documents to open from the top down, and the node to select. The result is then a normal,
 * shareable lineage view that the user can go on expanding.
 */
import { getJson } from './api.js';
import { nodeKindOfId } from './lineage-model.js';
import type { GraphEdge, GraphNode, ItemDetail, Subgraph } from './types.js';

export interface TracedView {
  root: string;
  /** Documents to expand, top first; the last one is the traced document (or the item's). */
  open: string[];
  node: string;
  /** The traced node is a directive item: directive items must be shown to see it. */
  directives: boolean;
}

/** How far up the API walks; deeper than any chain of the corpus (20-NQ → 69-KL → KH/TU → KH-UBND). */
const MAX_DEPTH = 6;

export async function traceUp(id: string): Promise<TracedView> {
  let docId = id;
  let directives = false;
  if (nodeKindOfId(id) === 'item') {
    const d = await getJson<ItemDetail>('/api/items', { id });
    docId = d.document.id;
    directives = !d.item.isTask;
  }
  const g = await getJson<Subgraph>('/api/lineage', { id: docId, direction: 'up', depth: MAX_DEPTH, include: 'documents' });
  const open = longestChainUp(docId, g.nodes, g.edges);
  return { root: open[0]!, open, node: id, directives };
}

/**
 * The longest IMPLEMENTS chain from `start` up, returned top first. Among chains of equal length
 * one ending on a document with text wins over a stub, then the first by id, so the same
 * document always traces to the same view.
 */
export function longestChainUp(start: string, nodes: GraphNode[], edges: GraphEdge[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    if (e.type !== 'IMPLEMENTS' || !byId.has(e.source) || !byId.has(e.target)) continue;
    parents.set(e.source, [...(parents.get(e.source) ?? []), e.target]);
  }
  const best = new Map<string, string[]>();
  const onPath = new Set<string>();
  const score = (chain: string[]) => chain.length * 2 + (byId.get(chain[0]!)?.stub ? 0 : 1);
  const up = (id: string): string[] => {
    const known = best.get(id);
    if (known) return known;
    onPath.add(id);
    let chain = [id];
    for (const p of [...(parents.get(id) ?? [])].sort()) {
      if (onPath.has(p)) continue; // a citation cycle: never walk it twice
      const candidate = [...up(p), id];
      if (score(candidate) > score(chain)) chain = candidate;
    }
    onPath.delete(id);
    best.set(id, chain);
    return chain;
  };
  return up(start);
}
