/**
 * What a bounded lineage answer left out (the API keeps at most `limit` documents and items; see
 * /api/lineage), in the words the lineage view shows. An expansion shows the documents one level
 * below a document and that document's own items, or the items carrying out an item: the view
 * speaks up only when some of those are missing, with the download of the full set; every
 * document says how many items it has, shown or not.
 */
import type { GraphNode, Subgraph } from './types.js';

export type Truncation = NonNullable<Subgraph['truncated']>;

const n = (x: number) => x.toLocaleString('vi-VN');

/**
 * "Hiển thị 400/1.143 văn bản" (documents left out) and/or "Hiển thị 380/3.000 mục" (the expanded
 * document's own items cut), for a document's expansion; null when nothing it shows is missing.
 */
export function documentShortfall(t: Truncation | null, own: { shown: number; leftOut: number }): string | null {
  const parts: string[] = [];
  if (t && t.leftOut.documents > 0) parts.push(`${n(t.shown.documents)}/${n(t.total.documents)} văn bản`);
  if (own.leftOut > 0) parts.push(`${n(own.shown)}/${n(own.shown + own.leftOut)} mục`);
  return parts.length > 0 ? `Hiển thị ${parts.join(' và ')}` : null;
}

/** "Hiển thị 386/1.514 mục" for an item's expansion (the tasks carrying it out); null when none is missing. */
export function itemShortfall(t: Truncation | null): string | null {
  return t && t.leftOut.items > 0 ? `Hiển thị ${n(t.shown.items)}/${n(t.total.items)} mục` : null;
}

/** Items of `doc` in an answer: those it holds plus those it left out (`leftOut`). */
export function itemsOfDocument(g: Subgraph, doc: GraphNode): number {
  return g.nodes.filter((x) => x.documentId === doc.id && (x.kind === 'task' || x.kind === 'directive')).length + (doc.leftOut?.items ?? 0);
}

/** "16 mục" on a document node. */
export const itemCountText = (items: number): string => `${n(items)} mục`;
