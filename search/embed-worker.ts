/**
 * The worker side of embed-pool.ts: the process' embedder (embedder.ts), loaded once in this
 * thread, embedding the token ids the server's thread sends. ONNX Runtime's Node binding runs a
 * model synchronously on the thread that calls it: here, not on the event loop.
 */
import { getEmbedder } from './embedder.js';
import type { EmbedJob } from './embed-pool.js';

export default async function embedJob(job: EmbedJob): Promise<Float32Array[]> {
  const embedder = await getEmbedder(job.mode, 'worker');
  return embedder.embedTokens(job.ids, { batchSize: job.batchSize });
}
