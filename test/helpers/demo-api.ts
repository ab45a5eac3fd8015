/**
 * What an API test file on the demo corpus starts with: a migrated connection, the corpus ingested
 * (plus whatever `seed` adds), the real app on a free port; all closed after the file's tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, type Db } from '../../graph-store/db.js';
import { ingestDemoCorpus } from './demo-corpus.js';
import { openTestDb } from './test-db.js';
import { TestServer } from './test-server.js';

export interface DemoApi {
  db: Db;
  server: TestServer;
  get: TestServer['get'];
}

export async function useDemoApi(opts: { seed?: (db: Db) => Promise<void> } = {}): Promise<DemoApi> {
  logger.level = 'error';
  const db = await openTestDb();
  const server = new TestServer();
  beforeAll(async () => {
    await ingestDemoCorpus(db);
    await opts.seed?.(db);
    await server.start({ db, config: loadConfig({ ...process.env, API_TOKEN: 'test-token' }), webDir: '/nonexistent' });
  }, 300_000);
  afterAll(async () => {
    server.stop();
    await closeDb(db);
  });
  return { db, server, get: server.get };
}
