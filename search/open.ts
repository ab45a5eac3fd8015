/**
 * Putting the search stage together for a command: the index directory under CACHE_DIR, the
 * process-wide embedder (model built by ensureModel() when missing), the on-disk index (rebuilt
 * from Neo4j when missing or corrupt) and one sync, so the service starts consistent with the graph.
 */
import path from 'node:path';
import { EMBEDDING_DIMENSIONS } from '../graph-schema/index.js';
import type { Db } from '../graph-store/db.js';
import { modelPaths } from './model-setup.js';
import { embedPassages, startQueryEmbedding } from './embedder.js';
import { VectorIndex, type OpenStatus } from './index-store.js';
import { HybridSearchService, type Embedder, type RankingOptions } from './service.js';
import type { SyncOptions, SyncResult } from './sync.js';

/** <CACHE_DIR>/index, CACHE_DIR relative to the repository root like every other cache. */
export function defaultIndexDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(modelPaths(env).cacheDir, 'index');
}

/**
 * The shared embedder, loaded on first use: a sync with nothing to embed and a command that
 * never searches do not pay the model's load time and memory.
 */
export const lazyEmbedder: Embedder = {
  embedPassages: (texts, opts) => embedPassages(texts, opts),
  startQuery: (text) => startQueryEmbedding(text),
};

export interface OpenSearchOptions extends SyncOptions {
  indexDir?: string;
  embedder?: Embedder;
  ranking?: Partial<RankingOptions>;
  /** Told when the saved index could not be used and is rebuilt from the graph. */
  onRebuild?: (status: Exclude<OpenStatus, { state: 'loaded' }>) => void;
}

export interface OpenedSearch {
  service: HybridSearchService;
  index: VectorIndex;
  status: OpenStatus;
  sync: SyncResult;
}

export async function openSearch(db: Db, opts: OpenSearchOptions = {}): Promise<OpenedSearch> {
  const dir = opts.indexDir ?? defaultIndexDir();
  const { index, status } = VectorIndex.open(dir, EMBEDDING_DIMENSIONS);
  if (status.state !== 'loaded') opts.onRebuild?.(status);
  const service = new HybridSearchService(db, index, opts.embedder ?? lazyEmbedder, opts.ranking);
  const sync = await service.syncIndex(opts);
  await service.warm();
  return { service, index, status, sync };
}
