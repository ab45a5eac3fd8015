/**
 * Step 1 of the sync (sync.ts): the items of a scope that have no vector are embedded as
 * passages, in batches, and each batch's vectors written to Neo4j, only where the item still has
 * the text embedded.
 *
 * Pipelined: the next `embedAhead` batches are handed to the embedder before the current one is
 * written, so the embedding worker (embed-pool.ts) goes from batch to batch without waiting for
 * Neo4j's write or for the round trip of a new request. Written one batch after the other, each
 * only once embedded, the writes stay in order; progress and the `embedded` / `skipped` / `failed`
 * accounting are told per batch, in order, as before (bench/ingest-embedding.ts measures the gain).
 */
import type { Db } from '../graph-store/db.js';
import { itemsWithoutEmbedding, writeEmbeddings, type DocumentScope } from '../graph-store/search-reads.js';

/** What sync needs of the embedder (search/embedder.ts' Embedder has it). */
export interface PassageEmbedder {
  embedPassages(texts: string[], opts?: { batchSize?: number }): Promise<Float32Array[]>;
}

export interface EmbedProgress {
  phase: 'embed';
  done: number;
  total: number;
}

export interface EmbedMissingOptions {
  /** Texts per embedding call and per write to Neo4j. */
  batchSize?: number;
  /**
   * Batches given to the embedder before the current one is written: 0 embeds nothing while a
   * batch is written (the worker idles meanwhile), 1 keeps it busy. More only holds more vectors.
   */
  embedAhead?: number;
  onProgress?: (p: EmbedProgress) => void;
}

export interface Embedded {
  /** Vectors computed and written now, by item id. */
  fresh: Map<string, number[]>;
  /** Embedded texts not written because the item changed or vanished meanwhile. */
  skipped: number;
  /** Items the embedder could not read. */
  failed: string[];
}

type TextToEmbed = { id: string; text: string };

/**
 * 128 rather than 32, for two reasons measured on 2,000 task texts (bench/ingest-embedding.ts):
 * the embedder pads each run of 16 to its longest text and can only sort by tokens within one
 * call, so calls of 32 (sorted by characters before) cost 5.0 % more FLOPs than the best order,
 * 64 cost 2.7 %, 128 1.2 %; and each write is a Neo4j transaction that also updates its vector
 * index: 2,000 vectors written 32 at a time cost Neo4j 2.2–3.1 CPU s, 64 or 128 at a time
 * 0.8–1.0, CPU the embedder shares on 2 cores.
 */
export const DEFAULT_EMBED_BATCH = 128;
export const DEFAULT_EMBED_AHEAD = 1;
/** Texts per ONNX run inside one call (the embedder's own batching). */
export const EMBED_RUN_SIZE = 16;

export async function embedMissing(db: Db, embedder: PassageEmbedder, scope: DocumentScope, opts: EmbedMissingOptions = {}): Promise<Embedded> {
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_EMBED_BATCH));
  const ahead = Math.max(0, Math.floor(opts.embedAhead ?? DEFAULT_EMBED_AHEAD));
  const out: Embedded = { fresh: new Map(), skipped: 0, failed: [] };
  // Shortest first: each batch then holds texts of similar length, so little of it is padding
  // (embedder.ts sorts within one call only; unsorted batches of 32 took 2.5 × as long).
  const todo = (await itemsWithoutEmbedding(db, scope)).sort((a, b) => a.text.length - b.text.length);
  const batches = chunks(todo, batchSize);
  const total = todo.length;
  opts.onProgress?.({ phase: 'embed', done: 0, total });
  const pending = new Map<number, Promise<Array<Float32Array | null>>>();
  const embed = (i: number) => {
    if (i < batches.length && !pending.has(i)) pending.set(i, embedIsolated(embedder, batches[i]!, Math.min(batchSize, EMBED_RUN_SIZE)));
  };
  let done = 0;
  for (let i = 0; i < batches.length; i++) {
    for (let j = i; j <= i + ahead; j++) embed(j);
    const vectors = await pending.get(i)!;
    pending.delete(i);
    await writeBatch(db, batches[i]!, vectors, out);
    done += batches[i]!.length;
    opts.onProgress?.({ phase: 'embed', done, total });
  }
  return out;
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let s = 0; s < xs.length; s += size) out.push(xs.slice(s, s + size));
  return out;
}

/**
 * A batch's vectors; when the embedder fails on the batch, each item alone, so one unreadable
 * text costs only itself (its vector is null). Never rejects: batches embedded ahead of a write
 * that fails are then simply dropped.
 */
async function embedIsolated(embedder: PassageEmbedder, batch: TextToEmbed[], runSize: number): Promise<Array<Float32Array | null>> {
  try {
    return await embedder.embedPassages(batch.map((t) => t.text), { batchSize: runSize });
  } catch {
    const one: Array<Float32Array | null> = [];
    for (const t of batch) {
      try {
        one.push((await embedder.embedPassages([t.text], { batchSize: 1 }))[0]!);
      } catch {
        one.push(null);
      }
    }
    return one;
  }
}

/** Writes a batch's vectors and accounts for each of its items: written, skipped or failed. */
async function writeBatch(db: Db, batch: TextToEmbed[], vectors: Array<Float32Array | null>, out: Embedded): Promise<void> {
  const rows = batch.flatMap((t, i) => {
    const v = vectors[i];
    if (!v) out.failed.push(t.id);
    return v ? [{ id: t.id, text: t.text, vector: Array.from(v) }] : [];
  });
  const written = new Set(rows.length > 0 ? await writeEmbeddings(db, rows) : []);
  for (const r of rows) {
    if (written.has(r.id)) out.fresh.set(r.id, r.vector);
    else out.skipped++;
  }
}
