/**
 * The local Neo4j that `npm start` (or any command) started is started again when its process
 * dies (kill -9): same port, same data, the same driver answers again without a restart of ours.
 * On a database of its own: the shared test database must stay up.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { connect, type Connection } from '../../graph-store/connect.js';
import { readQuery } from '../../graph-store/db.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { REPO_ROOT } from '../../core/paths.js';
import { freePort } from '../../graph-store/local-neo4j.js';
import { syntheticRecord } from '../helpers/synthetic-record.js';

logger.level = 'silent';

const dataDir = join(REPO_ROOT, '.cache', `test-restart-${process.pid}`);
let connection: Connection | undefined;

afterAll(async () => {
  await connection?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const documents = async (c: Connection) =>
  (await readQuery<{ n: number }>(c.db, 'MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN count(d) AS n'))[0]!.n;

/**
 * Whether the connection reads one document within two minutes. A read retries: a database just
 * (re)started on a busy machine can miss the 4 s read deadline while it warms up.
 */
async function answersWithOneDocument(c: Connection): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    try {
      if ((await documents(c)) === 1) return true;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
}

describe('a local Neo4j that dies', () => {
  it('is started again on the same port and data, and the same connection answers', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_NEO4J_PORT: String(await freePort()), DATA_DIR: dataDir };
    delete env.NEO4J_URI;
    connection = await connect(loadConfig(env));
    expect(connection.source).toBe('local-started');
    await upsertDocument(connection.db, syntheticRecord({ number: '12/KH-UBND', tasks: 2 }));
    expect(await answersWithOneDocument(connection)).toBe(true);

    const killed = connection.local!.current();
    process.kill(killed.pid, 'SIGKILL');
    await killed.exited;

    expect(await answersWithOneDocument(connection)).toBe(true);
    expect(connection.local!.restarts()).toBe(1);
    expect(connection.local!.current().pid).not.toBe(killed.pid);
    expect(connection.local!.current().port).toBe(killed.port);
  }, 360_000);
});
