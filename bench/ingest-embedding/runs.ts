/**
 * One timed pass of each kind over the same texts:
 *  - `alone`: the product's embedder in this thread (Embedder.embedPassages, one call, runs of 16
 *    shortest first), no Neo4j: what the model does by itself;
 *  - a sync variant: the graph's items without vectors, then syncSearchIndex end to end with the
 *    shipped embedder (worker thread, search/embed-pool.ts), Neo4j reads and writes, the index
 *    built and saved into an empty directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDING_DIMENSIONS } from '../../graph-schema/index.js';
import type { Db } from '../../graph-store/db.js';
import type { Embedder } from '../../search/embedder.js';
import { VectorIndex } from '../../search/index-store.js';
import { lazyEmbedder } from '../../search/open.js';
import { syncSearchIndex, type SyncOptions } from '../../search/sync.js';
import { between, snapshot, type Snapshot, type Window } from '../ingest-scale/machine.js';
import { forgetEmbeddings } from './graph.js';

export interface Variant {
  name: string;
  /** Null: the embedder alone. */
  sync: Pick<SyncOptions, 'batchSize' | 'embedAhead'> | null;
}

export interface Run {
  variant: string;
  round: number;
  texts: number;
  /** The whole pass: the embedder's call, or syncSearchIndex from call to result. */
  seconds: number;
  /** Sync only: from its first to its last embedding progress (embedding and writing the vectors). */
  embedSeconds: number | null;
  /** This process (worker threads included) and Neo4j's JVM. */
  window: Window;
}

export async function runAlone(embedder: Embedder, texts: string[], round: number, pids: () => number[]): Promise<{ run: Run; vectors: Float32Array[] }> {
  const a = snapshot(pids);
  const vectors = await embedder.embedPassages(texts, { batchSize: 16 });
  const window = between(a, snapshot(pids));
  return { run: { variant: 'alone', round, texts: texts.length, seconds: window.seconds, embedSeconds: null, window }, vectors };
}

export async function runSync(db: Db, variant: Variant, workDir: string, expected: number, round: number, pids: () => number[]): Promise<Run> {
  await forgetEmbeddings(db);
  const dir = await mkdtemp(join(workDir, 'index-'));
  const index = VectorIndex.empty(dir, EMBEDDING_DIMENSIONS);
  const marks: { first?: Snapshot; last?: Snapshot } = {};
  try {
    const a = snapshot(pids);
    const result = await syncSearchIndex(db, index, lazyEmbedder, {
      ...variant.sync,
      onProgress: (p) => {
        if (p.phase !== 'embed') return;
        if (p.done === 0) marks.first = snapshot(pids);
        else marks.last = snapshot(pids);
      },
    });
    const window = between(a, snapshot(pids));
    if (result.embedded !== expected || result.failed.length > 0 || index.size !== expected) {
      throw new Error(`${variant.name}: embedded ${result.embedded}, failed ${result.failed.length}, indexed ${index.size}; expected ${expected}`);
    }
    const embedSeconds = marks.first && marks.last ? (marks.last.t - marks.first.t) / 1000 : null;
    return { variant: variant.name, round, texts: expected, seconds: window.seconds, embedSeconds, window };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
