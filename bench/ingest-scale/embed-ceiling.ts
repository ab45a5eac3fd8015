/**
 * The embedding ceilings for the items the ingest wrote:
 *
 *  - practical: the product's embedder alone on the same texts, batched exactly as
 *    search/embed-missing.ts batches them (shortest first by characters, DEFAULT_EMBED_BATCH
 *    texts a call, runs of 16 inside), with no Neo4j reads or writes between the calls;
 *  - arithmetic: what a 12-layer 384-wide encoder could reach on these texts at the float32
 *    matmul speed measured on this machine (bench/search-scale/flops.ts), padding included.
 */
import { machineMatmul, sequenceFlops } from '../search-scale/flops.js';
import type { Embedder } from '../../search/embedder.js';
import { DEFAULT_EMBED_BATCH, EMBED_RUN_SIZE } from '../../search/embed-missing.js';
import { cpuWindow, type Window } from './machine.js';

/** search/embed-missing.ts: DEFAULT_EMBED_BATCH texts per embedding call, min(batch, 16) per ONNX run. */
export const SYNC_CALL = DEFAULT_EMBED_BATCH;
export const SYNC_RUN = EMBED_RUN_SIZE;

/** The order and grouping of the sync: shortest first by characters, then calls of SYNC_CALL. */
export function syncCalls(texts: string[]): string[][] {
  const sorted = [...texts].sort((a, b) => a.length - b.length);
  const calls: string[][] = [];
  for (let s = 0; s < sorted.length; s += SYNC_CALL) calls.push(sorted.slice(s, s + SYNC_CALL));
  return calls;
}

export interface PracticalCeiling {
  texts: number;
  seconds: number;
  textsPerSecond: number;
  window: Window;
}

/**
 * Every `stride`-th of sync's calls (so the same mix of short and long texts, in the same
 * batches), timed back to back. A stride of 4 takes a quarter of the sync's time, which lets the
 * bench measure the ceiling both before and after the sync to see the machine's noise.
 */
export async function practicalCeiling(embedder: Embedder, texts: string[], pids: () => number[], stride = 1): Promise<PracticalCeiling> {
  const calls = syncCalls(texts).filter((_, i) => i % stride === Math.floor(stride / 2));
  await embedder.embedPassages(calls[Math.floor(calls.length / 2)] ?? [], { batchSize: SYNC_RUN }); // warm-up
  const close = cpuWindow(pids);
  const t0 = performance.now();
  let n = 0;
  for (const call of calls) {
    await embedder.embedPassages(call, { batchSize: SYNC_RUN });
    n += call.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { texts: n, seconds, textsPerSecond: n / seconds, window: close() };
}

export interface ArithmeticCeiling {
  matmulGflops: number;
  meanTokens: number;
  meanPaddedTokens: number;
  /** FLOPs of all the texts as sync batches them (each run padded to its longest text). */
  flops: number;
  textsPerSecond: number;
}

export async function arithmeticCeiling(embedder: Embedder, texts: string[]): Promise<ArithmeticCeiling> {
  let tokens = 0;
  let padded = 0;
  let flops = 0;
  for (const call of syncCalls(texts)) {
    const lengths = (await embedder.tokenizeAll(call, 'passage')).map((ids) => ids.length).sort((a, b) => a - b);
    for (let s = 0; s < lengths.length; s += SYNC_RUN) {
      const run = lengths.slice(s, s + SYNC_RUN);
      const len = run[run.length - 1]!;
      tokens += run.reduce((a, b) => a + b, 0);
      padded += len * run.length;
      flops += run.length * sequenceFlops(len);
    }
  }
  const mm = await machineMatmul();
  return {
    matmulGflops: mm.bestAllCores,
    meanTokens: tokens / texts.length,
    meanPaddedTokens: padded / texts.length,
    flops,
    textsPerSecond: texts.length / (flops / (mm.bestAllCores * 1e9)),
  };
}
