/**
 * Passage vectors of the synthetic corpus, cached under <CACHE_DIR>/bench/search-scale/ so a re-run
 * does not spend a quarter of an hour embedding 100k texts again.
 *
 * The texts are cached in chunks of CHUNK texts, each file named by a hash of what makes the
 * vectors (the ONNX file's bytes and the chunk's token ids): a model rebuilt with the same weights,
 * or a tokenizer change that leaves these texts' ids alone, keeps the cache. The 10k set is the
 * first 10k of the 100k set, so it reuses their chunks; an interrupted run keeps every finished
 * chunk and resumes there. A file of the wrong size is ignored and recomputed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../search/embedder.js';
import { MODEL_FILES } from '../../search/embedding-settings.js';

export const CHUNK = 2000;

const modelKeys = new WeakMap<Embedder, string>();

/** The passage embedder's weights (its ONNX file) and output size, as a hash. */
export function modelKey(embedder: Embedder): string {
  let key = modelKeys.get(embedder);
  if (!key) {
    const onnx = path.join(embedder.modelDir, MODEL_FILES[embedder.dtype].file);
    key = createHash('sha256')
      .update(fs.readFileSync(onnx))
      .update(JSON.stringify({ mode: 'passage', dim: embedder.dim }))
      .digest('hex')
      .slice(0, 16);
    modelKeys.set(embedder, key);
  }
  return key;
}

async function chunkKey(embedder: Embedder, texts: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const ids of await embedder.tokenizeAll(texts, 'passage')) h.update(Int32Array.from(ids)).update('\0');
  return h.digest('hex').slice(0, 16);
}

function textsKey(texts: string[]): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(t).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** One hash naming the whole text set and model (printed, so two runs can be compared). */
export function setKey(model: string, texts: string[]): string {
  return createHash('sha256').update(model).update(textsKey(texts)).digest('hex').slice(0, 16);
}

export interface EmbedAllOptions {
  dir: string;
  fresh: boolean;
  batchSize: number;
  /** Throws (after saving what is done) when this returns true before a chunk. */
  outOfTime: () => boolean;
  log: (line: string) => void;
}

export interface EmbedAllResult {
  /** n × dim, row i the vector of texts[i]. */
  matrix: Float32Array;
  fromCache: number;
  embedded: number;
  embedSeconds: number;
}

export class OutOfTime extends Error {}

export async function embedAll(embedder: Embedder, texts: string[], opts: EmbedAllOptions): Promise<EmbedAllResult> {
  const dim = embedder.dim;
  const model = modelKey(embedder);
  fs.mkdirSync(opts.dir, { recursive: true });
  const matrix = new Float32Array(texts.length * dim);
  let fromCache = 0;
  let embedded = 0;
  let embedSeconds = 0;
  const todo: number[] = [];
  const files = new Map<number, string>();
  for (let start = 0; start < texts.length; start += CHUNK) {
    const chunk = texts.slice(start, start + CHUNK);
    const file = path.join(opts.dir, `${model}-${await chunkKey(embedder, chunk)}-${chunk.length}.f32`);
    files.set(start, file);
    const expected = chunk.length * dim * 4;
    if (!opts.fresh && fs.existsSync(file) && fs.statSync(file).size === expected) {
      const buf = fs.readFileSync(file);
      matrix.set(new Float32Array(buf.buffer, buf.byteOffset, chunk.length * dim), start * dim);
      fromCache += chunk.length;
    } else todo.push(start);
  }
  if (todo.length > 0) {
    const total = todo.reduce((a, s) => a + Math.min(CHUNK, texts.length - s), 0);
    opts.log(`embedding ${total} texts (${fromCache} from cache, batch ${opts.batchSize}, ${todo.length} chunks of ≤${CHUNK})`);
  }
  for (const start of todo) {
    if (opts.outOfTime()) {
      throw new OutOfTime(
        `time budget spent after embedding ${embedded} of the missing texts; finished chunks are cached, re-run to resume`,
      );
    }
    const chunk = texts.slice(start, start + CHUNK);
    const t0 = performance.now();
    const vectors = await embedder.embedPassages(chunk, { batchSize: opts.batchSize });
    const s = (performance.now() - t0) / 1000;
    embedSeconds += s;
    const block = new Float32Array(chunk.length * dim);
    vectors.forEach((v, i) => block.set(v, i * dim));
    matrix.set(block, start * dim);
    const file = files.get(start)!;
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(block.buffer));
    fs.renameSync(tmp, file);
    embedded += chunk.length;
    const left = todo.reduce((a, st) => a + (st > start ? Math.min(CHUNK, texts.length - st) : 0), 0);
    const rate = embedded / embedSeconds;
    opts.log(
      `  embedded ${embedded + fromCache}/${texts.length}: ${(chunk.length / s).toFixed(0)} texts/s this chunk, ` +
        `${rate.toFixed(0)} overall, ~${Math.ceil(left / rate / 60)} min left (load ${loadavg1().toFixed(2)})`,
    );
  }
  return { matrix, fromCache, embedded, embedSeconds };
}

export function loadavg1(): number {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
