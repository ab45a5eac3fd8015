/**
 * Embedding off the event loop. ONNX Runtime's Node binding runs a model synchronously on the
 * calling thread (onnxruntime-node's backend: `setImmediate(() => session.run(…))`): on the
 * server's thread every query embedding stalled every other request for its 10 ms, and every
 * batch an upload's sync embedded for a third of a second (27 % of the server thread under 50
 * clients, bench/load.ts). Embeddings run in worker threads instead, each with its own ONNX
 * session: one for queries and one for passages, so a search never waits behind an upload's
 * batches. Each worker loads the model once (~70 MB of q4 weights).
 */
import os from 'node:os';
import { Piscina } from 'piscina';

export interface EmbedJob {
  mode: 'query' | 'passage';
  texts: string[];
  batchSize?: number;
}

/** What each worker is started with. */
export interface EmbedWorkerData {
  /** ONNX Runtime intra-op threads of the worker's session. */
  threads: number;
}

/**
 * Intra-op threads per pool. Passages (an upload's sync, in batches) use every core. A query of ten
 * tokens gains little from a second thread (bench/query-embedding.ts: 6.50 against 6.25 ms at the
 * median, for 47 % more CPU) and leaves the other core to the search's own work meanwhile.
 */
const THREADS: Record<EmbedJob['mode'], () => number> = {
  query: () => 1,
  passage: () => os.availableParallelism(),
};

const pools = new Map<EmbedJob['mode'], Piscina>();

function pool(mode: EmbedJob['mode']): Piscina {
  let p = pools.get(mode);
  if (!p) {
    // From sources (tsx, vitest) the worker is TypeScript too and needs tsx's loader.
    const fromSource = import.meta.url.endsWith('.ts');
    p = new Piscina({
      filename: new URL(`./embed-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      // One thread and its model, kept: loading takes seconds. Idle workers are unref'd by
      // piscina and never keep a process alive.
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { threads: THREADS[mode]() } satisfies EmbedWorkerData,
    });
    pools.set(mode, p);
  }
  return p;
}

export function embedOffThread(job: EmbedJob): Promise<Float32Array[]> {
  if (job.texts.length === 0) return Promise.resolve([]);
  return pool(job.mode).run(job) as Promise<Float32Array[]>;
}

/** Loads the model in both workers now (the server at start), so the first search and upload do not wait for it. */
export async function startEmbedding(): Promise<void> {
  await Promise.all([embedOffThread({ mode: 'query', texts: ['khởi động'] }), embedOffThread({ mode: 'passage', texts: ['khởi động'] })]);
}

/** Stops the workers and their sessions (shutdown, tests). */
export async function stopEmbedding(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
