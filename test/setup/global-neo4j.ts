/**
 * Vitest globalSetup: gives every test file a Neo4j 5 database.
 *
 * - NEO4J_URI set (CI service, docker-compose, a dev's own server): that database is used as is.
 * - Otherwise a local Neo4j 5.26 Community is built/started from scripts/neo4j on a free port,
 *   with a fresh data dir under .cache/ that is deleted again at teardown.
 *
 * Tests read the URI with testNeo4jUri() from ./neo4j-uri.ts. It is handed over with
 * provide/inject, and also put in process.env.NEO4J_URI (workers are started after this runs and
 * inherit it) so code that reads its config from the environment finds the same database.
 */
import { readdir, rm } from 'node:fs/promises';
import { processAlive } from '../../core/dir-lock.js';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../core/paths.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from '../../graph-store/local-neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

const CACHE = join(REPO_ROOT, '.cache');
const PREFIX = 'test-neo4j-';

const say = (msg: string): void => {
  process.stderr.write(`[neo4j] ${msg}\n`);
};


/** Data dirs of test runs that were killed before their teardown ran. */
async function removeStaleDataDirs(): Promise<void> {
  const entries = await readdir(CACHE).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      await rm(join(CACHE, name), { recursive: true, force: true });
    }
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.NEO4J_URI;
  if (external) {
    say(`using NEO4J_URI=${external}`);
    project.provide('neo4jUri', external);
    return;
  }

  await checkPrerequisites();
  await ensureLauncherBuilt({ onProgress: say });
  await removeStaleDataDirs();
  const dataDir = join(CACHE, `${PREFIX}${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });

  const started = Date.now();
  const db = await startLocalNeo4j({ port: 0, dataDir });
  say(`local Neo4j ready at ${db.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${db.pid})`);
  project.provide('neo4jUri', db.uri);
  process.env.NEO4J_URI = db.uri;

  return async () => {
    delete process.env.NEO4J_URI;
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
