import type { Db } from '../../graph-store/db.js';
import { lineage, type LineageOptions } from '../../graph-store/lineage-reads.js';
import { notFound } from '../errors.js';

export async function getLineage(db: Db, id: string, opts: LineageOptions) {
  const graph = await lineage(db, id, opts);
  if (!graph) throw notFound('document or item', id);
  return graph;
}
