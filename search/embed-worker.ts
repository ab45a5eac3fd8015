/**
 * The worker side of embed-pool.ts: an embedder (embedder.ts) of its own, loaded once in this
 * thread with the ONNX Runtime threads its pool gives it, embedding what the server's thread sends.
 * ONNX Runtime's Node binding runs a model synchronously on the thread that calls it: here, not on
 * the event loop.
 */
import { workerData } from 'node:worker_threads';
import { Embedder } from './embedder.js';
import type { EmbedJob, EmbedWorkerData } from './embed-pool.js';
import { ensureModel } from './model-setup.js';

let loaded: Promise<Embedder> | null = null;

function embedder(): Promise<Embedder> {
  if (!loaded) {
    const { threads } = workerData as EmbedWorkerData;
    loaded = ensureModel()
      .then((modelDir) => Embedder.load({ modelDir, threads }))
      .catch((err: unknown) => {
        loaded = null;
        throw err;
      });
  }
  return loaded;
}

export default async function embedJob(job: EmbedJob): Promise<Float32Array[]> {
  return (await embedder()).embed(job.texts, job.mode, { batchSize: job.batchSize });
}
