/**
 * `npx tsx bench/hostile-uploads.ts [--count 2000] [--seed 20261206] [--at-once 8]`: the hostile
 * uploads of test/stack/api-hostile.test.ts at full size (issue 10, item 7).
 *
 * On a throwaway Neo4j (data under <CACHE_DIR>/bench/, removed at the end, Ctrl-C included;
 * NEO4J_URI is ignored on purpose: the bench empties the graph), with the demo corpus ingested,
 * the real app (createApp) on a local port takes `count` hostile uploads from
 * test/helpers/hostile-inputs.ts, `at-once` at a time, with the bearer token; no more start in a
 * minute than the server's write limit lets through, so its answers are the ingest's and not 429s.
 *
 * Prints per category: uploads, statuses, p50/p99/max latency, 5xx, answers over 10 s; the graph's
 * counts before and after; every answer or graph change that breaks a done-when condition. Exits 1
 * if any does: a 5xx, an answer that is not JSON with a reason or an upload result, one over 10 s,
 * one showing a stack or a path, a document, 69-KL/TW item or link into one lost, or a document that
 * appeared without an upload answering 201. Figures of a real run: bench/README.md.
 */
import { benchNeo4j, undoStack } from './undo-stack.js';
import fs from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../core/config.js';
import { logger } from '../core/logger.js';
import { REPO_ROOT } from '../core/paths.js';
import { readQuery } from '../graph-store/db.js';
import { discoverFiles } from '../ingest/discover-files.js';
import { closeParsePool } from '../ingest/parse-pool.js';
import { ingestFiles } from '../ingest/pipeline.js';
import { modelPaths } from '../search/model-setup.js';
import { createApp } from '../server/app.js';
import { WRITES_PER_MINUTE } from '../server/http/security.js';
import { clearGraph, graphCounts } from '../test/helpers/graph-counts.js';
import { ANSWER_CONDITIONS, answerProblems, graphProblems, ingestedIds, snapshotGraph } from '../test/helpers/hostile-checks.js';
import { hostileCases } from '../test/helpers/hostile-inputs.js';
import { sendHostile, warmUp } from '../test/helpers/hostile-send.js';
import { categoryTable, countsTable } from './hostile-uploads/report.js';
import { cpuWindow, describeMachine } from './ingest-scale/machine.js';
import { f, log } from './ingest-scale/report.js';
import { gitState } from './ingest-scale/source-state.js';

const undo = undoStack('stopping the server and Neo4j, removing the bench\'s data');

interface Opts {
  count: number;
  seed: number;
  atOnce: number;
}

async function main(opts: Opts): Promise<boolean> {
  // The app logs every request; only its warnings and errors (a 500's stack) belong in the figures.
  logger.level = 'warn';
  const work = path.join(modelPaths().cacheDir, 'bench', `hostile-uploads-${process.pid}-${Date.now()}`);
  fs.mkdirSync(work, { recursive: true });
  undo.push(`remove ${work}`, () => fs.rmSync(work, { recursive: true, force: true }));

  const { local, db } = await benchNeo4j(work, undo);
  undo.push('stop the parse workers', () => closeParsePool());
  await clearGraph(db);
  const corpus = await ingestFiles(db, await discoverFiles([path.join(REPO_ROOT, 'data/corpus')]), { maxBytes: 5 * 1024 * 1024 });
  if (corpus.some((o) => o.status === 'failed')) throw new Error(`the demo corpus did not ingest: ${JSON.stringify(corpus.filter((o) => o.status === 'failed'))}`);

  const token = `hostile-${process.pid}`;
  const server: Server = createApp({ db, config: loadConfig({ ...process.env, API_TOKEN: token }), webDir: '/nonexistent' }).listen(0, '127.0.0.1');
  undo.push('stop the server', () => (server.closeAllConnections(), server.close()));
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const version = await readQuery<{ v: string }>(db, "CALL dbms.components() YIELD name, versions RETURN name + ' ' + versions[0] AS v");
  const machine = await describeMachine(version[0]?.v ?? 'Neo4j');
  const git = await gitState();
  log(`# hostile-uploads: ${opts.count} hostile uploads, ${opts.atOnce} at a time, seed ${opts.seed}`);
  log(`${new Date().toISOString()} · ${machine.cpu}, ${machine.cores} cores, ${f(machine.ramGiB, 0)} GiB · Node ${machine.node} · ${machine.neo4j}`);
  log(`code: ${git.commit}${git.dirty.length > 0 ? ` with uncommitted changes to ${git.dirty.join(', ')}` : ', no uncommitted changes to the product'}`);
  log(`load average ${machine.loadAtStart} · demo corpus ingested (${corpus.length} files) · app on ${base}\n`);

  const countsBefore = await graphCounts(db);
  const before = await snapshotGraph(db);
  const generating = performance.now();
  const cases = hostileCases(opts.seed, opts.count);
  log(`${cases.length} cases generated in ${f((performance.now() - generating) / 1000)} s, ${f(cases.reduce((a, c) => a + c.body.length, 0) / 1e6)} MB in all`);

  await warmUp(base, token);
  const closeWindow = cpuWindow(() => [local.pid]);
  const started = performance.now();
  const answers = await sendHostile(cases, {
    base,
    token,
    concurrency: opts.atOnce,
    perMinute: WRITES_PER_MINUTE - 10,
    onAnswer: (_a, done) => {
      if (done % 100 === 0 || done === cases.length) console.error(`${done}/${cases.length} answered, ${f((performance.now() - started) / 1000)} s`);
    },
  });
  const window = closeWindow();
  const seconds = (performance.now() - started) / 1000;
  log(
    `sent in ${f(seconds)} s (${f(cases.length / seconds, 2)} uploads/s): ${f(window.selfCpu)} CPU s in Node (server, parse worker, client), ` +
      `${f(window.watchedCpu)} in Neo4j, other work on the machine ${f(window.otherCores, 2)} cores on average, load average at the end ${window.loadEnd}\n`,
  );

  log('## Answers per category\n');
  log(categoryTable(answers));

  const countsAfter = await graphCounts(db);
  const ingested = ingestedIds(answers);
  const created = [...ingested].filter((id) => !before.documents.has(id));
  log(`\n## The graph before and after (demo corpus; ${ingested.size} documents written by uploads answered 201, ${created.length} of them new)\n`);
  log(countsTable(countsBefore, countsAfter));
  const after = await snapshotGraph(db);
  log(
    `\n69-KL/TW: ${before.kl69Items.size} items and ${before.linksIntoKl69.size} task links into them before; ` +
      `${after.kl69Items.size} items and ${after.linksIntoKl69.size} links after (${[...before.linksIntoKl69].filter((l) => after.linksIntoKl69.has(l)).length} of the first still there)`,
  );

  const answerFailures = answers.flatMap((a) => answerProblems(a).map((p) => ({ ...p, what: `${a.case.name}: ${p.what}` })));
  const graphFailures = graphProblems(before, after, ingested);
  log(`\n## Done-when conditions\n`);
  const conditions: [string, boolean][] = [
    ...ANSWER_CONDITIONS.map((c): [string, boolean] => [c, answerFailures.every((p) => p.condition !== c)]),
    ['nothing lost (documents, 69-KL/TW items, links into them); new documents only from uploads answered 201', graphFailures.length === 0],
  ];
  for (const [what, ok] of conditions) log(`- ${ok ? 'yes' : '**NO**'}: ${what}`);
  const failures = [...answerFailures.map((p) => p.what), ...graphFailures];
  if (failures.length > 0) {
    log(`\n${failures.length} failures${failures.length > 40 ? ' (the first 40)' : ''}:`);
    for (const line of failures.slice(0, 40)) log(`- ${line}`);
  }
  return conditions.every(([, ok]) => ok);
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
};

const program = new Command('hostile-uploads')
  .description('hostile uploads against the real app and a throwaway Neo4j holding the demo corpus')
  .option('--count <n>', 'uploads to send', positiveInt, 2000)
  .option('--seed <n>', 'seed of the hostile cases', positiveInt, 20261206)
  .option('--at-once <n>', 'uploads in flight at a time', positiveInt, 8);

program.action(async (opts: Opts) => {
  try {
    if (!(await main(opts))) process.exitCode = 1;
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await undo.cleanup();
  }
  // Nothing should be left running; if a handle lingers (a driver socket), do not hang on it.
  setTimeout(() => process.exit(), 5_000).unref();
});

await program.parseAsync();
