/**
 * The search users actually run, at scale: search/service.ts' hybrid search (query embedding with
 * tone restoration, Neo4j full-text with folding, HNSW, score fusion, hits read back from the
 * graph) over the synthetic tasks written as a real graph. Each plan holds 100 consecutive tasks
 * and belongs to one of the 63 provinces in turn; the graph store upserts it, and the cached
 * vectors become `Item.embedding` so that nothing is embedded twice. The timed part is
 * `service.search(query, {}, 10)`, as `/api/search` runs it minus HTTP (query embedding in the
 * product's worker thread, search/embed-pool.ts), for a query whose vector the service does not
 * keep yet (each pass embeds every query again).
 */
import type { Db } from '../../graph-store/db.js';
import { writeQuery } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { writeEmbeddings } from '../../graph-store/search-reads.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { slugify } from '../../core/vn-text.js';
import { startEmbedding } from '../../search/embed-pool.js';
import { lazyEmbedder, openSearch } from '../../search/open.js';
import { syntheticRecord } from '../../test/helpers/synthetic-record.js';
import { BENCH_PROVINCES, type SyntheticTask } from './corpus.js';
import { K, type HybridResult } from './report.js';
import { fullGc, percentiles, sleep } from './stats.js';
import { cpuWindow } from '../ingest-scale/machine.js';
import { OutOfTime } from './vector-cache.js';

const TASKS_PER_PLAN = 100;
const EMBEDDING_WRITE_BATCH = 1000;

export interface HybridGraph {
  /** Tasks written so far: the first n of the synthetic set. */
  written: number;
}

/** Writes tasks [graph.written, n) as plans of 100 with their vectors; returns seconds. */
export async function writePlans(
  db: Db,
  graph: HybridGraph,
  tasks: SyntheticTask[],
  matrix: Float32Array,
  dim: number,
  n: number,
  outOfTime: () => boolean,
  log: (s: string) => void,
): Promise<number> {
  const t0 = performance.now();
  if (graph.written === 0) await migrate(db);
  for (let start = graph.written; start < n; start += TASKS_PER_PLAN) {
    if (outOfTime()) throw new OutOfTime('time budget spent while writing the hybrid-search graph');
    const plan = start / TASKS_PER_PLAN;
    const province = BENCH_PROVINCES[plan % BENCH_PROVINCES.length]!;
    const chunk = tasks.slice(start, Math.min(n, start + TASKS_PER_PLAN));
    const record = syntheticRecord({
      number: `${plan + 1}/KH-UBND`,
      issuerPath: `${slugify(province)}/ubnd`,
      tasks: chunk.length,
      taskText: (k) => chunk[k]!.text,
    });
    record.document = { ...record.document, province, title: `Kế hoạch ${plan + 1}/KH-UBND của UBND ${province}` };
    await upsertDocument(db, record);
    const rows = record.items.map((it, k) => ({ id: it.id, text: it.text, vector: Array.from(matrix.subarray((start + k) * dim, (start + k + 1) * dim)) }));
    for (let b = 0; b < rows.length; b += EMBEDDING_WRITE_BATCH) await writeEmbeddings(db, rows.slice(b, b + EMBEDDING_WRITE_BATCH));
    if ((plan + 1) % 100 === 0) log(`  hybrid graph: ${start + chunk.length} tasks written`);
  }
  graph.written = n;
  // Full-text and the product's own vector index must be ONLINE, or they would be timed populating.
  await writeQuery(db, 'CALL db.awaitIndexes(1800)');
  return (performance.now() - t0) / 1000;
}

/** Waits (at most 3 minutes) until Neo4j's JVM uses under a tenth of a core over 5 s. */
async function untilQuiet(pid: number, outOfTime: () => boolean): Promise<void> {
  const until = performance.now() + 180_000;
  while (performance.now() < until && !outOfTime()) {
    const window = cpuWindow(() => [pid]);
    await sleep(5_000);
    const w = window();
    if (w.watchedCpu / w.seconds < 0.1) return;
  }
}

/**
 * Opens the product's search service on the graph (index in `indexDir`), answers the `warmUp`
 * queries (V8 compiles the hot paths over the first hundred or so searches, as a server does in
 * its first minute) and times each pass, a pass being queries asked for the first time: no query
 * vector, syllable or candidate text is left over from an earlier pass.
 */
export async function measureHybrid(
  db: Db,
  indexDir: string,
  passes: string[][],
  warmUp: string[],
  outOfTime: () => boolean,
  /** Neo4j's JVM, whose CPU during each pass is told (the search no longer asks it, but shares the cores with it). */
  neo4jPid: number | null,
): Promise<Omit<HybridResult, 'writeSeconds'>> {
  await startEmbedding();
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  // Query vectors not kept: every timed search embeds its query, as a query never asked before does
  // (and as the vector side beside it is timed).
  const { service, sync } = await openSearch(db, { indexDir, embedder: lazyEmbedder, ranking: { keepQueryVectors: false } });
  const openSeconds = (performance.now() - t0) / 1000;
  fullGc();
  // What the service holds in the JS heap: the indexed items' words and rows, the tone model, the id maps.
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  // After writing 100k items Neo4j flushes and collects for a while: the search no longer asks it,
  // but would share the cores with it. Waited for before the warm-up, not between it and the timed
  // passes: seconds asleep there made the first pass's searches those of a server woken from idle
  // (V8's idle-time collection, cold caches), measured on their own by bench/search-phases.ts --gap.
  if (neo4jPid) await untilQuiet(neo4jPid, outOfTime);
  for (const q of warmUp) await service.search(q, { kind: 'any' }, K);
  const times: number[][] = [];
  const cores: HybridResult['passCores'] = [];
  const provinces = new Set<string>();
  for (const [pass, queries] of passes.entries()) {
    times.push([]);
    const window = cpuWindow(() => (neo4jPid ? [neo4jPid] : []));
    for (const q of queries) {
      if (outOfTime()) throw new OutOfTime('time budget spent while timing the hybrid search');
      const t = performance.now();
      const hits = await service.search(q, { kind: 'any' }, K);
      times[pass]!.push(performance.now() - t);
      if (pass === 0) for (const h of hits) if (h.item.province) provinces.add(h.item.province);
    }
    const w = window();
    cores.push({ neo4j: w.watchedCpu / w.seconds, other: w.otherCores });
  }
  const slowest = times.map((pass, p) =>
    pass
      .map((t, at) => ({ at, ms: t, query: passes[p]![at]! }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3),
  );
  const lexical: number[] = [];
  for (const q of passes[0] ?? []) {
    const t = performance.now();
    await service.lexicalHits(q, { kind: 'any' }, service.ranking.depth);
    lexical.push(performance.now() - t);
  }
  return {
    items: sync.size,
    embeddedBySync: sync.embedded,
    openSeconds,
    heapMiB,
    latency: percentiles(times.flat()),
    passes: times.map(percentiles),
    passCores: cores,
    slowest,
    lexical: percentiles(lexical),
    provincesInHits: provinces.size,
  };
}
