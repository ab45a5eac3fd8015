import type { Db } from '../../graph-store/db.js';
import { itemDetail, type ItemDetailRead } from '../../graph-store/item-reads.js';
import { notFound } from '../errors.js';

export interface SourceLine {
  n: number;
  text: string;
}

/** Lines lineStart..lineEnd (1-based, inclusive) of a document's text. */
export function sourceLines(text: string | null, lineStart: number, lineEnd: number): SourceLine[] {
  if (!text) return [];
  const lines = text.split('\n');
  const out: SourceLine[] = [];
  for (let n = Math.max(1, lineStart); n <= Math.min(lineEnd, lines.length); n++) out.push({ n, text: lines[n - 1] ?? '' });
  return out;
}

function withSource(read: ItemDetailRead) {
  const { documentText, ...rest } = read;
  const { lineStart, lineEnd } = read.item;
  return { ...rest, source: { documentId: read.document.id, lineStart, lineEnd, lines: sourceLines(documentText, lineStart, lineEnd) } };
}

/** Any item, directive or task, with the source lines it was read from and its links both ways. */
export async function getItem(db: Db, id: string) {
  const read = await itemDetail(db, id);
  if (!read) throw notFound('item', id);
  return withSource(read);
}

/** A task: the same view as an item, but only for items that are tasks. */
export async function getTask(db: Db, id: string) {
  const read = await itemDetail(db, id);
  if (!read || !read.item.isTask) throw notFound('task', id);
  return withSource(read);
}
