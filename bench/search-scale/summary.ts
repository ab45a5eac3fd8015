/** The closing tables of bench/search-scale.ts: every figure of every scale side by side, against the targets. */
import { f, HYBRID_TARGET_P50_MS, HYBRID_TARGET_P99_MS, log, ms, table, TARGET_P99_MS, TARGET_QPS_RATIO, TARGET_RECALL, type ScaleResult, type Side, type Throughput } from './report.js';
import type { Percentiles } from './stats.js';

export function summary(results: { throughput: Throughput[]; matmulBest: number; scales: ScaleResult[] }, withNeo4j: boolean): void {
  log('\n## Summary');
  if (results.throughput.length > 0) {
    const t = table(['embedding', 'texts/s', 'per CPU-s', 'GFLOP/s', '% of matmul']);
    for (const r of results.throughput) t.push([`${r.dtype} batch ${r.batch}`, f(r.textsPerSecond, 1), f(r.textsPerCpuSecond, 1), f(r.achievedGflops, 0), f((100 * r.achievedGflops) / results.matmulBest, 0)]);
    log(t.toString());
  }
  if (results.scales.length === 0) return;
  const t = table(['', ...results.scales.map((s) => s.scale)]);
  const row = (name: string, fn: (s: ScaleResult) => string) => t.push([name, ...results.scales.map(fn)]);
  const bestRun = (s: ScaleResult) => s.latency[s.best];
  const first = (s: ScaleResult) => s.sweeps[0]?.rows ?? [];
  const hs = (s: ScaleResult, ef: number) => first(s).find((r) => r.side === 'hnsw' && r.param === ef);
  const nk = (s: ScaleResult, v: number, k: number, side: Side = 'neo4j') => s.sweeps[v]?.rows.find((r) => r.side === side && r.param === k);
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const pct = (p: Percentiles | undefined | null) => (p ? ms(p) : '–');
  row('hnsw params (M / efC / efSearch)', (s) => `${s.hnsw.params.m} / ${s.hnsw.params.efConstruction} / ${s.hnsw.params.efSearch}`);
  row('hnsw build (one thread)', (s) => `${f(s.hnsw.buildSeconds)} s (${f(s.hnsw.insertsPerSecond, 0)}/s)`);
  row('hnsw RSS delta (build process)', (s) => `+${f(s.hnsw.rssDeltaMiB, 0)} MiB`);
  row('hnsw files (items.hnsw + items.json)', (s) => `${f(s.hnsw.indexFileMiB, 1)} + ${f(s.hnsw.mapFileMiB, 1)} MiB`);
  row('hnsw load from disk', (s) => `${f(s.hnsw.openSeconds, 2)} s`);
  row(`recall@10, shipped efSearch (≥ ${TARGET_RECALL})`, (s) => `${f(s.hnsw.productRecall, 4)} (${yes(s.hnsw.productRecall >= TARGET_RECALL)})`);
  row('search alone p50/p95/p99 ms', (s) => pct(bestRun(s)?.searchOnly));
  row('embed+search p50/p95/p99 ms', (s) => pct(bestRun(s)?.embedPlusSearch));
  row(`p99 ≤ ${TARGET_P99_MS} ms (embed+search / search)`, (s) =>
    bestRun(s) ? `${yes(bestRun(s)!.embedPlusSearch.p99 <= TARGET_P99_MS)} / ${yes(bestRun(s)!.searchOnly.p99 <= TARGET_P99_MS)}` : '–',
  );
  row('latency run used (other procs, cores)', (s) => (bestRun(s) ? `${s.best + 1} of ${s.latency.length} (${f(bestRun(s)!.interference.otherCores, 2)})` : '–'));
  if (withNeo4j) {
    row('neo4j nodes written', (s) => (s.neo4jWriteSeconds === null ? '–' : `${f(s.neo4jWriteSeconds)} s`));
    results.scales[0]!.sweeps.forEach((sw, v) => {
      const label = v === 0 ? 'neo4j (product options)' : 'neo4j float32';
      row(`${label}: index ONLINE`, (s) => (s.sweeps[v]?.indexSeconds != null ? `${f(s.sweeps[v]!.indexSeconds!)} s` : '–'));
      row(`${label}: RSS / data dir`, (s) => (s.sweeps[v]?.neo4jRssMiB != null ? `${f(s.sweeps[v]!.neo4jRssMiB!, 0)} / ${f(s.sweeps[v]!.neo4jDiskMiB!, 0)} MiB` : '–'));
      for (const k of [10, 100]) {
        row(`${label} k=${k}: recall@10`, (s) => (nk(s, v, k) ? f(nk(s, v, k)!.recall!, 4) : '–'));
        row(`${label} k=${k}: p50/p95/p99 ms, qps`, (s) => (nk(s, v, k) ? `${ms(nk(s, v, k)!.latency)}, ${f(nk(s, v, k)!.latency.qps, 0)}` : '–'));
        row(`${label} k=${k}: hnsw ef at ≥ its recall → qps ratio`, (s) => {
          const m = s.sweeps[v]?.matched.find((x) => x.neo4jK === k);
          if (!m) return '–';
          return m.ef === null ? 'no ef reaches it' : `ef ${m.ef} (${f(m.hnswRecall!, 4)}): ${f(m.ratio!, 1)}× (${yes(m.ratio! >= TARGET_QPS_RATIO)})`;
        });
      }
      if (v === 0) {
        row(`${label}: k=10, 4 clients qps`, (s) => (s.sweeps[0]?.concurrentQps != null ? f(s.sweeps[0]!.concurrentQps!, 0) : '–'));
        row('neo4j round trip without index', (s) => (nk(s, 0, 0, 'neo4j-rtt') ? ms(nk(s, 0, 0, 'neo4j-rtt')!.latency) : '–'));
        row('embed+neo4j k=10 p50/p95/p99 ms', (s) => pct(bestRun(s)?.embedPlusNeo4j));
      }
    });
  }
  row(`hybrid search (service), p50/p95/p99 ms`, (s) =>
    s.hybrid ? `${ms(s.hybrid.latency)} (p50 ≤ ${HYBRID_TARGET_P50_MS} ${yes(s.hybrid.latency.p50 <= HYBRID_TARGET_P50_MS)}, p99 ≤ ${HYBRID_TARGET_P99_MS} ${yes(s.hybrid.latency.p99 <= HYBRID_TARGET_P99_MS)})` : '–',
  );
  row('hybrid: lexical side alone p50/p95/p99 ms', (s) => pct(s.hybrid?.lexical));
  row('hybrid: plans written / service opened', (s) => (s.hybrid ? `${f(s.hybrid.writeSeconds)} s / ${f(s.hybrid.openSeconds)} s` : '–'));
  row('hybrid: JS heap of the open service', (s) => (s.hybrid ? `+${f(s.hybrid.heapMiB, 0)} MiB` : '–'));
  row('hnsw efSearch 100: recall, qps', (s) => (hs(s, 100) ? `${f(hs(s, 100)!.recall!, 4)}, ${f(hs(s, 100)!.latency.qps, 0)}` : '–'));
  log(t.toString());
}
