/**
 * Find in the graph: which of the lineage's nodes a typed text names, compared folded (tone marks
 * off, đ → d, case and spacing ignored), so "ke hoach 3229" finds "Kế hoạch 3229/KH-UBND" and
 * "binh thuan" Bình Thuận's documents. Every word typed must occur in the node's text.
 */
import { matchKey } from '../../core/vn-text.js';
import type { GraphNode } from './types.js';

/** The text a node is found by: what its label shows, and its province. */
export function searchableText(n: GraphNode): string {
  return [n.number, n.title, n.label, n.text, n.province, n.sectionPath?.join('.')].filter(Boolean).join(' ');
}

/** Ids of the nodes whose text holds every word of `query`, in the order given; none for an empty query. */
export function findNodes(nodes: Iterable<GraphNode>, query: string): string[] {
  const words = matchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const out: string[] = [];
  for (const n of nodes) {
    const text = matchKey(searchableText(n));
    if (words.every((w) => text.includes(w))) out.push(n.id);
  }
  return out;
}
