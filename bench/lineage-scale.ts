/**
 * `npx tsx bench/lineage-scale.ts [--plans 20-20] [--runs 40] [--clicks 5] [--no-browser] [--no-layouts] [--before-web <dir>]`:
 * issue 11's scale figures on the synthetic national graph (bench/scale-graph.ts; 63 provinces ×
 * 20 plans × 50 tasks by default, written through the real ingest and cached):
 *
 * 1. API: lineage of 69-KL/TW (depth 3) and its heatmap, p50/p95 — cold (nothing kept: the
 *    routes' own query functions, serialised) and kept (over HTTP while the graph is unchanged).
 *    Targets: lineage p95 ≤ 50 ms, heatmap p95 ≤ 100 ms.
 * 2. Chromium: the default view drawn (target ≤ 2 s), a click on a province group (≤ 300 ms),
 *    a click on its Tỉnh ủy plan (an API answer).
 * 3. Layouts: the view's tree layout against ELK layered, dagre and fCoSE on the large case
 *    (69-KL/TW, every province open), time and readability (bench/lineage-scale/layouts.ts).
 *
 * The app runs as `npm start` would (local Neo4j launcher, migrate, createApp with the built UI,
 * the default view warmed before it is used: server/warm-up.ts) on a copy of the cached store,
 * without the search service (neither view here needs it).
 *
 * `--before-web <dir>`: a UI built from an earlier commit (`vite build --outDir <dir>`) is served
 * by a second app on the same database, not warmed (as servers were before the warm-up), and
 * measured in the same run, after the current one (`--before-first`: before it), for ratios under
 * the same machine load.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { logger } from '../core/logger.js';
import { migrate } from '../graph-store/migrate.js';
import { WEB_DIST, ensureWebBuilt } from '../scripts/build-web.js';
import { createApp } from '../server/app.js';
import { apiFigures } from './lineage-scale/api.js';
import { browserTimings, type BrowserTimings } from './lineage-scale/browser.js';
import { logBrowser, logComparison } from './lineage-scale/report.js';
import { warmUpDefaultView } from '../server/warm-up.js';
import { largeCases } from './lineage-scale/large-case.js';
import { layoutNames, measureLayouts } from './lineage-scale/layouts.js';
import { copyStore, startBenchNeo4j } from './scale-graph/cache.js';
import { DEFAULT_SCALE } from './scale-graph/plans.js';
import { describeScaleGraph, ensureScaleGraph, positive, range } from './scale-graph.js';
import { loadavg } from './search-scale/stats.js';

const KL69 = 'vn/tw/kl/69/2024';
const log = (line: string) => console.log(line);
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Opts {
  plans: [number, number];
  runs: number;
  clicks: number;
  api: boolean;
  browser: boolean;
  layouts: boolean;
  beforeWeb?: string;
  beforeFirst?: boolean;
}

/** The app on `db` serving the UI in `webDir`, listening on a free port; resolves to its server and base URL. */
async function serve(db: Parameters<typeof createApp>[0]['db'], webDir: string): Promise<{ server: Server; base: string }> {
  const server = createApp({ db, config: loadConfig({ ...process.env, API_TOKEN: 'bench-lineage-token' }), webDir }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function browserFigures(base: string, o: Opts, db: Parameters<typeof createApp>[0]['db']): Promise<void> {
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  log(`\nChromium (headless, 1280×800), the lineage view served by the app; load ${load()}:`);
  if (!o.beforeWeb) return logBrowser(await browserTimings(base, o.clicks), log);
  const before = await serve(db, o.beforeWeb);
  const measureBefore = async () => {
    log(`\nThe UI of ${o.beforeWeb}, served by a second app on the same database, not warmed; load ${load()}:`);
    const b = await browserTimings(before.base, o.clicks);
    logBrowser(b, log);
    return b;
  };
  const measureAfter = async () => {
    log(`\nThe current UI; load ${load()}:`);
    const a = await browserTimings(base, o.clicks);
    logBrowser(a, log);
    return a;
  };
  try {
    // Whichever runs second finds the database's page cache warm.
    let a: BrowserTimings;
    let b: BrowserTimings;
    if (o.beforeFirst) {
      b = await measureBefore();
      a = await measureAfter();
    } else {
      a = await measureAfter();
      b = await measureBefore();
    }
    logComparison(b, a, log);
  } finally {
    before.server.closeAllConnections();
    before.server.close();
  }
}

async function main(o: Opts): Promise<void> {
  logger.level = 'warn';
  const graph = await ensureScaleGraph({ ...DEFAULT_SCALE, plansPerProvince: o.plans }, false, log);
  for (const line of describeScaleGraph(graph)) log(line);
  log(`machine: ${os.cpus()[0]?.model ?? '?'}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await ensureWebBuilt({ log });
  const workDir = path.join(graph.cache.dir, '..', `lineage-${process.pid}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  copyStore({ ...graph.cache, index: path.join(workDir, 'no-index') }, workDir);
  const neo4j = await startBenchNeo4j(path.join(workDir, 'neo4j'));
  let server: Server | undefined;
  try {
    await migrate(neo4j.db);
    const app = await serve(neo4j.db, WEB_DIST);
    server = app.server;
    const base = app.base;
    log(`default view warmed by the server in ${ms(await warmUpDefaultView(base))}`);

    if (o.api) log(`\nAPI, ${o.runs} requests each, one at a time, after one first request:`);
    for (const t of o.api ? await apiFigures(base, neo4j.db, KL69, o.runs) : []) {
      log(`  ${t.what.padEnd(64)} p50 ${ms(t.figures.p50).padStart(9)}  p95 ${ms(t.figures.p95).padStart(9)}  max ${ms(t.figures.max).padStart(9)}  ${(t.bytes / 1024).toFixed(0)} KB`);
    }

    if (o.browser) await browserFigures(base, o, neo4j.db);

    if (o.layouts) {
      const [all, withTasks] = await largeCases(base, KL69);
      log(`\nLayouts on the large case: ${all!.name} (${all!.nodes.length} nodes, ${all!.drawn.length} drawn edges):`);
      await measureLayouts(all!, log);
      // dagre and fCoSE took minutes on the first case (bench/README.md): the second is the view's and ELK's only.
      log(`\n${withTasks!.name} (${withTasks!.nodes.length} nodes, ${withTasks!.drawn.length} drawn edges):`);
      await measureLayouts(withTasks!, log, layoutNames.filter((n) => !/dagre|fcose/.test(n)));
    }
  } finally {
    server?.closeAllConnections();
    server?.close();
    await neo4j.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const program = new Command('lineage-scale')
  .description("Issue 11's scale figures: API p50/p95, the lineage view in Chromium, layouts on the large case")
  .option('--plans <n-m>', 'documents per province (bench/scale-graph.ts)', range, [20, 20] as [number, number])
  .option('--runs <n>', 'requests per API figure', positive, 40)
  .option('--clicks <n>', 'province groups clicked in Chromium', positive, 5)
  .option('--no-api', 'leave out the API figures')
  .option('--no-browser', 'leave out Chromium')
  .option('--no-layouts', 'leave out the layout comparison')
  .option('--before-first', 'with --before-web, measure the earlier UI first')
  .option('--before-web <dir>', 'also measure the UI built in <dir> (an earlier commit), served by a second app, for before/after ratios')
  .parse();
await main(program.opts<Opts>());
