/** Figures of one load phase: per kind of request, answers/s, errors, latency percentiles, sizes. */
import { percentiles } from '../search-scale/stats.js';
import { KINDS, type Kind, type LoadResult } from './clients.js';

export interface KindFigures {
  kind: Kind;
  answers: number;
  perSecond: number;
  errors: number;
  /** Up to three of them: status and path. */
  errorExamples: string[];
  /** Answered 200 with the last answer read, because the read for the graph as it stands failed. */
  stale: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  meanKiB: number;
  maxKiB: number;
}

export interface PhaseFigures {
  name: string;
  seconds: number;
  clients: number;
  kinds: KindFigures[];
  all: Omit<KindFigures, 'kind'>;
  ingest: { documents: number; ok: number; failed: { file: string; status: number; error?: string }[]; seconds: number | null } | null;
  rss: { serverMaxMiB: number; neo4jMaxMiB: number };
  /** Cores busy with work other than the bench's during the phase (other people's tests). */
  otherCores: number;
  /** Cores used on average by the server (this process), Neo4j and the clients' process. */
  cores: { server: number; neo4j: number; clients: number };
  loadEnd: string;
  /** Searches each asked once: how many were asked, and repeated because the list was spent. */
  searches: { asked: number; repeated: number } | null;
}

const ok = (status: number) => status >= 200 && status < 300;

function figures(samples: LoadResult['samples'], seconds: number): Omit<KindFigures, 'kind'> {
  const p = samples.length > 0 ? percentiles(samples.map((s) => s.ms)) : { p50: 0, p95: 0, p99: 0, max: 0 };
  const bytes = samples.map((s) => s.bytes);
  const failed = samples.filter((s) => !ok(s.status));
  return {
    answers: samples.length,
    perSecond: samples.length / seconds,
    errors: failed.length,
    errorExamples: failed.slice(0, 3).map((s) => `${s.status} ${s.path}`),
    stale: samples.filter((s) => s.stale).length,
    p50: p.p50,
    p95: p.p95,
    p99: p.p99,
    max: p.max,
    meanKiB: bytes.reduce((a, b) => a + b, 0) / Math.max(1, bytes.length) / 1024,
    maxKiB: Math.max(0, ...bytes) / 1024,
  };
}

export function phaseFigures(
  name: string,
  clients: number,
  r: LoadResult,
  rss: PhaseFigures['rss'],
  cpu: { otherCores: number; loadEnd: string; cores: PhaseFigures['cores'] },
): PhaseFigures {
  return {
    name,
    seconds: r.seconds,
    clients,
    kinds: KINDS.map((kind) => ({ kind, ...figures(r.samples.filter((s) => s.kind === kind), r.seconds) })),
    all: figures(r.samples, r.seconds),
    ingest:
      r.uploads.length > 0
        ? {
            documents: r.uploads.length,
            ok: r.uploads.filter((u) => u.status === 200 || u.status === 201).length,
            failed: r.uploads.filter((u) => u.status !== 200 && u.status !== 201),
            seconds: r.uploadSeconds,
          }
        : null,
    rss,
    ...cpu,
    searches: r.searches ?? null,
  };
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

export function printPhase(f: PhaseFigures): string[] {
  const row = (k: string, x: Omit<KindFigures, 'kind'>) =>
    `  ${k.padEnd(8)} ${String(x.answers).padStart(6)} ${x.perSecond.toFixed(1).padStart(7)}/s ${String(x.errors).padStart(5)} ` +
    `${ms(x.p50).padStart(8)} ${ms(x.p95).padStart(8)} ${ms(x.p99).padStart(8)} ${ms(x.max).padStart(8)} ${x.meanKiB.toFixed(0).padStart(6)} ${x.maxKiB.toFixed(0).padStart(6)}`;
  const lines = [
    `${f.name}: ${f.clients} clients, ${f.seconds.toFixed(1)} s (other work on the machine: ${f.otherCores.toFixed(2)} cores; load ${f.loadEnd})`,
    `  kind      answers  answers   errors      p50      p95      p99      max  KiB avg  KiB max`,
    ...f.kinds.map((k) => row(k.kind, k)),
    row('all', f.all),
    `  server RSS max ${f.rss.serverMaxMiB.toFixed(0)} MiB, Neo4j RSS max ${f.rss.neo4jMaxMiB.toFixed(0)} MiB; ` +
      `cores used: server ${f.cores.server.toFixed(2)}, Neo4j ${f.cores.neo4j.toFixed(2)}, clients ${f.cores.clients.toFixed(2)}`,
  ];
  if (f.searches) lines.push(`  searches: ${f.searches.asked} queries, each asked once (${f.searches.repeated} repeated: the list was spent)`);
  for (const k of f.kinds) for (const e of k.errorExamples) lines.push(`  error (${k.kind}): ${e}`);
  for (const k of f.kinds) if (k.stale > 0) lines.push(`  stale (${k.kind}): ${k.stale} answers were the last one read (the read for the graph as it stands failed)`);
  if (f.ingest) {
    const i = f.ingest;
    lines.push(`  ingest: ${i.ok}/${i.documents} documents uploaded in ${i.seconds?.toFixed(1) ?? '?'} s (${i.seconds ? (i.ok / i.seconds).toFixed(2) : '?'} docs/s), ${i.failed.length} failed`);
    for (const u of i.failed.slice(0, 5)) lines.push(`    ${u.file}: ${u.status} ${u.error ?? ''}`);
  }
  return lines;
}
