/**
 * Neo4j frozen, then stopped, mid-run: on a database of its own (the shared test database must stay up), the
 * app answers 503 with Retry-After, quickly and without a stack trace, while the database is down,
 * and 200 again once it is back on the same port and data, without being restarted.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import type { Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { REPO_ROOT } from '../../core/paths.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../graph-store/local-neo4j.js';
import { createApp } from '../../server/app.js';
import { syntheticRecord } from '../helpers/synthetic-record.js';

logger.level = 'silent';

const dataDir = join(REPO_ROOT, '.cache', `test-outage-neo4j-${process.pid}`);
let neo: LocalNeo4j | undefined;
let db: Db;
let server: Server;
let base = '';

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  neo = await startLocalNeo4j({ port: 0, dataDir });
  // Short time-outs and retries: a stopped database is reported in about a second, not after the
  // driver's default 30 s connection time-out and retries.
  const driver = neo4j.driver(neo.uri, undefined, {
    disableLosslessIntegers: true,
    connectionTimeout: 2_000,
    connectionAcquisitionTimeout: 3_000,
    maxTransactionRetryTime: 1_000,
  });
  const config = loadConfig(process.env);
  db = { driver, database: 'neo4j', queryDeadlineMs: config.DB_QUERY_DEADLINE_MS, writeDeadlineMs: config.DB_WRITE_DEADLINE_MS };
  await migrate(db);
  await upsertDocument(db, syntheticRecord({ number: '7/KH-UBND', tasks: 3 }));
  server = createApp({ db, config: loadConfig(process.env), webDir: '/nonexistent' }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await db?.driver.close();
  await neo?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function timed(path: string) {
  const started = Date.now();
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text, body: JSON.parse(text) as any, ms: Date.now() - started };
}

const ENDPOINTS = ['/health', '/api/documents', '/api/lineage?id=vn%2Ftinh-thu%2Fubnd%2Fkh%2F7%2F2024', '/api/audit/summary', '/api/provinces'];

describe('Neo4j frozen mid-run (SIGSTOP)', () => {
  it('answers 503 with Retry-After within 5 s on every endpoint, and 200 again after SIGCONT', async () => {
    const before = await timed('/api/documents?stub=false');
    expect(before.status).toBe(200);
    // Warm the pool: the frozen database then holds open connections, which never answer.
    for (const path of ENDPOINTS) expect((await timed(path)).status, path).toBe(200);

    process.kill(neo!.pid, 'SIGSTOP');
    try {
      const frozen = await Promise.all(ENDPOINTS.map((path) => timed(path)));
      for (const [i, r] of frozen.entries()) {
        expect(r.status, ENDPOINTS[i]).toBe(503);
        expect(Number(r.retryAfter), ENDPOINTS[i]).toBeGreaterThan(0);
        expect(r.ms, `${ENDPOINTS[i]} took ${r.ms} ms`).toBeLessThan(5_000);
        expect(r.text, ENDPOINTS[i]).not.toMatch(/\bat \w+ \(|node_modules|Neo4jError|127\.0\.0\.1|ECONN/);
      }
      // And again while still frozen: the held connections do not make later requests wait longer.
      const again = await timed('/api/documents');
      expect(again.status).toBe(503);
      expect(again.ms).toBeLessThan(5_000);
    } finally {
      process.kill(neo!.pid, 'SIGCONT');
    }

    let health = await timed('/health');
    for (let i = 0; i < 30 && health.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await timed('/health');
    }
    expect(health.status).toBe(200);
    for (const path of ENDPOINTS) expect((await timed(path)).status, path).toBe(200);
    expect((await timed('/api/documents?stub=false')).body).toEqual(before.body);
  }, 120_000);
});

describe('Neo4j stopped mid-run', () => {
  it('answers 503 with Retry-After while the database is down and recovers without a restart', async () => {
    const up = await timed('/health');
    expect(up.status).toBe(200);
    expect(up.body.database).toMatchObject({ status: 'up', documents: 1 });
    const before = await timed('/api/documents?stub=false');
    expect(before.status).toBe(200);
    expect(before.body.total).toBe(1);

    const port = neo!.port;
    await neo!.stop();

    for (const path of ['/health', '/api/documents', '/api/lineage?id=vn%2Ftinh-thu%2Fubnd%2Fkh%2F7%2F2024', '/api/audit/summary']) {
      const down = await timed(path);
      expect(down.status, path).toBe(503);
      expect(Number(down.retryAfter), path).toBeGreaterThan(0);
      expect(down.ms, `${path} took ${down.ms} ms`).toBeLessThan(5_000);
      expect(down.text, path).not.toMatch(/\bat \w+ \(|node_modules|Neo4jError/);
    }
    expect((await timed('/api/documents')).body).toEqual({ error: 'the database is unreachable; try again shortly' });
    expect((await timed('/health')).body).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    // Validation does not need the database: a bad request is still a 400.
    expect((await timed('/api/documents?limit=0')).status).toBe(400);

    neo = await startLocalNeo4j({ port, dataDir });
    // The driver reconnects by itself: the same app, with the same driver, answers again.
    let health = await timed('/health');
    for (let i = 0; i < 30 && health.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await timed('/health');
    }
    expect(health.status).toBe(200);
    const after = await timed('/api/documents?stub=false');
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  }, 180_000);
});
