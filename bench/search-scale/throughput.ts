/**
 * Embedding throughput of the product's embedder at batch 1, 8 and 16 (and the fp32 graph beside
 * it), against the ceiling a 12-layer 384-wide encoder has at this machine's measured matmul speed.
 */
import os from 'node:os';
import { Embedder } from '../../search/embedder.js';
import type { SyntheticTask } from './corpus.js';
import { E5_SMALL, layerParams, machineMatmul, sequenceFlops, type MatmulResult } from './flops.js';
import { f, log, type Throughput } from './report.js';
import { watchMachine } from './stats.js';

export async function measureThroughput(
  embedder: Embedder,
  sample: SyntheticTask[],
  results: { throughput: Throughput[]; matmul: MatmulResult[]; matmulBest: number },
): Promise<void> {
  log('## Embedding throughput (passages, all cores, one call per batch size, texts sorted by length as the embedder does)');
  const texts = sample.map((t) => t.text);
  const lengths = (await embedder.tokenizeAll(texts, 'passage')).map((ids) => ids.length);
  const sorted = [...lengths].sort((a, b) => a - b);
  const accounting = (batch: number) => {
    let padded = 0;
    let flops = 0;
    let useful = 0;
    for (let s = 0; s < sorted.length; s += batch) {
      const b = sorted.slice(s, s + batch);
      const len = b[b.length - 1]!;
      padded += len * b.length;
      flops += b.length * sequenceFlops(len);
      useful += b.reduce((a, l) => a + sequenceFlops(l), 0);
    }
    return { padded: padded / sorted.length, flops, useful };
  };
  const run = async (e: Embedder, batch: number): Promise<Throughput> => {
    await e.embedPassages(texts.slice(0, 16), { batchSize: batch }); // warm-up
    const watch = watchMachine(() => []);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await e.embedPassages(texts, { batchSize: batch });
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const acc = accounting(batch);
    const r: Throughput = {
      batch,
      dtype: e.dtype,
      textsPerSecond: texts.length / s,
      textsPerCpuSecond: texts.length / ((cpu.user + cpu.system) / 1e6),
      meanTokens: lengths.reduce((a, b) => a + b, 0) / lengths.length,
      meanPaddedTokens: acc.padded,
      achievedGflops: acc.flops / s / 1e9,
      usefulGflops: acc.useful / s / 1e9,
      otherCores: watch().otherCores,
    };
    log(
      `${r.dtype} batch ${String(batch).padStart(2)}: ${f(r.textsPerSecond, 1)} texts/s (${f(r.textsPerCpuSecond, 1)} per CPU-second), ` +
        `${f(r.meanTokens, 1)} tokens/text (${f(r.meanPaddedTokens, 1)} with padding) → ${f(r.achievedGflops, 1)} GFLOP/s ` +
        `(${f(r.usefulGflops, 1)} on real tokens); other processes ${f(r.otherCores, 2)} cores`,
    );
    return r;
  };
  for (const b of [1, 8, 16]) results.throughput.push(await run(embedder, b));
  // The float32 graph for comparison (same weights, dequantised; standard MatMul).
  const fp32 = await Embedder.load({ modelDir: embedder.modelDir, dtype: 'fp32' });
  try {
    for (const b of [8, 16]) results.throughput.push(await run(fp32, b));
  } finally {
    await fp32.dispose();
  }

  const mm = await machineMatmul();
  results.matmul = mm.results;
  results.matmulBest = mm.bestAllCores;
  log(`\nmatmul on this machine (best block, float32): ${mm.results.map((r) => `${r.shape} ${r.threads}t ${f(r.gflops, 0)}`).join(' · ')} GFLOP/s`);
  const b16 = results.throughput.find((t) => t.batch === 16 && t.dtype === embedder.dtype)!;
  const perText = sequenceFlops(Math.round(b16.meanPaddedTokens));
  const ceiling = (mm.bestAllCores * 1e9) / perText;
  log(
    `encoder arithmetic: ${f(layerParams(E5_SMALL) / 1e6, 1)} M layer weights → ${f((2 * layerParams(E5_SMALL)) / 1e6, 1)} MFLOP/token + attention ` +
      `(${f(sequenceFlops(Math.round(b16.meanPaddedTokens)) / Math.round(b16.meanPaddedTokens) / 1e6, 1)} MFLOP/token at ${Math.round(b16.meanPaddedTokens)} tokens)`,
  );
  log(
    `ceiling at the best ${os.availableParallelism()}-thread matmul (${f(mm.bestAllCores, 0)} GFLOP/s): ${f(ceiling, 0)} texts/s at batch 16; ` +
      `achieved ${f(b16.textsPerSecond, 0)} = ${f((100 * b16.textsPerSecond) / ceiling, 0)} % of it\n`,
  );
}
