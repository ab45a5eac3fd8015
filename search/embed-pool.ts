/**
 * Embedding off the event loop. ONNX Runtime's Node binding runs a model synchronously on the
 * calling thread (onnxruntime-node's backend: `setImmediate(() => session.run(…))`): on the
 * server's thread every query embedding stalled every other request for its 10 ms, and every
 * batch an upload's sync embedded for a third of a second (27 % of the server thread under 50
 * clients, bench/load.ts). Embeddings run in worker threads instead, each with its own ONNX
 * session: one for queries and one per core for passages (embedding-settings.ts), so a search
 * never waits behind an upload's batches. Each worker loads its model once (~77 MB of int8
 * weights). The calling thread tokenizes (tokenizer.ts: native, off its event loop) and sends ids,
 * so the process holds one vocabulary and the workers' heaps stay small enough to collect in a few
 * milliseconds.
 */
import { Piscina } from 'piscina';
import { EMBEDDING_SETTINGS } from './embedding-settings.js';
import { getTokenizer, type EmbedMode } from './tokenizer.js';

export interface EmbedRequest {
  mode: EmbedMode;
  texts: string[];
  batchSize?: number;
}

/** What a worker is sent: the texts' token ids, in order, and their kind (its embedder's settings). */
export interface EmbedJob {
  mode: EmbedMode;
  ids: number[][];
  batchSize?: number;
}

const pools = new Map<EmbedMode, Piscina>();

function pool(mode: EmbedMode): Piscina {
  let p = pools.get(mode);
  if (!p) {
    // From sources (tsx, vitest) the worker is TypeScript too and needs tsx's loader.
    const fromSource = import.meta.url.endsWith('.ts');
    p = new Piscina({
      filename: new URL(`./embed-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      // The workers and their models, kept: loading takes seconds. Idle workers are unref'd by
      // piscina and never keep a process alive.
      minThreads: EMBEDDING_SETTINGS[mode].workers,
      maxThreads: EMBEDDING_SETTINGS[mode].workers,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    pools.set(mode, p);
  }
  return p;
}

export async function embedOffThread(request: EmbedRequest): Promise<Float32Array[]> {
  if (request.texts.length === 0) return [];
  const ids = await (await getTokenizer()).tokenize(request.texts, request.mode);
  return embedTokensOffThread(request.mode, ids, request.batchSize);
}

/** Embeddings of token ids (tokenizer.ts) in the mode's workers, in their order. */
export async function embedTokensOffThread(mode: EmbedMode, ids: number[][], batchSize?: number): Promise<Float32Array[]> {
  if (ids.length === 0) return [];
  const parts = Math.min(EMBEDDING_SETTINGS[mode].workers, ids.length);
  // Worker k takes every parts-th text from the k-th: callers send texts sorted by length, so the
  // parts are alike and finish together.
  const jobs: EmbedJob[] = Array.from({ length: parts }, (_, k) => ({ mode, ids: ids.filter((_, i) => i % parts === k), batchSize }));
  const done = (await Promise.all(jobs.map((job) => pool(mode).run(job)))) as Float32Array[][];
  return ids.map((_, i) => done[i % parts]![Math.floor(i / parts)]!);
}

/** Loads the model in every worker now (the server at start), so the first search and upload do not wait for it. */
export async function startEmbedding(): Promise<void> {
  await Promise.all(
    (['query', 'passage'] as const).map((mode) => embedOffThread({ mode, texts: Array<string>(EMBEDDING_SETTINGS[mode].workers).fill('khởi động') })),
  );
}

/** Stops the workers and their sessions (shutdown, tests). */
export async function stopEmbedding(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
