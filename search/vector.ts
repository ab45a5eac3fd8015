/**
 * The vector side: the query's e5 embedding ("query: " prefix) against the HNSW index. Filters are
 * exact: the graph names the items a filter admits and the index only returns those (see
 * VectorIndex.search), so a filtered search never comes back short because the nearest
 * neighbours happened to be elsewhere.
 */
import type { Db } from '../graph-store/db.js';
import { filteredItemIds, isUnfiltered, type ItemFilter } from '../graph-store/search-reads.js';
import type { StartedEmbedding } from './embedder.js';
import type { VectorHit, VectorIndex } from './index-store.js';

export interface QueryEmbedder {
  /**
   * Starts the query's embedding and resolves once it runs off this thread (embedder.ts
   * startQueryEmbedding), so the caller can rank words meanwhile.
   */
  startQuery(text: string): Promise<StartedEmbedding>;
}

export async function vectorSearch(
  db: Db,
  index: VectorIndex,
  queryVector: ArrayLike<number>,
  filter: ItemFilter,
  k: number,
  /** The items a filter admits (null: every item the index holds), read from the graph unless the caller keeps them. */
  admitted: (filter: ItemFilter) => Promise<ReadonlySet<string> | null> = (f) => filteredItemIds(db, f),
): Promise<VectorHit[]> {
  const allowed = isUnfiltered(filter) ? undefined : ((await admitted(filter)) ?? undefined);
  if (allowed?.size === 0) return [];
  return index.search(queryVector, k, allowed);
}
