/**
 * Cold start and memory of the local Neo4j (scripts/neo4j), each run on a fresh, empty data dir.
 *
 *   tsx bench/neo4j-startup.ts [runs]     (default 1 run; target: Bolt-ready within 20 s on 2 cores)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import neo4j from 'neo4j-driver';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from '../graph-store/local-neo4j.js';

export const STARTUP_TARGET_SECONDS = 20;

export interface StartupResult {
  /** From spawning java to a verified Bolt connection. */
  startSeconds: number;
  /** Resident memory of the java process right after start (VmRSS). */
  rssMiB: number;
  /** After one small write and read, to see what the first queries add. */
  rssAfterQueryMiB: number;
  /** SIGTERM to process exit. */
  stopSeconds: number;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

export async function measureStartup(heap = '1g'): Promise<StartupResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'neo4j-startup-bench-'));
  try {
    const t0 = performance.now();
    const db = await startLocalNeo4j({ port: 0, dataDir, heap });
    const startSeconds = (performance.now() - t0) / 1000;
    const rss = await rssMiB(db.pid);

    const driver = neo4j.driver(db.uri, neo4j.auth.basic('neo4j', ''));
    try {
      await driver.executeQuery('CREATE (:BenchProbe {at: datetime()})');
      await driver.executeQuery('MATCH (n:BenchProbe) RETURN count(n) AS n');
    } finally {
      await driver.close();
    }
    const rssAfterQuery = await rssMiB(db.pid);

    const t1 = performance.now();
    await db.stop();
    const stopSeconds = (performance.now() - t1) / 1000;
    return { startSeconds, rssMiB: rss, rssAfterQueryMiB: rssAfterQuery, stopSeconds };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(process.argv[2] ?? 1) || 1);
  await checkPrerequisites();
  // Building is not part of a start; do it first so it never counts.
  await ensureLauncherBuilt({ onProgress: (m) => console.error(m) });

  const results: StartupResult[] = [];
  for (let i = 1; i <= runs; i++) {
    const r = await measureStartup();
    results.push(r);
    console.log(
      `run ${i}: cold start ${r.startSeconds.toFixed(1)} s | RSS ${r.rssMiB.toFixed(0)} MiB after start, ` +
        `${r.rssAfterQueryMiB.toFixed(0)} MiB after first queries | stop ${r.stopSeconds.toFixed(1)} s`,
    );
  }
  const worst = Math.max(...results.map((r) => r.startSeconds));
  const verdict = worst <= STARTUP_TARGET_SECONDS ? 'within' : 'OVER';
  // Start time is CPU-bound class loading, so other work on the machine shows up here directly.
  const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
  console.log(
    `Neo4j 5.26 local start (heap 1g, page cache 256 MiB): slowest ${worst.toFixed(1)} s over ${runs} run(s), ` +
      `${verdict} the ${STARTUP_TARGET_SECONDS} s target (load average ${load}).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
