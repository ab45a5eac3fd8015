/**
 * The real stack for the browser tests: the test run's Neo4j with the demo corpus ingested, the
 * UI built by Vite (only when web/dist is stale), and the real app (createApp) on a free port,
 * with writes enabled by a token of its own (API_TOKEN) so the upload page can be driven.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, type Db } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import { WEB_DIST, ensureWebBuilt } from '../../scripts/build-web.js';
import { createApp } from '../../server/app.js';
import type { AppDeps } from '../../server/deps.js';
import { clearGraph } from './graph-counts.js';
import { openTestDb } from './test-db.js';

/** The stack's write token; whatever API_TOKEN the developer's shell holds is not used. */
export const UI_API_TOKEN = 'ui-test-token-5d2e';

export interface UiStack {
  base: string;
  apiToken: string;
  db: Db;
  deps: AppDeps;
  close(): Promise<void>;
}

export async function startUiStack(): Promise<UiStack> {
  logger.level = 'error';
  const db = await openTestDb();
  await clearGraph(db);
  const files = await discoverFiles([join(REPO_ROOT, 'data/corpus')]);
  const outcomes = await ingestFiles(db, files, { maxBytes: 5 * 1024 * 1024 });
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) throw new Error(`corpus ingest failed: ${JSON.stringify(failed)}`);

  await ensureWebBuilt({ log: (m) => process.stderr.write(`[web] ${m}\n`) });

  const deps: AppDeps = { db, config: loadConfig({ ...process.env, API_TOKEN: UI_API_TOKEN }), webDir: WEB_DIST };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    apiToken: UI_API_TOKEN,
    db,
    deps,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb(db);
    },
  };
}
