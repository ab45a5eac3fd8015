/**
 * Makes the graph's vectors and the HNSW index agree with the graph's items, incrementally:
 *
 * 1. every Item without an `embedding` (new, or its text changed: upsert nulls the vector) is
 *    embedded as a passage, in batches, and the vector written to Neo4j (only if the text is
 *    still the one embedded);
 * 2. the index is compared with the graph by fingerprint (the vector's first components, read
 *    cheaply with a list slice): items gone from the graph (deleted or replaced documents) are
 *    marked deleted, new or re-embedded ones are added with the vector Neo4j holds;
 * 3. the index is saved when anything changed.
 *
 * An empty index (first run, missing or corrupt files) is therefore rebuilt from Neo4j by the
 * same code path, without embedding anything twice.
 */
import type { Db } from '../graph-store/db.js';
import { embeddingHeads, embeddingsOf, itemsWithoutEmbedding, writeEmbeddings } from '../graph-store/search-reads.js';
import { FINGERPRINT_COMPONENTS, fingerprint, type VectorIndex } from './index-store.js';
import path from 'node:path';
import { withDirLock } from '../core/dir-lock.js';

/** What sync needs of the embedder (search/embedder.ts' Embedder has it). */
export interface PassageEmbedder {
  embedPassages(texts: string[], opts?: { batchSize?: number }): Promise<Float32Array[]>;
}

export interface SyncProgress {
  phase: 'embed' | 'index';
  done: number;
  total: number;
}

export interface SyncOptions {
  onProgress?: (p: SyncProgress) => void;
  /** Texts per embedding call and per write to Neo4j. */
  batchSize?: number;
}

export interface SyncResult {
  /** Items embedded now and written to Neo4j. */
  embedded: number;
  /** Embedded texts not written because the item changed or vanished meanwhile. */
  skipped: number;
  /** Items the embedder could not read: left out of the index (tried again at the next sync) so the others are not held up. */
  failed: string[];
  added: number;
  removed: number;
  /** Items in the index afterwards. */
  size: number;
  saved: boolean;
  ms: number;
}

const READ_BATCH = 500;
const DEFAULT_BATCH = 32;

/**
 * Serialises syncs within this process (an upload and a delete arriving together), while the
 * lock directory serialises them across processes (the server and an `npm run ingest`).
 */
let queue: Promise<unknown> = Promise.resolve();

export function syncSearchIndex(db: Db, index: VectorIndex, embedder: PassageEmbedder, opts: SyncOptions = {}): Promise<SyncResult> {
  const run = queue.then(() => withDirLock(path.join(index.dir, '.lock'), () => syncLocked(db, index, embedder, opts)));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * A batch's vectors; when the embedder fails on the batch, each item alone, so one unreadable
 * text costs only itself (its id goes to `failed`, its vector is null).
 */
async function embedIsolated(
  embedder: PassageEmbedder,
  batch: Array<{ id: string; text: string }>,
  batchSize: number,
  failed: string[],
): Promise<Array<Float32Array | null>> {
  try {
    return await embedder.embedPassages(batch.map((t) => t.text), { batchSize });
  } catch {
    const one: Array<Float32Array | null> = [];
    for (const t of batch) {
      try {
        one.push((await embedder.embedPassages([t.text], { batchSize: 1 }))[0]!);
      } catch {
        failed.push(t.id);
        one.push(null);
      }
    }
    return one;
  }
}

async function syncLocked(db: Db, index: VectorIndex, embedder: PassageEmbedder, opts: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  // Start from what another process may have saved meanwhile: fewer vectors to re-read.
  index.reloadIfChangedOnDisk();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const fresh = new Map<string, number[]>();

  // Shortest first: each batch then holds texts of similar length, so little of it is padding
  // (embedder.ts sorts within one call only; unsorted batches of 32 took 2.5 × as long).
  const todo = (await itemsWithoutEmbedding(db)).sort((a, b) => a.text.length - b.text.length);
  let skipped = 0;
  const failed: string[] = [];
  opts.onProgress?.({ phase: 'embed', done: 0, total: todo.length });
  for (let start = 0; start < todo.length; start += batchSize) {
    const batch = todo.slice(start, start + batchSize);
    const vectors = await embedIsolated(embedder, batch, Math.min(batchSize, 16), failed);
    const rows = batch.flatMap((t, i) => (vectors[i] ? [{ id: t.id, text: t.text, vector: Array.from(vectors[i]!) }] : []));
    const written = new Set(await writeEmbeddings(db, rows));
    for (const r of rows) {
      if (written.has(r.id)) fresh.set(r.id, r.vector);
      else skipped++;
    }
    opts.onProgress?.({ phase: 'embed', done: Math.min(start + batchSize, todo.length), total: todo.length });
  }

  const heads = await embeddingHeads(db, FINGERPRINT_COMPONENTS);
  const inGraph = new Map(heads.map((h) => [h.id, fingerprint(h.head)]));
  let removed = 0;
  for (const id of [...index.ids()]) {
    const fp = inGraph.get(id);
    if (fp === undefined || fp !== index.fingerprintOf(id)) {
      index.remove(id);
      removed++;
    }
  }
  const missing = [...inGraph.keys()].filter((id) => !index.has(id));
  let added = 0;
  opts.onProgress?.({ phase: 'index', done: 0, total: missing.length });
  for (let start = 0; start < missing.length; start += READ_BATCH) {
    const ids = missing.slice(start, start + READ_BATCH);
    const toRead = ids.filter((id) => !fresh.has(id));
    const read = toRead.length > 0 ? await embeddingsOf(db, toRead) : [];
    for (const id of ids) {
      if (fresh.has(id)) {
        index.upsert(id, fresh.get(id)!);
        added++;
      }
    }
    for (const { id, vector } of read) {
      index.upsert(id, vector);
      added++;
    }
    opts.onProgress?.({ phase: 'index', done: Math.min(start + READ_BATCH, missing.length), total: missing.length });
  }
  const saved = index.save();
  return {
    embedded: fresh.size,
    skipped,
    failed,
    added,
    removed,
    size: index.size,
    saved,
    ms: Math.round(performance.now() - started),
  };
}
