/**
 * The measurements that compare search settings query by query: the recall/latency sweep of
 * hnswlib's efSearch against Neo4j's k, Neo4j with concurrent clients, and the product path's
 * latency with the query embedding included.
 */
import type { Db } from '../../graph-store/db.js';
import type { Embedder } from '../../search/embedder.js';
import type { VectorIndex } from '../../search/index-store.js';
import { rng } from './corpus.js';
import { recallAt, type Exact } from './exact.js';
import { queryNodes, roundTrip } from './neo4j-side.js';
import { f, K, ms, table, type LatencyRun, type Matched, type Side, type Setting, type SweepRow } from './report.js';
import { percentiles, watchMachine } from './stats.js';
import { OutOfTime } from './vector-cache.js';

/** A latency run is "noisy" when other processes kept this much CPU busy meanwhile (cores). */
const NOISY_OTHER_CORES = 0.25;
const TIE_TOLERANCE = 1e-6;

export function shuffled<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** hnswlib's own object inside the product's VectorIndex (private there: see README). */
export interface RawHnsw {
  setEf(ef: number): void;
  getEf(): number;
  searchKnn(q: number[], k: number): { neighbors: number[]; distances: number[] };
}
export const rawHnsw = (index: VectorIndex) => (index as unknown as { hnsw: RawHnsw }).hnsw;

export async function runSweep(
  index: VectorIndex,
  db: Db | null,
  settings: Setting[],
  queryVectors: Float32Array[],
  exact: Exact[],
  matrix: Float32Array,
  dim: number,
  passes: number,
  outOfTime: () => boolean,
): Promise<SweepRow[]> {
  const raw = rawHnsw(index);
  const shippedEf = raw.getEf();
  const lat = settings.map(() => [] as number[]);
  const server = settings.map(() => [] as number[]);
  const rec = settings.map(() => [] as { strict: number; tolerant: number }[]);
  const rand = rng(99);
  const once = async (s: Setting, qi: number): Promise<{ ms: number; rows: number[]; serverMs: number | null }> => {
    const q = queryVectors[qi]!;
    const t0 = performance.now();
    switch (s.side) {
      case 'hnsw': {
        raw.setEf(s.param);
        const res = raw.searchKnn(Array.from(q), K);
        return { ms: performance.now() - t0, rows: res.neighbors, serverMs: null };
      }
      case 'neo4j': {
        const res = await queryNodes(db!, q, s.param, K);
        return { ms: performance.now() - t0, ...res };
      }
      case 'neo4j-rtt': {
        const res = await roundTrip(db!, q);
        return { ms: performance.now() - t0, ...res };
      }
    }
  };
  try {
    // warm-up: Lucene's files, hnswlib's memory, the Cypher plan cache
    for (let qi = 0; qi < Math.min(30, queryVectors.length); qi++) for (const s of settings) await once(s, qi);
    for (let pass = 0; pass < passes; pass++) {
      for (let qi = 0; qi < queryVectors.length; qi++) {
        if (outOfTime()) throw new OutOfTime('time budget spent during the recall/latency sweep');
        // A fresh order per query: no setting always runs right after another's cache warm-up.
        for (const si of shuffled(settings.map((_, i) => i), rand)) {
          const s = settings[si]!;
          const r = await once(s, qi);
          lat[si]!.push(r.ms);
          if (r.serverMs !== null) server[si]!.push(r.serverMs);
          if (pass === 0 && s.side !== 'neo4j-rtt') {
            rec[si]!.push(recallAt(r.rows, exact[qi]!, K, { tolerance: TIE_TOLERANCE, matrix, dim, query: queryVectors[qi]! }));
          }
        }
      }
    }
  } finally {
    raw.setEf(shippedEf);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return settings.map((s, i) => ({
    ...s,
    recall: mean(rec[i]!.map((r) => r.strict)),
    recallTolerant: mean(rec[i]!.map((r) => r.tolerant)),
    minRecall: rec[i]!.length ? Math.min(...rec[i]!.map((r) => r.strict)) : null,
    latency: percentiles(lat[i]!),
    serverMs: mean(server[i]!),
  }));
}

export const SIDE_NAMES: Record<Side, string> = {
  hnsw: 'hnswlib (product index)',
  neo4j: 'Neo4j vector index',
  'neo4j-rtt': 'Neo4j round trip, no index',
};

export function sweepTable(rows: SweepRow[]): string {
  const t = table(['side', 'setting', 'recall@10', 'tie-tolerant', 'worst query', 'p50 / p95 / p99 ms', 'qps (1 client)', 'server ms']);
  for (const r of rows) {
    const setting = r.side === 'hnsw' ? `efSearch ${r.param}` : r.side === 'neo4j-rtt' ? 'RETURN size($vector)' : `k ${r.param}, top 10`;
    const num = (x: number | null, d: number) => (x === null ? '–' : f(x, d));
    t.push([SIDE_NAMES[r.side], setting, num(r.recall, 4), num(r.recallTolerant, 4), num(r.minRecall, 1), ms(r.latency), f(r.latency.qps, 0), num(r.serverMs, 2)]);
  }
  return t.toString();
}

/** For each Neo4j k: the smallest efSearch whose recall is at least Neo4j's, and the qps ratio. */
export function matchRecall(rows: SweepRow[]): Matched[] {
  return rows
    .filter((r) => r.side === 'neo4j')
    .map((nr) => {
      const h = rows.filter((r) => r.side === 'hnsw' && r.recall! >= nr.recall!).sort((a, b) => a.param - b.param)[0];
      return {
        neo4jK: nr.param,
        neo4jRecall: nr.recall!,
        neo4jQps: nr.latency.qps,
        ef: h?.param ?? null,
        hnswRecall: h?.recall ?? null,
        hnswQps: h?.latency.qps ?? null,
        ratio: h ? h.latency.qps / nr.latency.qps : null,
      };
    });
}

export async function neo4jConcurrent(db: Db, queryVectors: Float32Array[], clients: number, passes: number, outOfTime: () => boolean): Promise<number> {
  const jobs = Array.from({ length: passes * queryVectors.length }, (_, i) => queryVectors[i % queryVectors.length]!);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < jobs.length && !outOfTime()) await queryNodes(db, jobs[next++]!, K, K);
    }),
  );
  return (1000 * Math.min(next, jobs.length)) / (performance.now() - t0);
}

/**
 * The product path per query: embedQuery (e5 "query: " prefix) then VectorIndex.search at the
 * shipped efSearch; beside it the search alone on the precomputed vector, and embedding + Neo4j.
 * Tone restoration (restore-tones.ts, which reads the graph's vocabulary) is not included.
 */
export async function latencyRun(
  embedder: Embedder,
  index: VectorIndex,
  db: Db | null,
  texts: string[],
  queryVectors: Float32Array[],
  passes: number,
  pids: () => number[],
): Promise<LatencyRun> {
  for (let i = 0; i < Math.min(10, texts.length); i++) index.search(await embedder.embedQuery(texts[i]!), K); // warm-up
  const total: number[] = [];
  const embedOnly: number[] = [];
  const search: number[] = [];
  const neo: number[] = [];
  const watch = watchMachine(pids);
  for (let pass = 0; pass < passes; pass++) {
    for (let qi = 0; qi < texts.length; qi++) {
      const t0 = performance.now();
      const v = await embedder.embedQuery(texts[qi]!);
      const t1 = performance.now();
      index.search(v, K);
      const t2 = performance.now();
      total.push(t2 - t0);
      embedOnly.push(t1 - t0);
      const t3 = performance.now();
      index.search(queryVectors[qi]!, K);
      search.push(performance.now() - t3);
      if (db) {
        const t4 = performance.now();
        await queryNodes(db, await embedder.embedQuery(texts[qi]!), K, K);
        neo.push(performance.now() - t4);
      }
    }
  }
  const interference = watch();
  return {
    interference,
    embedPlusSearch: percentiles(total),
    embedOnly: percentiles(embedOnly),
    searchOnly: percentiles(search),
    embedPlusNeo4j: db ? percentiles(neo) : null,
    noisy: interference.otherCores > NOISY_OTHER_CORES,
  };
}
