/**
 * `npx tsx bench/ingest-embedding.ts [--items 2000] [--rounds 2] [--variants alone,before,now]`:
 * the ingest path's embedding throughput against this machine's ceiling, side by side in one run
 * (issue 13, item 4: "ingest embedding throughput ≥ 0.8 × the measured ceiling").
 *
 *  1. the ceiling: the best float32 matmul of the encoder's shapes with all cores
 *     (bench/search-scale/flops.ts), measured before and after the passes (the better counts:
 *     neighbours only ever slow it down), turned into texts/s for these texts as
 *     bench/search-scale/throughput.ts does (token lengths, runs of 16, padding included); for an
 *     int8 embedder also the integer GEMM's (uint8 · int8, the same shapes), its own arithmetic;
 *  2. `alone`: the embedder by itself in this thread on the same texts, batch 16;
 *  3. the ingest path: `--items` real-length task texts (clauses of data/corpus recombined as
 *     bench/search-scale/corpus.ts does) written to a throwaway Neo4j without vectors, then
 *     syncSearchIndex timed end to end with the shipped embedder (worker thread): `before` is the
 *     sync as it was (batches of 32, each written before the next is embedded), `now` the
 *     shipped defaults, `now:<n>` the shipped sync with batches of n.
 *
 * The passes turn about from round to round so every variant sees the same neighbours; each row
 * says how many cores other work used meanwhile. Figures of a real run: bench/README.md.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { REPO_ROOT } from '../core/paths.js';
import { readQuery, type Db } from '../graph-store/db.js';
import { DEFAULT_EMBED_BATCH } from '../search/embed-missing.js';
import { disposeEmbedder, Embedder } from '../search/embedder.js';
import { ensureModel, modelPaths } from '../search/model-setup.js';
import { lazyEmbedder } from '../search/open.js';
import { describeMachine, loadavg } from './ingest-scale/machine.js';
import { f, log } from './ingest-scale/report.js';
import { accounting, ceilingTextsPerSecond, CEILING_RUN, syncPaddedTokens } from './ingest-embedding/ceiling.js';
import { vectorsByText, writeItems } from './ingest-embedding/graph.js';
import { runsTable, summaryTable } from './ingest-embedding/report.js';
import { runAlone, runSync, type Run, type Variant } from './ingest-embedding/runs.js';
import { clauses, sourceItems, synthesize } from './search-scale/corpus.js';
import { machineMatmul } from './search-scale/flops.js';
import { benchNeo4j, undoStack } from './undo-stack.js';

const SEED = 13;
const undo = undoStack("stopping Neo4j, removing the bench's data");

function variant(spec: string): Variant {
  if (spec === 'alone') return { name: spec, sync: null };
  if (spec === 'before') return { name: spec, sync: { batchSize: 32, embedAhead: 0 } };
  if (spec === 'now') return { name: spec, sync: {} };
  const m = /^now:(\d+)$/.exec(spec);
  if (m && Number(m[1]) > 0) return { name: spec, sync: { batchSize: Number(m[1]) } };
  throw new InvalidArgumentError(`unknown variant "${spec}" (alone, before, now, now:<batch>)`);
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
};

const program = new Command()
  .option('--items <n>', 'task texts embedded per pass', positive, 2000)
  .option('--rounds <n>', 'passes per variant, turn about', positive, 2)
  .option('--variants <list>', 'alone, before, now, now:<batch>', (v) => v.split(',').map(variant), ['alone', 'before', 'now'].map(variant))
  .parse();
const opts = program.opts<{ items: number; rounds: number; variants: Variant[] }>();

/** `n` distinct task texts of real length, the same for a given seed. */
function benchTexts(n: number): string[] {
  const pool = [...new Set(sourceItems(path.join(REPO_ROOT, 'data/corpus')).flatMap((i) => clauses(i.text)))];
  return synthesize(pool, n, SEED).map((t) => t.text);
}

async function main(): Promise<void> {
  const benchDir = path.join(modelPaths().cacheDir, 'bench');
  await mkdir(benchDir, { recursive: true });
  const work = await mkdtemp(path.join(benchDir, 'ingest-embedding-'));
  undo.push(`remove ${work}`, () => rm(work, { recursive: true, force: true }));
  const { local, db } = await benchNeo4j(work, undo);
  undo.push('stop the embedders', () => disposeEmbedder());
  const pids = () => [local.pid];
  const [version] = await readQuery<{ v: string }>(db, "CALL dbms.components() YIELD name, versions RETURN name + ' ' + versions[0] AS v");
  const machine = await describeMachine(version?.v ?? 'Neo4j');
  log(`# Ingest embedding throughput against the machine's ceiling`);
  log(`${new Date().toISOString()} · ${machine.cpu}, ${machine.cores} cores, ${f(machine.ramGiB, 0)} GiB · Node ${machine.node} · ${machine.neo4j}`);
  log(`load average at the start ${machine.loadAtStart}\n`);

  const texts = benchTexts(opts.items);
  await writeItems(db, texts);
  const embedder = await Embedder.load({ modelDir: await ensureModel() });
  undo.push('dispose the in-thread embedder', () => embedder.dispose());
  const tokens = (await embedder.tokenizeAll(texts, 'passage')).map((ids) => ids.length);
  const acc = accounting(tokens);
  log(`${texts.length} task texts (data/corpus clauses, seed ${SEED}), ${embedder.dtype}: ${f(acc.meanTokens)} tokens a text, ${f(acc.meanPaddedTokens)} padded in runs of ${CEILING_RUN} (the ceiling's order)`);
  for (const v of opts.variants.filter((x) => x.sync)) {
    const call = v.sync!.batchSize ?? DEFAULT_EMBED_BATCH;
    log(`${v.name}: calls of ${call} shortest first by characters, ${f(syncPaddedTokens(texts, tokens, call))} tokens a text padded`);
  }
  await embedder.embedPassages(texts.slice(0, 32), { batchSize: 16 }); // warm-up, this thread
  await lazyEmbedder.embedPassages(texts.slice(0, 32), { batchSize: 16 }); // the worker's model loaded

  const integer = embedder.dtype === 'int8';
  const matmulBefore = await machineMatmul();
  const integerBefore = integer ? await machineMatmul('int8') : null;
  const { runs, alone } = await passes(db, embedder, texts, work, pids);
  const matmulAfter = await machineMatmul();
  const integerAfter = integer ? await machineMatmul('int8') : null;
  const gflops = Math.max(matmulBefore.bestAllCores, matmulAfter.bestAllCores);
  const ceiling = ceilingTextsPerSecond(gflops, acc);
  log(`\nmatmul, best float32 with ${os.availableParallelism()} threads: ${f(matmulBefore.bestAllCores, 0)} GFLOP/s before the passes, ${f(matmulAfter.bestAllCores, 0)} after`);
  log(`ceiling at ${f(gflops, 0)} GFLOP/s: **${f(ceiling)} texts/s**`);
  let integerCeiling: number | undefined;
  if (integerBefore && integerAfter) {
    const gops = Math.max(integerBefore.bestAllCores, integerAfter.bestAllCores);
    integerCeiling = ceilingTextsPerSecond(gops, acc);
    log(`integer GEMM (uint8 · int8), best with ${os.availableParallelism()} threads: ${f(integerBefore.bestAllCores, 0)} GOP/s before, ${f(integerAfter.bestAllCores, 0)} after`);
    log(`int8 ceiling at ${f(gops, 0)} GOP/s: **${f(integerCeiling)} texts/s**`);
  }
  log('');
  log(runsTable(runs, ceiling));
  log('');
  log(summaryTable(runs, ceiling, opts.variants.map((v) => v.name), integerCeiling));
  if (alone) await checkParity(db, texts, alone);
  log(`\nload average at the end ${loadavg()}`);
}

/** Every variant once a round, in an order turned by one each round. */
async function passes(db: Db, embedder: Embedder, texts: string[], work: string, pids: () => number[]): Promise<{ runs: Run[]; alone: Float32Array[] | null }> {
  const runs: Run[] = [];
  let alone: Float32Array[] | null = null;
  for (let round = 0; round < opts.rounds; round++) {
    const k = round % opts.variants.length;
    for (const v of [...opts.variants.slice(k), ...opts.variants.slice(0, k)]) {
      if (v.sync) runs.push(await runSync(db, v, work, texts.length, round, pids));
      else {
        const r = await runAlone(embedder, texts, round, pids);
        runs.push(r.run);
        alone = r.vectors;
      }
      const last = runs[runs.length - 1]!;
      console.error(`round ${round + 1} ${last.variant}: ${f(last.texts / last.seconds)} texts/s (other work ${f(last.window.otherCores, 2)} cores)`);
    }
  }
  return { runs, alone };
}

/** The vectors the sync wrote are the embedder's for the same texts (batching changes the last digits only). */
async function checkParity(db: Db, texts: string[], alone: Float32Array[]): Promise<void> {
  const stored = await vectorsByText(db);
  let min = 1;
  texts.forEach((t, i) => {
    const v = stored.get(t);
    const a = alone[i]!;
    const cos = v ? v.reduce((s, x, d) => s + x * a[d]!, 0) : 0;
    min = Math.min(min, cos);
  });
  log(`\nthe sync's vectors against the embedder alone: ${stored.size} of ${texts.length} texts, lowest cosine ${min.toFixed(5)}`);
  if (stored.size < texts.length || min < 0.999) {
    console.error(`the sync wrote vectors unlike the embedder's (or none) for some texts`);
    process.exitCode = 1;
  }
}

main()
  .catch((err: unknown) => {
    if (!undo.interrupted) console.error(err);
    process.exitCode = 1;
  })
  .finally(() => undo.cleanup());
