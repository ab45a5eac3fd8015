import type { Db } from '../../graph-store/db.js';
import { lineage, type LineageOptions, type Subgraph as StoredSubgraph } from '../../graph-store/lineage-reads.js';
import type { z } from '../openapi/zod.js';
import type { Subgraph } from '../schemas/lineage.js';
import { notFound } from '../errors.js';

export async function getLineage(db: Db, id: string, opts: LineageOptions): Promise<StoredSubgraph> {
  const graph = await lineage(db, id, opts);
  if (!graph) throw notFound('document or item', id);
  return graph;
}

/** A bounded answer names the download of the full set: /api/export with the same walk. */
export function withDownload(graph: StoredSubgraph, id: string, opts: LineageOptions): z.output<typeof Subgraph> {
  if (!graph.truncated) return { ...graph, truncated: null };
  const walk = new URLSearchParams({ id, direction: opts.direction, depth: String(opts.depth), include: opts.include });
  if (opts.cites) walk.set('cites', 'true');
  return { ...graph, truncated: { ...graph.truncated, download: `/api/export?${walk}` } };
}
