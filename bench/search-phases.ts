/**
 * `npx tsx bench/search-phases.ts [--scale 100k] [--passes 5] [--ab] [--idle]`: where a hybrid
 * search's time goes, at the scale of bench/search-scale.ts, without Neo4j.
 *
 * The search makes no round trip to Neo4j (search/service.ts): its words, rows and vectors are in
 * memory. So this harness gives the product's HybridSearchService the synthetic tasks of
 * bench/search-scale.ts (same corpus, seed and cached vectors; run that bench first) as rows in
 * memory, and a database that throws if the search asks it anything. Per pass it prints the whole
 * search and its parts (query embedding in the product's worker, lexical side, HNSW, the work after
 * ranking), and the server thread's collections by kind. Each pass asks queries not asked before,
 * after 100 others.
 *
 *   --ab    every other search embeds its query in the calling thread instead of the worker
 *   --idle  no search: the worker's and the calling thread's embedding, back to back and after 20 ms idle
 *   --trace every search over 12 ms and every collection over 5 ms (or a major one), by start time
 *   --gap   idle milliseconds before each timed search (a server between users' queries)
 *
 * The authority for issue 13's figures is bench/search-scale.ts (a real graph in Neo4j); this
 * isolates the process's own share. Figures: bench/README.md, "The hybrid search users run".
 */
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { REPO_ROOT } from '../core/paths.js';
import type { Db } from '../graph-store/db.js';
import type { SearchItemRow } from '../graph-store/search-reads.js';
import { embedOffThread, startEmbedding, stopEmbedding } from '../search/embed-pool.js';
import { getEmbedder } from '../search/embedder.js';
import { VectorIndex } from '../search/index-store.js';
import { IndexedItems } from '../search/indexed-items.js';
import { lazyEmbedder } from '../search/open.js';
import { GraphToneRestorer } from '../search/restore-tones.js';
import { HybridSearchService } from '../search/service.js';
import { benchQueries, clauses, freshPasses, sourceItems, synthesize, type SyntheticTask } from './search-scale/corpus.js';
import { SCALES, type ScaleName } from './search-scale/report.js';
import { fullGc, percentiles } from './search-scale/stats.js';
import { embedAll, modelKey } from './search-scale/vector-cache.js';

const SEED = 20241121;
const QUERY_SEED = 7;
const QUERIES = 200;
const WARM_UP = 100;
const CACHE = path.join(REPO_ROOT, '.cache/bench');

const program = new Command('search-phases')
  .addOption(new Option('--scale <scale>', 'tasks').choices(['10k', '100k']).default('100k'))
  .option('--passes <n>', 'timed passes of 200 queries', (v) => Number(v), 5)
  .option('--ab', 'every other search embeds in the calling thread')
  .option('--idle', 'only the embedding, back to back and after 20 ms idle')
  .option('--gap <ms>', 'idle before each timed search', (v) => Number(v), 0)
  .option('--trace', 'list slow searches and long collections by start time');

const line = (label: string, xs: number[]) => {
  const p = percentiles(xs);
  return `${label} ${p.p50.toFixed(2)} / ${p.p95.toFixed(2)} / ${p.p99.toFixed(2)}`;
};

/** The corpus of bench/search-scale.ts and its queries: 200 per pass, none asked twice. */
function corpus(n: number, passes: number): { tasks: SyntheticTask[]; warmUp: string[]; passes: string[][] } {
  const pool = [...new Set(sourceItems(path.join(REPO_ROOT, 'data/corpus')).flatMap((i) => clauses(i.text)))];
  const first = benchQueries(path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json'), pool, QUERIES, QUERY_SEED).map((q) => q.text);
  return { tasks: synthesize(pool, n, SEED), ...freshPasses(pool, first, passes, QUERIES, WARM_UP, QUERY_SEED + 1) };
}

/** The product's index over the cached vectors, built once and kept under .cache/bench/search-phases. */
async function vectorIndex(tasks: SyntheticTask[]): Promise<VectorIndex> {
  const embedder = await getEmbedder('passage');
  // Named by the model too: an index of another model's vectors is never taken for this one's.
  const dir = path.join(CACHE, 'search-phases', `${tasks.length}-${modelKey(embedder)}`);
  const opened = VectorIndex.open(dir, 384);
  if (opened.status.state === 'loaded' && opened.index.size === tasks.length) return opened.index;
  const texts = tasks.map((t) => t.text);
  const { matrix, embedded } = await embedAll(embedder, texts, { dir: path.join(CACHE, 'search-scale'), fresh: false, batchSize: 16, outOfTime: () => false, log: console.log });
  if (embedded > 0) console.log(`(${embedded} vectors were not cached by bench/search-scale.ts and were embedded now)`);
  const index = VectorIndex.empty(dir, embedder.dim);
  tasks.forEach((t, i) => index.upsert(t.id, matrix.subarray(i * embedder.dim, (i + 1) * embedder.dim)));
  index.save();
  return index;
}

/** What the graph would answer for a task: plans of 100 tasks, one province each. */
function rowOf(t: SyntheticTask, i: number): SearchItemRow {
  const plan = Math.floor(i / 100);
  return {
    id: t.id,
    documentId: `bench/plan-${plan}`,
    documentNumber: `${plan + 1}/KH-UBND`,
    documentTitle: `Kế hoạch ${plan + 1}/KH-UBND`,
    province: t.province,
    level: 'province',
    text: t.text,
    sectionPath: ['II', String(1 + (i % 100))],
    sectionTitles: ['NHIỆM VỤ VÀ GIẢI PHÁP'],
    lineStart: i,
    lineEnd: i,
    isTask: true,
    isDirective: false,
    leads: [],
  };
}

/** A database the search must not touch. */
const noDatabase = new Proxy({} as Db, {
  get: () => {
    throw new Error('search-phases: the search asked Neo4j');
  },
});

async function idle(queries: string[]): Promise<void> {
  const inThread = await getEmbedder('query');
  await startEmbedding();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const times: Record<string, number[]> = {};
  for (const q of queries.slice(0, 20)) await Promise.all([inThread.embedQuery(q), embedOffThread({ mode: 'query', texts: [q] })]);
  for (const q of queries) {
    for (const pause of [0, 20]) {
      for (const [where, run] of [['worker', () => embedOffThread({ mode: 'query', texts: [q] })], ['in-thread', () => inThread.embedQuery(q)]] as const) {
        if (pause) await sleep(pause);
        const t = performance.now();
        await run();
        (times[`${where}, ${pause} ms idle before`] ??= []).push(performance.now() - t);
      }
    }
  }
  for (const [k, xs] of Object.entries(times)) console.log(line(`query embedding, ${k}:`, xs));
}

async function main(opts: { scale: ScaleName; passes: number; ab?: boolean; idle?: boolean; trace?: boolean; gap?: number }): Promise<void> {
  const n = SCALES[opts.scale];
  console.log(`# search-phases: ${n} tasks · ${new Date().toISOString()} · ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores · node ${process.version}`);
  const { tasks, warmUp, passes } = corpus(n, opts.passes);
  if (opts.idle) return idle(passes.flat().slice(0, 400));
  const index = await vectorIndex(tasks);
  const rows = tasks.map(rowOf);
  const items = new IndexedItems(index, {
    ofItems: async (ids) => (ids ? rows.filter((r) => ids.includes(r.id)) : rows),
    ofDocuments: async (docs) => rows.filter((r) => docs.includes(r.documentId)),
  });
  await items.catchUp();
  const tones = new GraphToneRestorer((ids) => items.texts(ids));
  await startEmbedding();
  const inThread = opts.ab ? await getEmbedder('query') : null;
  // The parts are timed by wrapping what the service calls; the in-thread embedder only with --ab.
  let part: Record<string, number> = {};
  let embedHere = false;
  const timed = <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R> | R) => async (...a: A): Promise<R> => {
    const t = performance.now();
    const r = await f(...a);
    part[name] = (part[name] ?? 0) + performance.now() - t;
    return r;
  };
  // The embedding: from the start (tokenizing) until the vector is back.
  const startQuery = async (q: string) => {
    const t = performance.now();
    const started = embedHere && inThread ? { vector: inThread.embedQuery(q) } : await lazyEmbedder.startQuery(q);
    return { vector: started.vector.then((v) => ((part.embedding = performance.now() - t), v)) };
  };
  const embedder = { ...lazyEmbedder, startQuery };
  const service = new HybridSearchService(noDatabase, index, embedder, { keepQueryVectors: false }, undefined, { tones, items });
  await service.warm();
  const lexicalHits = service.lexicalHits.bind(service);
  service.lexicalHits = timed('lexical', lexicalHits);
  const search = index.search.bind(index);
  index.search = (...a) => {
    const t = performance.now();
    const r = search(...a);
    part.hnsw = performance.now() - t;
    return r;
  };
  const collections: { start: number; ms: number; kind: number }[] = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => collections.push({ start: e.startTime, ms: e.duration, kind: (e as { detail?: { kind: number } }).detail?.kind ?? 0 }))).observe({ entryTypes: ['gc'] });
  fullGc();
  // Every paragraph: the product's default (tasks and directive items) asks Neo4j once which items
  // those are, and over these synthetic tasks, all of them, takes this same path after.
  for (const q of warmUp) await service.search(q, { kind: 'all' }, 10);
  const all: { start: number; ms: number; part: Record<string, number>; here: boolean }[] = [];
  for (const [p, queries] of passes.entries()) {
    const pass: typeof all = [];
    for (const q of queries) {
      part = {};
      embedHere = Boolean(opts.ab) && all.length % 2 === 1;
      if (opts.gap) await new Promise((r) => setTimeout(r, opts.gap));
      const t = performance.now();
      await service.search(q, { kind: 'all' }, 10);
      const ms = performance.now() - t;
      // After ranking: what is left once the longer of (embedding + HNSW) and the lexical side is taken out.
      part.after = ms - Math.max((part.embedding ?? 0) + (part.hnsw ?? 0), part.lexical ?? 0);
      const s = { start: t, ms, part, here: embedHere };
      all.push(s);
      pass.push(s);
    }
    const of = (k: string) => pass.map((s) => s.part[k] ?? 0);
    console.log(`pass ${p + 1}: ${line('search', pass.map((s) => s.ms))} · ${line('embedding', of('embedding'))} · ${line('lexical', of('lexical'))} · ${line('HNSW', of('hnsw'))} · ${line('after ranking', of('after'))}`);
  }
  console.log(line('all searches, ms p50 / p95 / p99:', all.map((s) => s.ms)));
  if (opts.ab) {
    console.log(line('  query embedded in the worker:', all.filter((s) => !s.here).map((s) => s.ms)));
    console.log(line('  query embedded in the calling thread:', all.filter((s) => s.here).map((s) => s.ms)));
  }
  const kinds: Record<number, string> = { 1: 'young generation', 2: 'full', 4: 'incremental marking', 8: 'weak callbacks' };
  if (opts.trace) {
    const events = [
      ...all.filter((s) => s.ms > 12).map((s) => ({ start: s.start, text: `search ${s.ms.toFixed(1)} ms (embedding ${(s.part.embedding ?? 0).toFixed(1)})` })),
      ...collections.filter((c) => c.ms > 5 || c.kind !== 1).map((c) => ({ start: c.start, text: `collection, ${kinds[c.kind] ?? c.kind}: ${c.ms.toFixed(1)} ms` })),
    ];
    for (const e of events.sort((a, b) => a.start - b.start)) console.log(`  ${(e.start / 1000).toFixed(3)} s  ${e.text}`);
  }
  for (const [kind, name] of Object.entries(kinds)) {
    const xs = collections.filter((c) => c.kind === Number(kind)).map((c) => c.ms);
    if (xs.length > 0) console.log(`collections, ${name}: ${xs.length}, ${xs.reduce((a, b) => a + b, 0).toFixed(0)} ms in all, longest ${Math.max(...xs).toFixed(1)} ms`);
  }
  await stopEmbedding();
}

await main(program.parse().opts());
process.exit(0);
