/**
 * Links into the app: one opening a node in the details panel where the user stands, and the
 * views a node leads to. Kept apart from the panel (details.ts): the panel's task review section
 * (review-task.ts) links from inside it, and the two imported each other.
 */
import { h } from './dom.js';
import { hrefFor, parseHash } from './router.js';

/** A link that opens `id` in the details panel, staying in the current view. */
export function nodeLink(id: string, label: string, cls = 'node-link'): HTMLAnchorElement {
  const { view, params } = parseHash();
  const p = new URLSearchParams(params);
  p.set('node', id);
  return h('a', { href: hrefFor(view, p), class: cls, 'data-node-id': id }, label);
}

export const lineageHref = (docId: string, select?: string) => hrefFor('lineage', { root: docId, open: docId, node: select ?? docId });
/** The lineage opened from the top down to `id` (a document or an item): where it comes from. */
export const traceHref = (id: string) => hrefFor('lineage', { trace: id });
export const similarHref = (taskId: string) => hrefFor('search', { similar: taskId, node: taskId });
