/**
 * `npx tsx bench/review-reads.ts [--reviews 300] [--runs 5]`: what counting reviewed links costs
 * the audit reads on the national-scale graph (bench/scale-graph.ts, taken from its cache; run
 * that first). On a copy of the cached store (the cache stays as written):
 *
 * 1. 69-KL/TW's heatmap cells as they were read before reviews (the linker's edges alone; the
 *    query is kept here as it was) beside directiveHeatmap, which applies reviews
 *    (graph-store/effective-links.ts), with no review in the graph;
 * 2. `--reviews` decisions written through recordReview (the API's path): proposals of 69-KL/TW's
 *    busiest items rejected and confirmed, links added; then the heatmap, the busiest cell's
 *    evidence and the review queue again.
 *
 * Prints per read the median and max of `--runs` runs (after one warm-up), and the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { logger } from '../core/logger.js';
import { cellEvidence, directiveHeatmap, unimplementedDirectives } from '../graph-store/audit-reads.js';
import { readQuery } from '../graph-store/db.js';
import { migrate } from '../graph-store/migrate.js';
import { recordReview } from '../graph-store/reviews.js';
import { reviewQueue } from '../server/queries/reviews.js';
import { scaleCache, startBenchNeo4j } from './scale-graph/cache.js';
import { DEFAULT_SCALE } from './scale-graph/plans.js';

const KL69 = 'vn/tw/kl/69/2024';

/** The heatmap's cells before reviews, as graph-store/audit-reads.ts read them. */
const CELLS_BEFORE = `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Directive)
  WITH i ORDER BY i.ordinal, i.lineStart
  RETURN i.id AS id, COLLECT { MATCH (t:Task)-[:IMPLEMENTS]->(i) WHERE t.province IS NOT NULL
                               WITH t.province AS province, count(t) AS tasks RETURN { province: province, tasks: tasks } } AS cells`;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

const show = (name: string, t: { median: number; max: number }) =>
  console.log(`${name.padEnd(44)} median ${t.median.toFixed(0).padStart(6)} ms   max ${t.max.toFixed(0).padStart(6)} ms`);

async function main(opts: { reviews: number; runs: number }): Promise<void> {
  logger.level = 'error';
  const cache = scaleCache(DEFAULT_SCALE);
  if (!fs.existsSync(cache.graphFile)) throw new Error(`no scale graph at ${cache.dir}: run npx tsx bench/scale-graph.ts first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'review-reads-'));
  const neo = await (async () => {
    fs.cpSync(cache.store, path.join(work, 'neo4j'), { recursive: true });
    return startBenchNeo4j(path.join(work, 'neo4j'));
  })();
  try {
    const { db } = neo;
    await migrate(db);
    const [size] = await readQuery<{ items: number; links: number }>(db, 'MATCH (i:Item) WITH count(i) AS items MATCH (:Task)-[r:IMPLEMENTS]->() RETURN items, count(r) AS links');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`graph: ${size!.items} items, ${size!.links} task → directive links; ${opts.runs} runs after a warm-up`);

    show('heatmap cells, linker edges only (before)', await timed(opts.runs, () => readQuery(db, CELLS_BEFORE, { id: KL69 })));
    show('heatmap with reviews, 0 reviews', await timed(opts.runs, () => directiveHeatmap(db, KL69)));
    show('unimplemented items of 69-KL/TW, 0 reviews', await timed(opts.runs, () => unimplementedDirectives(db, { documentId: KL69 })));

    // The busiest items' proposals, and tasks of the same plans for links to add.
    const links = await readQuery<{ taskId: string; directiveId: string; province: string }>(
      db,
      `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Directive)<-[:IMPLEMENTS]-(t:Task)
       RETURN t.id AS taskId, i.id AS directiveId, t.province AS province ORDER BY t.id LIMIT $n`,
      { id: KL69, n: neo4j.int(opts.reviews) },
    );
    const directives = [...new Set(links.map((l) => l.directiveId))];
    const t0 = performance.now();
    for (const [k, l] of links.entries()) {
      const decision = k % 3 === 0 ? 'reject' : k % 3 === 1 ? 'confirm' : 'add';
      const directiveId = decision === 'add' ? directives[(directives.indexOf(l.directiveId) + 1) % directives.length]! : l.directiveId;
      await recordReview(db, { taskId: l.taskId, directiveId, decision, reviewer: 'bench', comment: null, at: new Date().toISOString() });
    }
    console.log(`${links.length} reviews written one at a time: ${((performance.now() - t0) / links.length).toFixed(1)} ms each`);

    show(`heatmap with reviews, ${links.length} reviews`, await timed(opts.runs, () => directiveHeatmap(db, KL69)));
    const [busiest] = await readQuery<{ id: string; province: string; n: number }>(
      db,
      `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Directive)<-[:IMPLEMENTS]-(t:Task)
       RETURN i.id AS id, t.province AS province, count(t) AS n ORDER BY n DESC LIMIT 1`,
      { id: KL69 },
    );
    show(`cell evidence, busiest cell (${busiest!.n} tasks)`, await timed(opts.runs, () => cellEvidence(db, busiest!.id, busiest!.province)));
    show('review queue of 69-KL/TW (limit 50)', await timed(opts.runs, () => reviewQueue(db, KL69, 50)));
    show('unimplemented items of 69-KL/TW, all provinces', await timed(opts.runs, () => unimplementedDirectives(db, { documentId: KL69 })));
  } finally {
    await neo.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

new Command()
  .description('cost of reviewed links in the audit reads on the scale graph')
  .option('--reviews <n>', 'decisions to write', (v) => Number(v), 300)
  .option('--runs <n>', 'timed runs per read', (v) => Number(v), 5)
  .action(async (opts) => {
    await main(opts);
  })
  .parseAsync()
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
