/**
 * What bench/search-scale.ts measures, as the JSON it writes to bench/results/, the targets of
 * the issue, and the small helpers its printed tables share.
 */
import Table from 'cli-table3';
import type { Interference, Percentiles } from './stats.js';

export const K = 10;
export const SCALES = { '10k': 10_000, '100k': 100_000 } as const;
export type ScaleName = keyof typeof SCALES;

// The targets of the issue.
export const TARGET_RECALL = 0.98;
export const TARGET_P99_MS = 25;
export const TARGET_QPS_RATIO = 3;
/** Issue 13: the whole hybrid search at 100k, query embedding included. */
export const HYBRID_TARGET_P50_MS = 8;
export const HYBRID_TARGET_P99_MS = 15;

export interface Throughput {
  batch: number;
  dtype: string;
  textsPerSecond: number;
  textsPerCpuSecond: number;
  meanTokens: number;
  meanPaddedTokens: number;
  achievedGflops: number;
  usefulGflops: number;
  otherCores: number;
}

export type Side = 'hnsw' | 'neo4j' | 'neo4j-rtt';
export interface Setting {
  side: Side;
  /** efSearch (hnsw) or k (neo4j); 0 for the round trip. */
  param: number;
}

export interface SweepRow extends Setting {
  recall: number | null;
  recallTolerant: number | null;
  minRecall: number | null;
  latency: Percentiles;
  /** Neo4j's own time per query (resultAvailableAfter + resultConsumedAfter), mean ms. */
  serverMs: number | null;
}

export interface Matched {
  neo4jK: number;
  neo4jRecall: number;
  neo4jQps: number;
  ef: number | null;
  hnswRecall: number | null;
  hnswQps: number | null;
  ratio: number | null;
}

export interface Sweep {
  /** The Neo4j index variant swept beside hnswlib (null: hnswlib alone). */
  variant: string | null;
  config: Record<string, unknown> | null;
  indexSeconds: number | null;
  neo4jRssMiB: number | null;
  neo4jDiskMiB: number | null;
  /** Neo4j k=10 with 4 clients at once (the server uses both cores). */
  concurrentQps: number | null;
  rows: SweepRow[];
  matched: Matched[];
}

export interface LatencyRun {
  interference: Interference;
  embedPlusSearch: Percentiles;
  embedOnly: Percentiles;
  searchOnly: Percentiles;
  embedPlusNeo4j: Percentiles | null;
  noisy: boolean;
}

/** The product's hybrid search over the synthetic tasks written as a graph (hybrid.ts). */
export interface HybridResult {
  /** Writing the plans (upsert and vectors) up to this scale, and the indexes coming ONLINE. */
  writeSeconds: number;
  items: number;
  /** Items the service had to embed itself when it opened: 0 when every cached vector was written. */
  embeddedBySync: number;
  /** openSearch: reading the vectors back from Neo4j and building the HNSW index. */
  openSeconds: number;
  /** JS heap the open service holds (after a full GC): words and rows of every item, tone model, id maps. */
  heapMiB: number;
  latency: Percentiles;
  /** Each pass over the queries alone. */
  passes: Percentiles[];
  /** Cores Neo4j's JVM, and work not of this bench, used during each pass. */
  passCores: { neo4j: number; other: number }[];
  /** Each pass's three slowest searches: where in the pass, how long, which query. */
  slowest: { at: number; ms: number; query: string }[][];
  /** The lexical side alone (in memory, search/lexical-index.ts). */
  lexical: Percentiles;
  /** Distinct provinces among the first pass's hits. */
  provincesInHits: number;
}

export interface ScaleResult {
  scale: ScaleName;
  n: number;
  vectors: { fromCache: number; embedded: number; embedSeconds: number; setKey: string };
  exactMsPerQuery: number;
  hnsw: {
    params: { m: number; efConstruction: number; efSearch: number; space: string };
    buildSeconds: number;
    insertsPerSecond: number;
    rssDeltaMiB: number;
    /** RSS delta of loading it in this process: blurred by what the process freed before (JSON only). */
    loadRssDeltaMiB: number;
    indexFileMiB: number;
    mapFileMiB: number;
    saveSeconds: number;
    openSeconds: number;
    productRecall: number;
    productRecallReal: number;
  };
  neo4jWriteSeconds: number | null;
  sweeps: Sweep[];
  latency: LatencyRun[];
  best: number;
  hybrid: HybridResult | null;
}

export const log = (s = '') => console.log(s);
export const f = (x: number, d = 1) => x.toFixed(d);
export const ms = (p: Percentiles) => `${f(p.p50, 2)} / ${f(p.p95, 2)} / ${f(p.p99, 2)}`;
/** A plain table (no colours: the output goes into bench/README.md). */
export const table = (head: string[]) => new Table({ head, style: { head: [], border: [] } });
