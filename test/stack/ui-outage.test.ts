/**
 * The database going away under an open page: the UI shows the 503 state (with Retry-After's
 * countdown, and the header says the database is down) and recovers by itself once Neo4j answers
 * again. The app talks to the test database through a TCP proxy this test can cut and restore.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createServer, connect, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import type { Db } from '../../graph-store/db.js';
import { WEB_DIST } from '../../scripts/build-web.js';
import { createApp } from '../../server/app.js';
import { testNeo4jAuth, testNeo4jUri } from '../setup/neo4j-uri.js';
import { type Browser, eventually, graphNodes, graphSettled, launchBrowser, screenshot } from '../helpers/ui-browser.js';
import { startUiStack, type UiStack } from '../helpers/ui-stack.js';

/** A TCP proxy to Neo4j's Bolt port that can be switched off (every connection dropped) and on. */
class BoltProxy {
  up = true;
  private readonly sockets = new Set<Socket>();
  readonly server: NetServer;
  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }
  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }
  down(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }
  close(): void {
    this.down();
    this.server.close();
  }
}

let stack: UiStack;
let proxy: BoltProxy;
let db: Db;
let app: Server;
let base = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startUiStack(); // ingests the corpus and builds the UI
  const target = new URL(testNeo4jUri());
  proxy = new BoltProxy({ host: target.hostname, port: Number(target.port) });
  const port = await proxy.listen();
  const { user, password } = testNeo4jAuth();
  // Short time-outs, as in production: a dead database is reported in about a second.
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic(user, password), {
    disableLosslessIntegers: true,
    connectionTimeout: 2_000,
    connectionAcquisitionTimeout: 3_000,
    maxTransactionRetryTime: 1_000,
  });
  const config = loadConfig(process.env);
  db = { driver, database: 'neo4j', queryDeadlineMs: config.DB_QUERY_DEADLINE_MS, writeDeadlineMs: config.DB_WRITE_DEADLINE_MS };
  app = createApp({ db, config: loadConfig(process.env), webDir: WEB_DIST }).listen(0, '127.0.0.1');
  await once(app, 'listening');
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.page({ width: 1280, height: 800 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  app?.closeAllConnections();
  app?.close();
  await db?.driver.close();
  proxy?.close();
  await stack?.close();
});

describe('database outage', () => {
  it('shows the 503 state with a countdown while Neo4j is down, then recovers on its own', async () => {
    await page.goto(`${base}/`);
    await graphSettled(page);
    expect((await graphNodes(page)).length).toBeGreaterThan(2);

    proxy.down();
    await page.goto(`${base}/#/audit`);
    await page.reload();
    const state = page.locator('.state-unavailable').first();
    await state.waitFor({ timeout: 20_000 });
    const text = await state.innerText();
    expect(text).toContain('Cơ sở dữ liệu tạm thời không truy cập được');
    expect(text).toMatch(/Tự động thử lại sau \d+ giây/);
    await eventually(() => page.locator('#health').innerText(), 10_000).toBe('CSDL mất kết nối');
    await screenshot(page, 'outage-database-down-1280x800');

    proxy.up = true;
    // No click: the countdown retries, the heatmap comes back; the header follows.
    await page.locator('#heatmap table.heatmap').waitFor({ timeout: 30_000 });
    await eventually(() => page.locator('#health').innerText(), 15_000).toBe('CSDL sẵn sàng');
    await screenshot(page, 'outage-recovered-1280x800');
  }, 120_000);

  it('shows it on the lineage graph too, and retries there', async () => {
    proxy.down();
    await page.goto(`${base}/#/lineage`);
    await page.reload();
    await page.locator('.graph-overlay .state-unavailable').waitFor({ timeout: 20_000 });
    proxy.up = true;
    await page.locator('.graph-overlay').waitFor({ state: 'hidden', timeout: 30_000 });
    await graphSettled(page);
    expect((await graphNodes(page)).map((n) => n.id)).toContain('vn/tw/kl/69/2024');
  }, 120_000);
});
