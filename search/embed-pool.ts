/**
 * Embedding off the event loop. ONNX Runtime's Node binding runs a model synchronously on the
 * calling thread (onnxruntime-node's backend: `setImmediate(() => session.run(…))`): on the
 * server's thread every query embedding stalled every other request for its 10 ms, and every
 * batch an upload's sync embedded for a third of a second (27 % of the server thread under 50
 * clients, bench/load.ts). Embeddings run in worker threads instead, each with its own ONNX
 * session: one for queries and one for passages, so a search never waits behind an upload's
 * batches. Each worker loads the model once (~70 MB of q4 weights).
 */
import { Piscina } from 'piscina';

export interface EmbedJob {
  mode: 'query' | 'passage';
  texts: string[];
  batchSize?: number;
}

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
