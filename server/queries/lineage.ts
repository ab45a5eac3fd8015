import type { Db } from '../../graph-store/db.js';
import { lineage, type LineageOptions, type SubgraphRead } from '../../graph-store/lineage-reads.js';
import type { Subgraph } from '../../api-schema/lineage.js';
import { notFound } from '../errors.js';

export async function getLineage(db: Db, id: string, opts: LineageOptions): Promise<SubgraphRead> {
  const graph = await lineage(db, id, opts);
  if (!graph) throw notFound('document or item', id);
  return graph;
}

/** A bounded answer names the download of the full set: /api/export with the same walk. */
export function withDownload(graph: SubgraphRead, id: string, opts: LineageOptions): Subgraph {
  if (!graph.truncated) return { ...graph, truncated: null };
  const walk = new URLSearchParams({ id, direction: opts.direction, depth: String(opts.depth), include: opts.include });
  if (opts.cites) walk.set('cites', 'true');
  return { ...graph, truncated: { ...graph.truncated, download: `/api/export?${walk}` } };
}
