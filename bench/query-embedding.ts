/**
 * `npx tsx bench/query-embedding.ts [--queries 200] [--passes 3]`: how long one query takes to
 * embed (what every search never asked before waits for), by ONNX file (int8, q4, fp32) and ONNX Runtime
 * intra-op threads (1, 2), side by side in one run: each query is embedded by every variant in
 * turn, in a shuffled order, so all see the same machine load. The queries are search-scale's:
 * the relevance set's 44 and phrases of the corpus. Prints p50 / p95 / p99 and the CPU time per
 * query (a search's embedding shares the two cores with everything else the server does), and the
 * same queries embedded eight per run, as concurrent searches share the query worker's runs.
 */
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { REPO_ROOT } from '../core/paths.js';
import { Embedder } from '../search/embedder.js';
import type { EmbedderDtype } from '../search/embedding-settings.js';
import { ensureModel } from '../search/model-setup.js';
import { benchQueries, clauses, rng, sourceItems } from './search-scale/corpus.js';
import { f, ms, table } from './search-scale/report.js';
import { loadavg, percentiles } from './search-scale/stats.js';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive integer');
  return n;
};
const program = new Command('query-embedding')
  .option('--queries <n>', 'queries', positiveInt, 200)
  .option('--passes <n>', 'passes over the queries', positiveInt, 3);

interface Variant {
  name: string;
  dtype: EmbedderDtype;
  threads: number;
}

/** Queries per run in the batched part. */
const BATCH = 8;

const VARIANTS: Variant[] = [
  { name: 'int8, 1 thread (shipped)', dtype: 'int8', threads: 1 },
  { name: 'int8, 2 threads', dtype: 'int8', threads: 2 },
  { name: 'q4, 2 threads (shipped before)', dtype: 'q4', threads: 2 },
  { name: 'q4, 1 thread', dtype: 'q4', threads: 1 },
  { name: 'fp32, 2 threads', dtype: 'fp32', threads: 2 },
];

async function main(opts: { queries: number; passes: number }): Promise<void> {
  console.log(`# query embedding latency · ${new Date().toISOString()} · ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores · load ${loadavg().join(' ')}`);
  const items = sourceItems(path.join(REPO_ROOT, 'data/corpus'));
  const pool = [...new Set(items.flatMap((i) => clauses(i.text)))];
  const queries = benchQueries(path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json'), pool, opts.queries, 7).map((q) => q.text);
  const modelDir = await ensureModel();
  const embedders = await Promise.all(VARIANTS.map((v) => Embedder.load({ modelDir, dtype: v.dtype, threads: v.threads })));
  const times = VARIANTS.map(() => [] as number[]);
  const cpu = VARIANTS.map(() => 0);
  for (const e of embedders) for (const q of queries.slice(0, 10)) await e.embedQuery(q); // warm-up
  const random = rng(11);
  for (let pass = 0; pass < opts.passes; pass++) {
    for (const q of queries) {
      const order = VARIANTS.map((_, i) => i).sort(() => random() - 0.5);
      for (const i of order) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await embedders[i]!.embedQuery(q);
        times[i]!.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[i]! += (c.user + c.system) / 1000;
      }
    }
  }
  // Concurrent searches' queries share a run (search/batch-calls.ts): the same queries by eights.
  const batched = VARIANTS.map(() => ({ wall: 0, cpu: 0 }));
  for (let at = 0; at < queries.length; at += BATCH) {
    const group = queries.slice(at, at + BATCH);
    for (const i of VARIANTS.map((_, j) => j).sort(() => random() - 0.5)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await embedders[i]!.embed(group, 'query', { batchSize: BATCH });
      batched[i]!.wall += performance.now() - t0;
      const c = process.cpuUsage(c0);
      batched[i]!.cpu += (c.user + c.system) / 1000;
    }
  }
  const t = table(['variant', 'alone: p50 / p95 / p99 ms', 'alone: CPU ms per query', `${BATCH} per run: ms per query`, `${BATCH} per run: CPU ms per query`]);
  VARIANTS.forEach((v, i) =>
    t.push([v.name, ms(percentiles(times[i]!)), f(cpu[i]! / times[i]!.length, 2), f(batched[i]!.wall / queries.length, 2), f(batched[i]!.cpu / queries.length, 2)]),
  );
  console.log(`${queries.length} queries × ${opts.passes} passes alone, then once ${BATCH} per run; every variant on each query in turn (shuffled)`);
  console.log(t.toString());
  console.log(`load at the end ${loadavg().join(' ')}`);
  await Promise.all(embedders.map((e) => e.dispose()));
}

await main(program.parse().opts());
