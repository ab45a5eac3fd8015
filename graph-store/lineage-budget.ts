/**
 * What a bounded lineage answer keeps. A walk down from 69-KL/TW on a national graph reaches a
 * thousand plans and fifty thousand items: tens of megabytes nobody can draw or read. An answer
 * holds at most `limit` documents and items together; what does not fit is left out and counted,
 * and the full set stays available as a download (/api/export). Pure: the reads give the counts,
 * this decides, the reads fetch what was kept.
 */

export interface WalkedDocument {
  id: string;
  /** Hops from the root: negative up, positive down. */
  distance: number;
  items: number;
}

export interface DocumentPlan {
  /** Documents kept, all of them when they fit, else the nearest to the root. */
  documents: string[];
  /** Documents left out: only when there are more than `limit`. */
  leftOutDocuments: string[];
  /** Kept documents whose items are in the answer: all of them, or the first n (only ever the root). */
  items: Map<string, number>;
}

/** Nearest to the root first; ties by id, so the same graph always gives the same answer. */
const nearestFirst = (a: { distance: number; id: string }, b: { distance: number; id: string }) =>
  Math.abs(a.distance) - Math.abs(b.distance) || a.id.localeCompare(b.id);

/**
 * Documents first, then items document by document, nearest first, each document's items whole or
 * not at all: a reader sees a plan with all its tasks, or a plan with their counts. The root is
 * the exception: its items come first, and as many of them as fit (a document of 3,000 items
 * still opens on its first ones).
 */
export function planDocumentLineage(rootId: string, walked: WalkedDocument[], limit: number): DocumentPlan {
  const ordered = [...walked].sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : nearestFirst(a, b)));
  const kept = ordered.slice(0, limit);
  let room = limit - kept.length;
  const items = new Map<string, number>();
  for (const d of kept) {
    if (d.items === 0 || room === 0) continue;
    if (d.items <= room) {
      items.set(d.id, d.items);
      room -= d.items;
    } else if (d.id === rootId) {
      items.set(d.id, room);
      room = 0;
    }
  }
  return { documents: kept.map((d) => d.id), leftOutDocuments: ordered.slice(limit).map((d) => d.id), items };
}

export interface WalkedItem {
  id: string;
  documentId: string;
  distance: number;
}

export interface ItemPlan {
  /** Items kept, nearest to the root first. */
  items: string[];
  /** The documents holding them. */
  documents: string[];
  leftOutItems: string[];
}

/**
 * From an item (a directive paragraph of 69-KL/TW, carried out by thousands of tasks): the items
 * nearest to the root, each with its document, until the next would not fit. The documents are
 * only the items' context here, so documents whose walked items are all left out are left out too.
 */
export function planItemLineage(rootId: string, walked: WalkedItem[], limit: number): ItemPlan {
  const ordered = [...walked].sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : nearestFirst(a, b)));
  const items: string[] = [];
  const documents = new Set<string>();
  let used = 0;
  let at = 0;
  for (; at < ordered.length; at++) {
    const it = ordered[at]!;
    const cost = documents.has(it.documentId) ? 1 : 2;
    if (used + cost > limit) break;
    used += cost;
    items.push(it.id);
    documents.add(it.documentId);
  }
  return { items, documents: [...documents].sort(), leftOutItems: ordered.slice(at).map((i) => i.id) };
}
