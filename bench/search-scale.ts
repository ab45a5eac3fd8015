/**
 * `npx tsx bench/search-scale.ts [--scale 10k|100k|both] [--fresh]`: "Tasks like this" at scale.
 *
 * A synthetic corpus of 10k and 100k task texts, made by recombining the clauses of the real tasks
 * and directive items of data/corpus (parsed with the product's parser) across the 63 provinces
 * (bench/search-scale/corpus.ts, fixed seed), embedded with the product's embedder
 * (multilingual-e5-small, int8, search/embedder.ts) and indexed with the product's index module
 * (search/index-store.ts: hnswlib, cosine, its own M, efConstruction and efSearch). Measured and
 * printed as it goes:
 *
 *  - embedding throughput at batch 1, 8, 16 on all cores, against what a 12-layer 384-wide
 *    encoder could do at the float32 matmul speed measured on this machine;
 *  - index build time, memory (RSS delta) and file size, save and load times;
 *  - recall@10 against exact brute-force cosine over all vectors, and latency, for a sweep of
 *    efSearch, interleaved query by query with Neo4j 5.26's native vector index over the same
 *    vectors (recall@10, latency, queries per second), so both sides see the same machine load;
 *  - query latency p50/p95/p99 of the product path, query embedding included, and of the vector
 *    search alone; run a second time when the first run was disturbed by other work;
 *  - the product's hybrid search (search/service.ts) over the same tasks written as a real graph
 *    of plans (bench/search-scale/hybrid.ts): latency p50/p95/p99, query embedding included.
 *
 * Vectors are cached under <CACHE_DIR>/bench/search-scale/ by a hash of texts and model
 * (bench/search-scale/vector-cache.ts); `--fresh` ignores the cache. Neo4j runs on a temporary
 * data dir and is stopped at the end; everything is bounded by `--budget-minutes`. A JSON copy of
 * the figures goes to bench/results/ (git-ignored). Figures of a real run: bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { closeDb, type Db } from '../graph-store/db.js';
import { REPO_ROOT } from '../core/paths.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j, type LocalNeo4j } from '../graph-store/local-neo4j.js';
import { modelPaths } from '../search/model-setup.js';
import { disposeEmbedder, getEmbedder } from '../search/embedder.js';
import { EMBEDDING_SETTINGS } from '../search/embedding-settings.js';
import { VectorIndex } from '../search/index-store.js';
import { benchQueries, BENCH_PROVINCES, clauses, freshPasses, sourceItems, synthesize, type SyntheticTask } from './search-scale/corpus.js';
import { exactTopK, recallAt, type Exact } from './search-scale/exact.js';
import { type MatmulResult } from './search-scale/flops.js';
import { countNodes, createIndex, dropIndex, neo4jVersion, openBenchDb, writeNodes, type IndexVariant } from './search-scale/neo4j-side.js';
import { f, K, log, ms, SCALES, type HybridResult, type ScaleName, type ScaleResult, type Setting, type Sweep, type Throughput, type LatencyRun } from './search-scale/report.js';
import { duBytes, fullGc, loadavg, mib, rssMiB, sleep } from './search-scale/stats.js';
import { summary } from './search-scale/summary.js';
import { latencyRun, matchRecall, neo4jConcurrent, rawHnsw, runSweep, sweepTable } from './search-scale/sweep.js';
import { measureThroughput } from './search-scale/throughput.js';
import { writePlans, type HybridGraph } from './search-scale/hybrid.js';
import { DEFAULT_RANKING } from '../search/service.js';
import { embedAll, modelKey, OutOfTime, setKey } from './search-scale/vector-cache.js';

// ------------------------------------------------------------------------------ settings ----

const SEED = 20241121;
const QUERY_SEED = 7;
/** efSearch values swept on the HNSW side (hnswlib searches with max(ef, k)). */
const EF_SWEEP = [10, 16, 24, 32, 48, 64, 100, 128, 200, 400];
/** k asked of Neo4j; the top 10 of the answer is scored (a larger k widens its search beam). */
const NEO4J_K_SWEEP = [10, 20, 50, 100];
const THROUGHPUT_TEXTS = 256;
/** Searches the hybrid service answers before it is timed (bench/search-scale/hybrid.ts). */
const HYBRID_WARM_UP = 100;
const EMBED_BATCH = 16;

// ------------------------------------------------------------------------------- options ----

interface Opts {
  scale: 'both' | ScaleName;
  fresh?: boolean;
  budgetMinutes: number;
  queries: number;
  passes: number;
  latencyRuns?: number;
  throughput: boolean;
  neo4j: boolean;
  neo4jFloat32: boolean;
  hybrid: boolean;
  neo4jHeap: string;
  neo4jPageCacheMb: number;
}

const positiveInt = (max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > max) throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
  return n;
};

const program = new Command('search-scale')
  .description('HNSW index vs Neo4j vector index on a synthetic corpus of 10k / 100k tasks')
  .addOption(new Option('--scale <scale>', 'corpus size(s)').choices(['10k', '100k', 'both']).default('both'))
  .option('--fresh', 'embed again, ignoring cached vectors')
  .option('--budget-minutes <n>', 'stop (cleanly) after this long; cached vectors are kept', positiveInt(24 * 60), 150)
  .option('--queries <n>', 'queries: the 44 of the relevance set, then phrases of the corpus', positiveInt(2000), 200)
  .option('--passes <n>', 'timed passes over the queries', positiveInt(20), 2)
  .option('--latency-runs <n>', 'latency runs (default: one, a second when the first was disturbed)', positiveInt(5))
  .option('--no-throughput', 'skip the embedding throughput and matmul measurements')
  .option('--no-neo4j', 'skip the Neo4j side')
  .option('--no-neo4j-float32', "skip the second Neo4j index (float32, the hnswlib index's M and efConstruction)")
  .option('--no-hybrid', "skip the product's hybrid search over the tasks written as a graph")
  .option('--neo4j-heap <size>', 'Neo4j JVM heap', '2g')
  .option('--neo4j-page-cache-mb <n>', 'Neo4j page cache', positiveInt(65536), 1024);

// ------------------------------------------------------------------------------- helpers ----

/** M and efConstruction as hnswlib wrote them into the file header (hnswalg.h saveIndex). */
function hnswHeader(file: string): { m: number; efConstruction: number; count: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(96);
    fs.readSync(fd, b, 0, 96, 0);
    return { count: Number(b.readBigUInt64LE(16)), m: Number(b.readBigUInt64LE(72)), efConstruction: Number(b.readBigUInt64LE(88)) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Runs a bench script in a child process (node --import tsx), bounded by the deadline; its last stdout line is its JSON result. */
function childJson<T>(script: string, args: string[], deadline: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    // The child stops itself at the deadline; this is the backstop.
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(10_000, deadline - performance.now() + 15_000));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 3 || signal === 'SIGKILL') reject(new OutOfTime(`time budget spent while ${what}`));
      else if (code !== 0) reject(new Error(`${script} exited with ${code ?? signal}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
    });
  });
}

const wallClock = (deadline: number) => Date.now() + (deadline - performance.now());

/** Builds and saves the product's index in a process of its own (bench/search-scale/build-index.ts). */
function buildInChild(vectorsFile: string, n: number, dim: number, dir: string, deadline: number) {
  return childJson<{ buildSeconds: number; rssBeforeMiB: number; rssAfterMiB: number; saveSeconds: number }>(
    'bench/search-scale/build-index.ts',
    [vectorsFile, String(n), String(dim), dir, String(wallClock(deadline))],
    deadline,
    'building the HNSW index',
  );
}

/** Times the hybrid search in a process holding what a server holds (bench/search-scale/hybrid-process.ts). */
function hybridInChild(job: { uri: string; indexDir: string; passes: string[][]; warmUp: string[]; neo4jPid: number | null }, deadline: number) {
  const file = path.join(job.indexDir, 'job.json');
  fs.writeFileSync(file, JSON.stringify({ ...job, wallDeadline: wallClock(deadline) }));
  return childJson<Omit<HybridResult, 'writeSeconds'>>('bench/search-scale/hybrid-process.ts', [file], deadline, 'timing the hybrid search');
}

const rowOf = (id: string) => Number(id.slice(id.lastIndexOf('/') + 1));

// ---------------------------------------------------------------------------------- main ----

async function main(opts: Opts): Promise<void> {
  const started = performance.now();
  const deadline = started + opts.budgetMinutes * 60_000;
  const outOfTime = () => performance.now() > deadline;
  const cores = os.availableParallelism();
  const [l1, l5, l15] = loadavg();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  log(`# search-scale: "tasks like this" at 10k / 100k tasks`);
  log(`${new Date().toISOString()} · ${cpu}, ${cores} cores, ${f(os.totalmem() / 2 ** 30, 0)} GiB · node ${process.version} · load ${l1} ${l5} ${l15}`);
  log(`budget ${opts.budgetMinutes} min · ${opts.queries} queries × ${opts.passes} passes · seed ${SEED}\n`);

  const scales: ScaleName[] = opts.scale === 'both' ? ['10k', '100k'] : [opts.scale];
  const maxN = Math.max(...scales.map((s) => SCALES[s]));

  // --- corpus ------------------------------------------------------------------------------
  const items = sourceItems(path.join(REPO_ROOT, 'data/corpus'));
  const pool = [...new Set(items.flatMap((i) => clauses(i.text)))];
  const tasks: SyntheticTask[] = synthesize(pool, maxN, SEED);
  const queries = benchQueries(path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json'), pool, opts.queries, QUERY_SEED);
  // The hybrid search's first pass asks these queries; every later pass, and the warm-up before,
  // phrases of the corpus not asked before (the vector side alone keeps nothing between passes).
  const hybridQueries = freshPasses(pool, queries.map((q) => q.text), opts.passes, opts.queries, HYBRID_WARM_UP, QUERY_SEED + 1);
  const words = (s: string) => s.split(/\s+/).length;
  log('## Corpus');
  log(
    `${items.length} real task/directive items → ${pool.length} distinct clauses → ${tasks.length} synthetic tasks over ` +
      `${BENCH_PROVINCES.length} provinces (mean ${f(tasks.reduce((a, t) => a + words(t.text), 0) / tasks.length)} words; real items ${f(items.reduce((a, t) => a + words(t.text), 0) / items.length)})`,
  );
  log(`queries: ${queries.filter((q) => q.real).length} from the relevance set + ${queries.filter((q) => !q.real).length} corpus phrases, e.g. ${queries.slice(-3).map((q) => `"${q.text}"`).join(', ')}\n`);

  // --- embedder ----------------------------------------------------------------------------
  const t0 = performance.now();
  const embedder = await getEmbedder('passage');
  const queryEmbedder = await getEmbedder('query');
  const dim = embedder.dim;
  log(
    `## Embedder: ${path.relative(REPO_ROOT, embedder.modelDir)}, passages ${embedder.dtype}, queries ${queryEmbedder.dtype} ` +
      `(${EMBEDDING_SETTINGS.query.threads} thread(s)), loaded in ${f((performance.now() - t0) / 1000)} s, model key ${modelKey(embedder)}\n`,
  );

  const results: { throughput: Throughput[]; matmul: MatmulResult[]; matmulBest: number; scales: ScaleResult[] } = {
    throughput: [],
    matmul: [],
    matmulBest: 0,
    scales: [],
  };

  if (opts.throughput) await measureThroughput(embedder, tasks.slice(0, THROUGHPUT_TEXTS), results);

  // --- query vectors (once; reused by every side) ---------------------------------------------
  const queryVectors: Float32Array[] = [];
  for (const q of queries) queryVectors.push(await queryEmbedder.embedQuery(q.text));
  const realQ = queries.map((q, i) => (q.real ? i : -1)).filter((i) => i >= 0);

  // --- Neo4j -------------------------------------------------------------------------------
  let local: LocalNeo4j | null = null;
  let db: Db | null = null;
  let neo4jDir: string | null = null;
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-scale-index-'));
  const hardStop = setTimeout(
    () => {
      console.error(`search-scale: over the budget by 5 minutes; stopping`);
      void (local?.stop() ?? Promise.resolve()).finally(() => process.exit(3));
      setTimeout(() => process.exit(3), 30_000).unref();
    },
    opts.budgetMinutes * 60_000 + 5 * 60_000,
  );
  hardStop.unref();

  let neo4jWritten = 0;
  const hybridGraph: HybridGraph = { written: 0 };
  try {
    for (const scale of scales) {
      if (outOfTime()) throw new OutOfTime(`time budget spent before the ${scale} scale`);
      const n = SCALES[scale];
      log(`\n## Scale ${scale} (${n} tasks) — load ${loadavg().join(' ')}`);

      // vectors
      const texts = tasks.slice(0, n).map((t) => t.text);
      const cacheDir = path.join(modelPaths().cacheDir, 'bench', 'search-scale');
      const emb = await embedAll(embedder, texts, { dir: cacheDir, fresh: Boolean(opts.fresh), batchSize: EMBED_BATCH, outOfTime, log });
      const key = setKey(modelKey(embedder), texts);
      log(`vectors: ${emb.fromCache} from cache, ${emb.embedded} embedded${emb.embedded ? ` in ${f(emb.embedSeconds, 0)} s (${f(emb.embedded / emb.embedSeconds, 0)}/s)` : ''}; set key ${key}`);
      const matrix = emb.matrix;

      // exact ground truth
      const te = performance.now();
      const exact: Exact[] = queryVectors.map((q) => exactTopK(matrix, n, dim, q, K));
      const exactMsPerQuery = (performance.now() - te) / queries.length;
      log(`exact top-${K} by brute force (JS, float64 sums): ${f(exactMsPerQuery, 1)} ms per query`);

      // HNSW: the product's index, built in a child process (clean RSS delta), then loaded here
      const ids = tasks.slice(0, n).map((t) => t.id);
      const dir = path.join(indexDir, scale);
      const vectorsFile = path.join(indexDir, `${scale}.f32`);
      fs.writeFileSync(vectorsFile, Buffer.from(matrix.buffer, matrix.byteOffset, n * dim * 4));
      const built = await buildInChild(vectorsFile, n, dim, dir, deadline);
      fs.rmSync(vectorsFile, { force: true });
      const buildSeconds = built.buildSeconds;
      const rssDeltaMiB = built.rssAfterMiB - built.rssBeforeMiB;
      const saveSeconds = built.saveSeconds;
      const files = VectorIndex.files(dir);
      const header = hnswHeader(files.index);
      fullGc();
      const rssBeforeOpen = rssMiB();
      const to = performance.now();
      const opened = VectorIndex.open(dir, dim);
      const openSeconds = (performance.now() - to) / 1000;
      fullGc();
      const loadRssDeltaMiB = rssMiB() - rssBeforeOpen;
      if (opened.status.state !== 'loaded' || opened.index.size !== n) throw new Error(`saved index did not load back: ${JSON.stringify(opened.status)}`);
      const index = opened.index;
      const raw = rawHnsw(index);
      const efSearch = raw.getEf();
      // Labels are handed out 0, 1, 2, … in insertion order: label = row.
      for (const r of [0, n >> 1, n - 1]) {
        if (index.search(matrix.subarray(r * dim, (r + 1) * dim), 1)[0]?.id !== ids[r]) throw new Error(`label of row ${r} is not ${r}`);
      }
      const hnswParams = { m: header.m, efConstruction: header.efConstruction, efSearch, space: 'cosine' };
      log(
        `hnsw (search/index-store.ts: M ${header.m}, efConstruction ${header.efConstruction}, efSearch ${efSearch}, cosine): built in ${f(buildSeconds)} s ` +
          `(${f(n / buildSeconds, 0)} inserts/s, one thread, own process); RSS +${f(rssDeltaMiB, 0)} MiB; ` +
          `items.hnsw ${f(mib(fs.statSync(files.index).size))} MiB, items.json ${f(mib(fs.statSync(files.map).size))} MiB; ` +
          `save ${f(saveSeconds, 2)} s, load (sha256 + read) ${f(openSeconds, 2)} s`,
      );

      // product search path: recall at the shipped efSearch
      const productHits = queryVectors.map((q) => index.search(q, K).map((h) => rowOf(h.id)));
      const productRecalls = productHits.map((h, i) => recallAt(h, exact[i]!, K, { tolerance: 0, matrix, dim, query: queryVectors[i]! }).strict);
      const productRecall = productRecalls.reduce((a, b) => a + b, 0) / productRecalls.length;
      const productRecallReal = realQ.reduce((a, i) => a + productRecalls[i]!, 0) / realQ.length;
      log(`recall@${K} of VectorIndex.search (efSearch ${efSearch}): ${f(productRecall, 4)} (relevance-set queries alone ${f(productRecallReal, 4)})`);

      // Neo4j: the same vectors, under one index variant after the other
      const sweeps: Sweep[] = [];
      const latency: LatencyRun[] = [];
      const pidList = () => (local ? [local.pid] : []);
      let neo4jWriteSeconds: number | null = null;
      const variants: IndexVariant[] = [
        { name: 'product options (Neo4j defaults)', config: {} },
        ...(opts.neo4jFloat32
          ? [
              {
                name: `float32, M ${header.m}, ef_construction ${header.efConstruction} (as hnswlib)`,
                config: { 'vector.quantization.enabled': false, 'vector.hnsw.m': header.m, 'vector.hnsw.ef_construction': header.efConstruction },
              },
            ]
          : []),
      ];
      if (opts.neo4j) {
        if (!db) {
          await checkPrerequisites();
          await ensureLauncherBuilt({ onProgress: (m) => console.error(m) });
          neo4jDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-scale-neo4j-'));
          const ts0 = performance.now();
          local = await startLocalNeo4j({ port: 0, dataDir: neo4jDir, heap: opts.neo4jHeap, pageCacheMb: opts.neo4jPageCacheMb });
          db = await openBenchDb(local.uri);
          log(`neo4j: ${await neo4jVersion(db)} started in ${f((performance.now() - ts0) / 1000)} s (heap ${opts.neo4jHeap}, page cache ${opts.neo4jPageCacheMb} MiB)`);
        }
        await dropIndex(db);
        const before = neo4jWritten;
        neo4jWriteSeconds = await writeNodes(db, ids, tasks.map((t) => t.province), matrix, dim, before, n, outOfTime);
        neo4jWritten = n;
        if ((await countNodes(db)) !== n) throw new Error('Neo4j node count does not match');
        log(`neo4j: ${n - before} nodes written in ${f(neo4jWriteSeconds)} s (${n} in all; vectors as lists of floats, like Item.embedding)`);
      }
      const runVariant = async (variant: IndexVariant | null, first: boolean): Promise<void> => {
        let created: { seconds: number; config: Record<string, unknown> } | null = null;
        let rss: number | null = null;
        let disk: number | null = null;
        if (variant && db) {
          await dropIndex(db);
          created = await createIndex(db, dim, variant, Math.max(60_000, Math.min(deadline - performance.now(), 30 * 60_000)), log);
          rss = rssMiB(local!.pid);
          disk = mib(duBytes(neo4jDir!));
          const c = created.config;
          log(
            `\nneo4j index "${variant.name}": ONLINE ${f(created.seconds)} s after CREATE (M ${c['vector.hnsw.m']}, ef_construction ${c['vector.hnsw.ef_construction']}, ` +
              `quantization ${c['vector.quantization.enabled']}); java RSS ${f(rss, 0)} MiB, data dir ${f(disk, 0)} MiB`,
          );
        }
        const settings: Setting[] = [
          ...EF_SWEEP.map((param) => ({ side: 'hnsw' as const, param })),
          ...(variant ? NEO4J_K_SWEEP.map((param) => ({ side: 'neo4j' as const, param })) : []),
          ...(variant && first ? [{ side: 'neo4j-rtt' as const, param: 0 }] : []),
        ];
        const rows = await runSweep(index, db, settings, queryVectors, exact, matrix, dim, opts.passes, outOfTime);
        log(`recall@${K} vs exact and latency of the search alone, ${opts.passes} passes × ${queries.length} queries, every setting on each query in turn:`);
        log(sweepTable(rows));
        const concurrentQps = variant && db ? await neo4jConcurrent(db, queryVectors, 4, opts.passes, outOfTime) : null;
        if (concurrentQps !== null) log(`neo4j k=10, 4 concurrent clients (the server uses both cores): ${f(concurrentQps, 0)} qps`);
        const matched = matchRecall(rows);
        for (const m of matched) {
          log(
            m.ef === null
              ? `neo4j k=${m.neo4jK}: recall ${f(m.neo4jRecall, 4)}; no swept efSearch reaches it`
              : `neo4j k=${m.neo4jK} (recall ${f(m.neo4jRecall, 4)}, ${f(m.neo4jQps, 0)} qps) ↔ hnsw efSearch ${m.ef} (recall ${f(m.hnswRecall!, 4)}, ${f(m.hnswQps!, 0)} qps): ${f(m.ratio!, 1)}×`,
          );
        }
        sweeps.push({
          variant: variant?.name ?? null,
          config: created?.config ?? null,
          indexSeconds: created?.seconds ?? null,
          neo4jRssMiB: rss,
          neo4jDiskMiB: disk,
          concurrentQps,
          rows,
          matched,
        });
      };

      await runVariant(opts.neo4j ? variants[0]! : null, true);

      // latency of the product path, query embedding included (Neo4j: the product-options index)
      const maxRuns = opts.latencyRuns ?? 2;
      for (let run = 1; run <= maxRuns; run++) {
        if (run > 1) {
          if (!opts.latencyRuns && !latency[latency.length - 1]!.noisy) break;
          if (outOfTime()) break;
          // Prefer a quieter moment: wait (bounded) for the 1-minute load to drop.
          const until = Math.min(deadline, performance.now() + 120_000);
          while (loadavg()[0] > 1.0 && performance.now() < until) await sleep(5_000);
        }
        const r = await latencyRun(queryEmbedder, index, db, queries.map((q) => q.text), queryVectors, opts.passes, pidList);
        latency.push(r);
        log(
          `\nlatency run ${run} (load ${r.interference.loadStart}→${r.interference.loadEnd}, other processes ${f(r.interference.otherCores, 2)} cores${r.noisy ? ', NOISY' : ''}), ms p50 / p95 / p99:\n` +
            `  embed+search ${ms(r.embedPlusSearch)} · embed alone ${ms(r.embedOnly)} · search alone ${ms(r.searchOnly)}` +
            (r.embedPlusNeo4j ? ` · embed+neo4j k=10 ${ms(r.embedPlusNeo4j)}` : ''),
        );
      }
      const best = latency.reduce((b, r, i) => (r.interference.otherCores < latency[b]!.interference.otherCores ? i : b), 0);

      if (opts.neo4j) for (const v of variants.slice(1)) await runVariant(v, false);

      let hybrid: HybridResult | null = null;
      if (opts.neo4j && opts.hybrid && db) {
        await dropIndex(db); // the bench nodes' index: only the product's indexes while timing
        log(`\nhybrid search (search/service.ts) over the tasks written as plans of 100, one province each:`);
        const writeSeconds = await writePlans(db, hybridGraph, tasks, matrix, dim, n, outOfTime, log);
        const h = await hybridInChild(
          { uri: local!.uri, indexDir: fs.mkdtempSync(path.join(indexDir, 'hybrid-')), passes: hybridQueries.passes, warmUp: hybridQueries.warmUp, neo4jPid: local?.pid ?? null },
          deadline,
        );
        hybrid = { writeSeconds, ...h };
        log(
          `  ${h.items} items; plans written and indexes ONLINE in ${f(writeSeconds)} s; service opened (vectors read back, HNSW built, every item's words and row read) in ${f(h.openSeconds)} s, ${h.embeddedBySync} embedded, JS heap +${f(h.heapMiB, 0)} MiB\n` +
            `  search(query, no filter, ${K}), query embedding included, ms p50 / p95 / p99: ${ms(h.latency)} (${f(h.latency.qps, 0)} queries/s); hits from ${h.provincesInHits} provinces\n` +
            `  (${HYBRID_WARM_UP} other searches first; each pass asks ${opts.queries} queries not asked before)\n` +
            h.passes
              .map((p, i) => {
                const slow = h.slowest[i]!.map((s) => `${f(s.ms, 1)} ms (#${s.at + 1}, "${s.query}")`).join(', ');
                return `    pass ${i + 1}: ${ms(p)} (Neo4j ${f(h.passCores[i]!.neo4j, 2)} cores, other work ${f(h.passCores[i]!.other, 2)}); slowest ${slow}\n`;
              })
              .join('') +
            `  lexical side alone (in memory, depth ${DEFAULT_RANKING.depth}): ${ms(h.lexical)}`,
        );
      }

      results.scales.push({
        scale,
        n,
        vectors: { fromCache: emb.fromCache, embedded: emb.embedded, embedSeconds: emb.embedSeconds, setKey: key },
        exactMsPerQuery,
        hnsw: {
          params: hnswParams,
          buildSeconds,
          insertsPerSecond: n / buildSeconds,
          rssDeltaMiB,
          loadRssDeltaMiB,
          indexFileMiB: mib(fs.statSync(files.index).size),
          mapFileMiB: mib(fs.statSync(files.map).size),
          saveSeconds,
          openSeconds,
          productRecall,
          productRecallReal,
        },
        neo4jWriteSeconds,
        sweeps,
        latency,
        best,
        hybrid,
      });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } catch (err) {
    if (!(err instanceof OutOfTime)) throw err;
    log(`\nSTOPPED: ${err.message}`);
  } finally {
    if (db) await closeDb(db);
    await local?.stop();
    if (neo4jDir) fs.rmSync(neo4jDir, { recursive: true, force: true });
    fs.rmSync(indexDir, { recursive: true, force: true });
    await disposeEmbedder();
  }

  summary(results, opts.neo4j);
  const out = path.join(REPO_ROOT, 'bench/results', `search-scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), cpu, cores, opts, queries, ...results }, null, 1));
  log(`\nfigures as JSON: ${path.relative(REPO_ROOT, out)} · total ${f((performance.now() - started) / 60_000)} min · load ${loadavg().join(' ')}`);
}

program.action(async (opts: Opts) => {
  await main(opts);
  // Nothing should be left running; if a handle lingers (a driver socket), do not hang on it.
  setTimeout(() => process.exit(0), 5_000).unref();
});

await program.parseAsync();
