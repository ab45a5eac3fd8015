/**
 * `npm run bench`: every benchmark that needs nothing but this machine, figures printed as it goes.
 * Neo4j: cold start to Bolt-ready and memory, then upsert throughput on a database started for
 * the purpose (or NEO4J_URI). Search and linker figures have their own scripts; every figure
 * measured so far is in bench/README.md.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from '../graph-store/local-neo4j.js';
import { closeDb, openDb } from '../graph-store/db.js';
import { measureStartup, STARTUP_TARGET_SECONDS } from './neo4j-startup.js';
import { measureUpsert } from './upsert-throughput.js';

async function main(): Promise<void> {
  const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
  console.log(`# Benchmarks (${cpus().length} cores, load average ${await load()})\n`);

  await checkPrerequisites();
  await ensureLauncherBuilt({ onProgress: (m) => console.error(m) });
  const start = await measureStartup();
  console.log('## Neo4j 5.26 local start');
  console.log(`cold start to Bolt-ready: ${start.startSeconds.toFixed(1)} s (target ≤ ${STARTUP_TARGET_SECONDS} s)`);
  console.log(`memory (RSS): ${start.rssMiB.toFixed(0)} MiB after start, ${start.rssAfterQueryMiB.toFixed(0)} MiB after first queries`);
  console.log(`stop: ${start.stopSeconds.toFixed(1)} s\n`);

  const dataDir = await mkdtemp(join(tmpdir(), 'bench-neo4j-'));
  const local = process.env.NEO4J_URI ? null : await startLocalNeo4j({ port: 0, dataDir });
  const db = openDb({ uri: process.env.NEO4J_URI ?? local!.uri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  try {
    console.log('## Upsert throughput (10k synthetic tasks, 40 agencies)');
    const one = await measureUpsert(db, 10_000, 10_000);
    console.log(`one document of 10k tasks: ${one.seconds.toFixed(1)} s, ${one.nodesPerSecond.toFixed(0)} nodes/s; re-upsert unchanged ${one.reUpsertSeconds.toFixed(1)} s`);
    const many = await measureUpsert(db, 10_000, 100);
    console.log(`100 documents of 100 tasks: ${many.seconds.toFixed(1)} s, ${many.nodesPerSecond.toFixed(0)} nodes/s (${((many.seconds / many.documents) * 1000).toFixed(0)} ms per document transaction)`);
  } finally {
    await closeDb(db);
    await local?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
