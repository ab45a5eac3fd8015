/**
 * The product as `npm start` runs it (cli/serve.ts), on a copy of the scale graph: the local
 * Neo4j launcher on the copied store, the configured deadlines, migrate, the parse worker, the
 * search service started by search/start.ts over the copied index, createApp on a local port.
 * Only the demo-corpus seeding is left out (the graph is not empty).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../core/config.js';
import type { Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { closeParsePool, startParsePool } from '../../ingest/parse-pool.js';
import { modelPaths } from '../../search/model-setup.js';
import { disposeEmbedder } from '../../search/embedder.js';
import { startSearch } from '../../search/start.js';
import { createApp, type AppDeps } from '../../server/app.js';
import { startBenchNeo4j, type BenchNeo4j, type Neo4jMemory } from '../scale-graph/cache.js';

export interface RunningApp {
  base: string;
  db: Db;
  neo4j: BenchNeo4j;
  /** Seconds from nothing running to search ready. */
  startSeconds: number;
  stop(): Promise<void>;
}

/** `workDir` holds the copied store (`neo4j/`) and index (`index/`); the index is found there as <CACHE_DIR>/index. */
export async function startApp(workDir: string, token: string, memory?: Partial<Neo4jMemory>): Promise<RunningApp> {
  const t0 = performance.now();
  // The search service reads its index from <CACHE_DIR>/index and the model from MODEL_DIR.
  process.env.MODEL_DIR ??= modelPaths().modelDir;
  process.env.CACHE_DIR = workDir;
  const config = loadConfig({ ...process.env, API_TOKEN: token });
  const neo4j = await startBenchNeo4j(path.join(workDir, 'neo4j'), memory, {
    queryDeadlineMs: config.DB_QUERY_DEADLINE_MS,
    writeDeadlineMs: config.DB_WRITE_DEADLINE_MS,
  });
  let server: Server | undefined;
  try {
    await migrate(neo4j.db);
    startParsePool();
    const search = await startSearch(neo4j.db);
    if (!search) throw new Error('the search service did not start (see the log above)');
    const deps: AppDeps = { db: neo4j.db, config, search, webDir: path.join(workDir, 'no-web') };
    server = createApp(deps).listen(0, '127.0.0.1');
    await once(server, 'listening');
  } catch (err) {
    server?.close();
    await closeParsePool();
    await neo4j.stop();
    throw err;
  }
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db: neo4j.db,
    neo4j,
    startSeconds: (performance.now() - t0) / 1000,
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await closeParsePool();
      await disposeEmbedder();
      await neo4j.stop();
    },
  };
}
