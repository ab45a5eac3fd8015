import type { Server } from 'node:http';
import { loadConfig } from '../core/config.js';
import { logger } from '../core/logger.js';
import { connect, type Connection } from '../graph-store/connect.js';
import { createApp, type AppDeps } from '../server/app.js';
import { warmUpDefaultView } from '../server/warm-up.js';
import { seedDemoCorpus } from './seed-demo.js';
import { startSearch } from '../search/start.js';
import { syncSearchAfterWrite } from '../search/after-write.js';
import { closeParsePool, startParsePool } from '../ingest/parse-pool.js';

/**
 * `npm start`: the whole product on one machine. Starts (or finds) the database, loads the demo
 * corpus into an empty graph, serves API and UI, and on Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let connection: Connection;
  try {
    connection = await connect(config);
  } catch (err) {
    console.error(`\nCannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  logger.info({ source: connection.source }, 'database ready');
  await seedDemoCorpus(connection.db, config);

  startParsePool();
  const deps: AppDeps = { db: connection.db, config };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // The home page's answers read once before the address is given: seconds on a national graph
  // (21–29 s on 2 cores shared twenty ways, bench/README.md), the first visitor's wait otherwise.
  const local = ['0.0.0.0', '::', ''].includes(config.HOST) ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const warmMs = await warmUpDefaultView(`http://${local}:${port}`);
  logger.info({ ms: Math.round(warmMs) }, 'default view warmed');
  console.log(`\nPolicy-lineage graph is running at http://${config.HOST}:${port}/  (Ctrl-C to stop)\n`);
  // Search answers 503 until its model and index are ready; the rest of the API serves meanwhile.
  void startSearch(connection.db).then(async (service) => {
    if (!service) return;
    deps.search = service;
    // Uploads and deletes that arrived while the index was being built had nothing to sync.
    await syncSearchAfterWrite(service, 'writes during start-up');
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close();
    server.closeAllConnections();
    await closeParsePool();
    await connection.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
