import type { Config } from '../core/config.js';
import { logger } from '../core/logger.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from './local-neo4j.js';
import { closeDb, openDb, type Db } from './db.js';
import { supervise, type SupervisedNeo4j } from './local-supervisor.js';
import { migrate } from './migrate.js';

export interface Connection {
  db: Db;
  /** Where the database came from: NEO4J_URI, a local one already running, or one started now. */
  source: 'configured' | 'local-running' | 'local-started';
  /** The local Neo4j this process started and restarts when it dies (local-started only). */
  local?: SupervisedNeo4j;
  close(): Promise<void>;
}

async function answers(db: Db): Promise<boolean> {
  try {
    await db.driver.verifyConnectivity({ database: db.database });
    return true;
  } catch {
    return false;
  }
}

/**
 * The database every command uses: the one NEO4J_URI names; else a local one already serving the
 * project's data folder (started by `npm start`); else a local Neo4j started now and stopped on close.
 */
export async function connect(config: Config): Promise<Connection> {
  const dbOpts = {
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryDeadlineMs: config.DB_QUERY_DEADLINE_MS,
    writeDeadlineMs: config.DB_WRITE_DEADLINE_MS,
  };
  if (config.NEO4J_URI) {
    const db = openDb({ uri: config.NEO4J_URI, ...dbOpts });
    await db.driver.verifyConnectivity({ database: db.database });
    await migrate(db);
    return { db, source: 'configured', close: () => closeDb(db) };
  }
  const localUri = `bolt://127.0.0.1:${config.LOCAL_NEO4J_PORT}`;
  const running = openDb({ uri: localUri, ...dbOpts });
  if (await answers(running)) {
    await migrate(running);
    return { db: running, source: 'local-running', close: () => closeDb(running) };
  }
  await closeDb(running);
  await checkPrerequisites();
  await ensureLauncherBuilt({ onProgress: (msg) => logger.info(msg) });
  logger.info({ port: config.LOCAL_NEO4J_PORT }, 'starting local Neo4j');
  const start = () => startLocalNeo4j({ port: config.LOCAL_NEO4J_PORT, dataDir: `${config.DATA_DIR}/neo4j` });
  const local = supervise(await start(), start);
  const db = openDb({ uri: local.current().uri, ...dbOpts });
  await migrate(db);
  return {
    db,
    source: 'local-started',
    local,
    close: async () => {
      await closeDb(db);
      await local.stop();
    },
  };
}
