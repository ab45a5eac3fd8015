/**
 * `npx tsx bench/scale-graph.ts [--provinces 63] [--plans 16-20] [--tasks 50] [--seed N] [--fresh]`:
 * the national-scale graph other benches read (bench/load.ts; issue 11's 63 × 20 × 50 is
 * `--plans 20-20`). 69-KL/TW and 20-NQ/TW ingested from data/corpus/national, then per province a
 * Tỉnh ủy plan carrying out 69-KL/TW and UBND plans carrying out that plan, written as texts,
 * parsed and written by the product's ingest path (bench/scale-graph/write.ts). Prints how long
 * writing took and what the graph holds.
 *
 * The graph is kept under <CACHE_DIR>/bench/scale-graph/<key>/ (bench/scale-graph/cache.ts); a
 * second run reuses it and prints the figures of the run that wrote it. `--fresh` writes it again.
 *
 * As a module: ensureScaleGraph(opts) gives the cache with a complete graph, writing it when missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { scaleCache, startBenchNeo4j, type ScaleCache } from './scale-graph/cache.js';
import { DEFAULT_SCALE, type ScaleOptions } from './scale-graph/plans.js';
import { writeScaleGraph, type ScaleGraphResult } from './scale-graph/write.js';
import { duBytes, loadavg, mib } from './search-scale/stats.js';

export interface ScaleGraph {
  cache: ScaleCache;
  result: ScaleGraphResult;
  /** True when this call wrote it. */
  written: boolean;
}

/** The cached scale graph for `opts`, written now (into an emptied cache directory) when missing or `fresh`. */
export async function ensureScaleGraph(opts: ScaleOptions = DEFAULT_SCALE, fresh = false, log: (line: string) => void = console.log): Promise<ScaleGraph> {
  const cache = scaleCache(opts);
  if (!fresh && fs.existsSync(cache.graphFile)) {
    return { cache, result: JSON.parse(fs.readFileSync(cache.graphFile, 'utf8')) as ScaleGraphResult, written: false };
  }
  fs.rmSync(cache.dir, { recursive: true, force: true });
  fs.mkdirSync(cache.dir, { recursive: true });
  log(`writing the scale graph into ${cache.store} (load ${loadavg()[0].toFixed(2)})`);
  const neo4j = await startBenchNeo4j(cache.store);
  try {
    const result = await writeScaleGraph(neo4j.db, opts, log);
    fs.writeFileSync(cache.graphFile, JSON.stringify({ ...result, machine: machine() }, null, 2));
    return { cache, result, written: true };
  } finally {
    await neo4j.stop();
  }
}

function machine() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
}

export function describeScaleGraph(g: ScaleGraph): string[] {
  const { result: r } = g;
  const t = r.totals;
  return [
    `scale graph ${g.written ? 'written now' : 'from the cache'}: ${g.cache.dir}`,
    `  options: ${r.options.provinces} provinces × ${r.options.plansPerProvince.join('–')} documents × ${r.options.tasksPerPlan} tasks, seed ${r.options.seed}`,
    `  graph: ${t.documents} documents with text (${t.stubs} stubs), ${t.items} items (${t.tasks} tasks, ${t.directives} directive items), ` +
      `${t.agencies} agencies, ${t.itemLinks} task → directive links, ${t.ledTasks} tasks with a lead, ${t.provinces} provinces`,
    `  write: data/corpus/national ${r.nationalSeconds.toFixed(1)} s; ${r.plans} plans in ${r.plansSeconds.toFixed(1)} s ` +
      `(${r.plansPerSecond.toFixed(1)} plans/s, ${(t.items / r.plansSeconds).toFixed(0)} items/s, parse overlapped with writing)`,
    `  failed: ${r.failed.length}${r.failed.length > 0 ? ` (${r.failed.slice(0, 3).map((f) => `${f.file}: ${f.error}`).join('; ')})` : ''}`,
    `  store on disk: ${mib(duBytes(g.cache.store)).toFixed(0)} MiB`,
  ];
}

export const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
};
export const range = (v: string): [number, number] => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new InvalidArgumentError('N or N-M');
  const lo = Number(m[1]);
  const hi = Number(m[2] ?? m[1]);
  if (lo < 2 || hi < lo) throw new InvalidArgumentError('at least 2 (the Tỉnh ủy plan and one more), and N ≤ M');
  return [lo, hi];
};

async function main(): Promise<void> {
  const program = new Command('scale-graph')
    .description('Write (or reuse) the national-scale synthetic graph and print its figures')
    .option('--provinces <n>', 'how many of the 63 provinces', positive, DEFAULT_SCALE.provinces)
    .option('--plans <n-m>', 'documents per province, the Tỉnh ủy plan included', range, DEFAULT_SCALE.plansPerProvince)
    .option('--tasks <n>', 'tasks per UBND plan', positive, DEFAULT_SCALE.tasksPerPlan)
    .option('--seed <n>', 'random seed', positive, DEFAULT_SCALE.seed)
    .option('--fresh', 'write the graph again even when cached')
    .parse();
  const o = program.opts<{ provinces: number; plans: [number, number]; tasks: number; seed: number; fresh?: boolean }>();
  if (o.provinces > 63) throw new InvalidArgumentError('at most 63 provinces');
  const opts: ScaleOptions = { provinces: o.provinces, plansPerProvince: o.plans, tasksPerPlan: o.tasks, seed: o.seed };
  const g = await ensureScaleGraph(opts, Boolean(o.fresh));
  for (const line of describeScaleGraph(g)) console.log(line);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
