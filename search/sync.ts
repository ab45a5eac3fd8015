/**
 * Makes the graph's vectors and the HNSW index agree with the graph's items, incrementally:
 *
 * 1. every Item without an `embedding` (new, or its text changed: upsert nulls the vector) is
 *    embedded as a passage, in batches, and the vector written to Neo4j (only if the text is
 *    still the one embedded), the next batch embedded while one is written (embed-missing.ts);
 * 2. the index is compared with the graph by fingerprint (the vector's first components, read
 *    cheaply with a list slice): items gone from the graph (deleted or replaced documents) are
 *    marked deleted, new or re-embedded ones are added with the vector Neo4j holds;
 * 3. the index is saved when anything changed: the changes appended to its journal, or a new
 *    snapshot now and then (index-store.ts).
 *
 * An empty index (first run, missing or corrupt files) is therefore rebuilt from Neo4j by the
 * same code path, without embedding anything twice.
 *
 * After one upload or delete only that document's items can have changed, so a sync given its
 * `documents` compares those alone: at 100k items the whole comparison reads 100k rows. Should the
 * graph hold another number of items than the index accounts for (another process wrote without
 * syncing), the sync compares everything after all.
 */
import type { Db } from '../graph-store/db.js';
import { embeddingHeads, embeddingsOf, itemCount, type DocumentScope } from '../graph-store/search-reads.js';
import { embedMissing, type PassageEmbedder } from './embed-missing.js';
import { FINGERPRINT_COMPONENTS, fingerprint, type SaveMode, type VectorIndex } from './index-store.js';
import path from 'node:path';
import { withDirLock } from '../core/dir-lock.js';

export type { PassageEmbedder } from './embed-missing.js';

export interface SyncProgress {
  phase: 'embed' | 'index';
  done: number;
  total: number;
}

export interface SyncOptions {
  onProgress?: (p: SyncProgress) => void;
  /** Told of the items added to the index (new, or re-embedded after their text changed). */
  onAdded?: (ids: string[]) => void;
  /** Texts per embedding call and per write to Neo4j (embed-missing.ts). */
  batchSize?: number;
  /** Batches embedded ahead of the write of the current one (embed-missing.ts). */
  embedAhead?: number;
  /** The documents a write touched: only their items are compared (see above). */
  documents?: string[];
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
  /** How the changes were written: appended to the journal, or as a whole new snapshot. */
  savedAs: SaveMode | null;
  /** Whether every item was compared, or only those of the documents given. */
  scope: 'all' | 'documents';
  ms: number;
}

const READ_BATCH = 500;

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

async function syncLocked(db: Db, index: VectorIndex, embedder: PassageEmbedder, opts: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  // Start from what another process may have saved meanwhile: fewer vectors to re-read.
  index.reloadIfChangedOnDisk();
  let scope: DocumentScope = opts.documents ?? null;
  const embedded = await embedMissing(db, embedder, scope, opts);
  let changes = await reconcile(db, index, scope, embedded.fresh, opts);
  if (scope && (await itemCount(db)) !== index.size + embedded.failed.length) {
    // Something outside these documents changed too: compare everything.
    scope = null;
    const rest = await embedMissing(db, embedder, null, opts);
    for (const [id, v] of rest.fresh) embedded.fresh.set(id, v);
    embedded.skipped += rest.skipped;
    embedded.failed = rest.failed;
    const more = await reconcile(db, index, null, embedded.fresh, opts);
    changes = { added: changes.added + more.added, removed: changes.removed + more.removed };
  }
  const savedAs = index.save();
  return {
    embedded: embedded.fresh.size,
    skipped: embedded.skipped,
    failed: embedded.failed,
    ...changes,
    size: index.size,
    saved: savedAs !== null,
    savedAs,
    scope: scope ? 'documents' : 'all',
    ms: Math.round(performance.now() - started),
  };
}

/** The document an item id belongs to (graph-schema's itemId: `<document id>#<section path>`). */
const documentOf = (itemId: string) => itemId.slice(0, itemId.indexOf('#'));

/**
 * Makes the index agree with the graph's vectors within the scope: items gone or re-embedded
 * leave it, items it lacks join it (with the vectors just computed, else read from Neo4j).
 */
async function reconcile(
  db: Db,
  index: VectorIndex,
  scope: DocumentScope,
  fresh: Map<string, number[]>,
  opts: SyncOptions,
): Promise<{ added: number; removed: number }> {
  const heads = await embeddingHeads(db, FINGERPRINT_COMPONENTS, scope);
  const inGraph = new Map(heads.map((h) => [h.id, fingerprint(h.head)]));
  const inScope = scope ? new Set(scope) : null;
  let removed = 0;
  for (const id of [...index.ids()]) {
    if (inScope && !inScope.has(documentOf(id))) continue;
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
      const v = fresh.get(id);
      if (v) index.upsert(id, v);
    }
    for (const { id, vector } of read) index.upsert(id, vector);
    added += ids.length - toRead.length + read.length;
    opts.onAdded?.([...ids.filter((id) => fresh.has(id)), ...read.map((r) => r.id)]);
    opts.onProgress?.({ phase: 'index', done: Math.min(start + READ_BATCH, missing.length), total: missing.length });
  }
  return { added, removed };
}
