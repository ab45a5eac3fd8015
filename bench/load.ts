/**
 * `npx tsx bench/load.ts [--clients 50] [--seconds 60] [--warmup 30] [--no-ingest] [--queries fresh|repeated] [--heap 1g] [--page-cache-mb 256]
 * [--provinces 63 --plans 16-20 --tasks 50]`:
 * the product under load on a national graph (issue 10: 50 clients for 60 s, 0 errors and p99 ≤ 1 s
 * for search, lineage and heatmap; 0 errors while an ingest of 150 documents runs).
 *
 * 1. The scale graph (bench/scale-graph.ts: 1,145 documents, 57k items, written through the
 *    product's ingest path) and its search side (bench/load/search-prep.ts: every item embedded by
 *    the product's embedder, the index built by the product's sync) are taken from the cache, or
 *    made the first time (7 minutes of writing, then about half an hour of embedding on 2 cores).
 * 2. A copy of both is served as `npm start` serves (bench/load/app.ts): local Neo4j launcher,
 *    configured deadlines, search/start.ts, createApp on a local port.
 * 3. Lineage answers of the walks the clients ask, one at a time: size and time, bounded (the
 *    default) and the full set (/api/export, what /api/lineage answered before it was bounded).
 * 4. Warm-up, then 50 clients for 60 s (bench/load/clients.ts, a process of its own, closed loop:
 *    search, lineage and heatmap in equal thirds, bench/load/requests.ts). Each search asks a phrase
 *    of the corpus nobody asked before (`--queries fresh`, the default: no query vector or hit row
 *    is kept for it yet), or the relevance set's queries over and over (`repeated`).
 * 5. The same while 150 documents are uploaded one after another (bench/load/uploads.ts), for at
 *    least 60 s and until the last upload is answered.
 *
 * Printed per phase and kind: answers/s, errors, p50/p95/p99/max, answer sizes, the server's and
 * Neo4j's RSS, and how busy the machine was with other work. JSON to bench/results/ (git-ignored).
 * The copy is removed at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { logger } from '../core/logger.js';
import { readQuery } from '../graph-store/db.js';
import { REPO_ROOT } from '../core/paths.js';
import { startApp, type RunningApp } from './load/app.js';
import type { LoadPlan, LoadResult } from './load/clients.js';
import { phaseFigures, printPhase, type PhaseFigures } from './load/report.js';
import { freshSearches, KL69, loadRequests } from './load/requests.js';
import { ensureSearchIndex } from './load/search-prep.js';
import { uploadSet } from './load/uploads.js';
import { cpuWindow } from './ingest-scale/machine.js';
import { copyStore } from './scale-graph/cache.js';
import { DEFAULT_SCALE, type ScaleOptions } from './scale-graph/plans.js';
import { describeScaleGraph, ensureScaleGraph, positive, range } from './scale-graph.js';
import { rssMiB } from './search-scale/stats.js';

const SEED = 10;
const TOKEN = 'bench-load-token';
/** Phrases drawn for `--queries fresh`: more than 50 clients ask in the phases of a run (~60 searches/s). */
const FRESH_SEARCHES = 40_000;

interface Opts {
  provinces: number;
  plans: [number, number];
  tasks: number;
  clients: number;
  seconds: number;
  warmup: number;
  ingest: boolean;
  queries: 'fresh' | 'repeated';
  heap?: string;
  pageCacheMb?: number;
}

const log = (line: string) => console.log(line);

interface Probe {
  path: string;
  /** The first request: read from the graph (and the first of its kind since the start). */
  firstMs: number;
  /** The same again: a kept answer where the server keeps it. */
  againMs: number;
  bytes: number;
  status: number;
  truncated: unknown;
}

/** One request alone, twice: its size and times. */
async function probe(base: string, pathAndQuery: string): Promise<Probe> {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(`${base}${pathAndQuery}`);
    const body = Buffer.from(await res.arrayBuffer());
    return { ms: performance.now() - t, body, status: res.status };
  };
  const first = await once();
  const again = await once();
  let truncated: unknown = null;
  try {
    truncated = (JSON.parse(again.body.toString('utf8')) as { truncated?: unknown }).truncated ?? null;
  } catch {
    /* not JSON */
  }
  return { path: pathAndQuery, firstMs: first.ms, againMs: again.ms, bytes: again.body.length, status: again.status, truncated };
}

async function lineageProbes(app: RunningApp, plans: string[]): Promise<Probe[]> {
  const out = [];
  for (const id of [KL69, ...plans.slice(0, 2)]) {
    out.push(await probe(app.base, `/api/lineage?${new URLSearchParams({ id })}`));
    out.push(await probe(app.base, `/api/export?${new URLSearchParams({ id, direction: 'both', depth: '3', include: 'items' })}`));
  }
  return out;
}

/** Runs the clients in their own process; RSS of the server (this process) and Neo4j sampled meanwhile. */
async function phase(
  name: string,
  app: RunningApp,
  plan: LoadPlan,
  workDir: string,
): Promise<PhaseFigures> {
  const planFile = path.join(workDir, `${name}-plan.json`);
  const resultFile = path.join(workDir, `${name}-result.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const rss = { serverMaxMiB: 0, neo4jMaxMiB: 0 };
  const sample = () => {
    rss.serverMaxMiB = Math.max(rss.serverMaxMiB, rssMiB());
    rss.neo4jMaxMiB = Math.max(rss.neo4jMaxMiB, rssMiB(app.neo4j.neo4j.pid));
  };
  const timer = setInterval(sample, 1000);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'load/clients.ts'), planFile, resultFile], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // The clients' CPU is counted once their process has exited (a finished child's time).
  const window = cpuWindow(() => [app.neo4j.neo4j.pid]);
  const code: number | null = await new Promise((resolve) => child.once('exit', resolve));
  const cpu = window();
  clearInterval(timer);
  sample();
  if (code !== 0) throw new Error(`the clients' process exited with ${code}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LoadResult;
  return phaseFigures(name, plan.clients, result, rss, {
    otherCores: cpu.otherCores,
    loadEnd: cpu.loadEnd,
    cores: { server: cpu.selfCpu / cpu.seconds, neo4j: cpu.watchedCpu / cpu.seconds, clients: cpu.childCpu / cpu.seconds },
  });
}

async function main(o: Opts): Promise<void> {
  logger.level = 'warn';
  const scale: ScaleOptions = { provinces: o.provinces, plansPerProvince: o.plans, tasksPerPlan: o.tasks, seed: DEFAULT_SCALE.seed };
  const graph = await ensureScaleGraph(scale, false, log);
  for (const line of describeScaleGraph(graph)) log(line);
  const t = graph.result.totals;
  if (t.documents < 1000 || t.items < 50_000) log(`NOTE: under the issue's size (1,000 documents, 50,000 items): ${t.documents} documents, ${t.items} items`);
  const search = await ensureSearchIndex(graph.cache, log);
  log(`search: ${search.indexSize} items in the index (${search.embedded} embedded now, ${search.embedSeconds.toFixed(0)} s; index built by the sync in ${search.indexSeconds.toFixed(1)} s)`);

  const workDir = path.join(graph.cache.dir, '..', `load-${process.pid}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  const copied = performance.now();
  copyStore(graph.cache, workDir);
  log(`copied the store and index in ${((performance.now() - copied) / 1000).toFixed(1)} s`);
  let app: RunningApp | undefined;
  const cleanUp = async () => {
    await app?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    app = await startApp(workDir, TOKEN, { heap: o.heap, pageCacheMb: o.pageCacheMb });
    log(`app up in ${app.startSeconds.toFixed(1)} s at ${app.base} (Neo4j heap ${o.heap ?? '1g'}, page cache ${o.pageCacheMb ?? 256} MiB)`);
    const requests = await loadRequests(app.db, SEED);
    const plans = requests.lineage.map((p) => new URLSearchParams(p.split('?')[1]).get('id')!).filter((id) => id !== KL69);
    log(`requests: ${requests.search.length} search queries, ${requests.lineage.length / 2} plans besides 69-KL/TW, the heatmap`);

    const probes = await lineageProbes(app, plans);
    log('lineage answers alone, first and again (default parameters; /api/export is the full set, what /api/lineage answered before):');
    for (const p of probes) {
      const tr = p.truncated as { shown: { documents: number; items: number }; total: { documents: number; items: number } } | null;
      const what = p.status !== 200 ? `status ${p.status}` : tr ? `bounded: ${tr.shown.documents}/${tr.total.documents} documents, ${tr.shown.items}/${tr.total.items} items` : 'not truncated';
      log(`  ${(p.bytes / 2 ** 20).toFixed(2).padStart(7)} MiB ${p.firstMs.toFixed(0).padStart(6)} / ${p.againMs.toFixed(0).padStart(5)} ms  ${p.path.slice(0, 100)}  (${what})`);
    }

    const fresh = o.queries === 'fresh' ? freshSearches(FRESH_SEARCHES, SEED) : null;
    if (fresh) log(`searches: ${fresh.length} phrases of the corpus, each asked once across the phases, e.g. ${fresh.slice(0, 3).map((p) => `"${new URLSearchParams(p.split('?')[1]).get('q')}"`).join(', ')}`);
    let asked = 0;
    // Each phase goes on where the last one stopped in the fresh list: no query is asked twice.
    const planOf = (extra: Partial<LoadPlan>): LoadPlan => ({
      base: app!.base,
      clients: o.clients,
      seconds: o.seconds,
      requests: fresh ? { ...requests, search: fresh.slice(asked) } : requests,
      ...(fresh && { searchesOnce: true }),
      uploads: [],
      token: TOKEN,
      ...extra,
    });
    const run = async (name: string, plan: LoadPlan) => {
      const figures = await phase(name, app!, plan, workDir);
      asked += figures.searches?.asked ?? 0;
      return figures;
    };
    if (o.warmup > 0) {
      const w = await run('warm-up', planOf({ seconds: o.warmup }));
      log(`warm-up: ${w.all.answers} answers in ${w.seconds.toFixed(0)} s (not counted)`);
    }
    const phases: PhaseFigures[] = [];
    phases.push(await run('load', planOf({})));
    for (const line of printPhase(phases[0]!)) log(line);
    if (o.ingest) {
      const set = await uploadSet(path.join(workDir, 'uploads'), scale, SEED);
      log(`ingest: ${set.files.length} documents (${set.real} real from data/wild/docs, ${set.synthetic} synthetic 2025 plans)`);
      phases.push(await run('load while ingesting', planOf({ uploads: set.files })));
      for (const line of printPhase(phases[1]!)) log(line);
    }
    const [end] = await readQuery<{ docs: number; items: number }>(
      app.db,
      'MATCH (d:Document) WHERE NOT d.stub WITH count(d) AS docs MATCH (i:Item) RETURN docs, count(i) AS items',
    );
    log(`graph at the end: ${end?.docs} documents, ${end?.items} items`);
    const out = path.join(REPO_ROOT, 'bench/results', `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      JSON.stringify({ machine: { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), memGiB: os.totalmem() / 2 ** 30 }, options: o, graph: graph.result, search, probes, phases }, null, 2),
    );
    log(`figures: ${path.relative(REPO_ROOT, out)}`);
  } finally {
    await cleanUp();
  }
}

const program = new Command('load')
  .description('50 clients on the national-scale graph: search, lineage, heatmap; then the same during an ingest of 150 documents')
  .option('--provinces <n>', 'scale graph: how many of the 63 provinces', positive, DEFAULT_SCALE.provinces)
  .option('--plans <n-m>', 'scale graph: documents per province', range, DEFAULT_SCALE.plansPerProvince)
  .option('--tasks <n>', 'scale graph: tasks per UBND plan', positive, DEFAULT_SCALE.tasksPerPlan)
  .option('--clients <n>', 'concurrent clients', positive, 50)
  .option('--seconds <n>', 'length of each measured phase (the ingest phase lasts until its last upload)', positive, 60)
  .option('--warmup <n>', 'seconds of load before measuring (0: none): fills the kept lineage and heatmap answers, as a running server has', (v) => Number(v), 30)
  .option('--no-ingest', 'skip the phase with an ingest running')
  .addOption(
    new Option('--queries <which>', "searches: phrases of the corpus each asked once ('fresh': nothing kept for them yet), or the relevance set's 88 over and over")
      .choices(['fresh', 'repeated'])
      .default('fresh'),
  )
  .option('--heap <size>', "Neo4j's JVM heap (the launcher's default: 1g)")
  .option('--page-cache-mb <n>', "Neo4j's page cache (the launcher's default: 256)", positive)
  .parse();
await main(program.opts<Opts>());
