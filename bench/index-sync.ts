/**
 * `npx tsx bench/index-sync.ts [--sizes 10000,100000] [--rounds 6]`: how long an upload takes to
 * become searchable by meaning when the graph already holds 10k and 100k items, with the sync as it
 * was (every item compared, the whole index rewritten) and as it is (the uploaded document's items
 * compared, the change appended to the index journal), side by side in one run, turn about.
 *
 * The background items are synthetic tasks written by the real graph store; their vectors are
 * random unit-length ones written straight into Neo4j (embedding 100k texts would take half an
 * hour, and the sync's cost does not depend on what the vectors mean). Each upload is a real plan
 * of 40 task lines from data/corpus and data/wild, parsed and written by the ingest path and embedded by the real
 * model; it counts as searchable when a query for one of its tasks finds that task in the index.
 */
import { statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { EMBEDDING_DIMENSIONS } from '../graph-schema/index.js';
import { closeDb, openDb, readQuery, type Db } from '../graph-store/db.js';
import { migrate } from '../graph-store/migrate.js';
import { upsertDocument } from '../graph-store/upsert-document.js';
import { closeParsePool } from '../ingest/parse-pool.js';
import { ingestBytes } from '../ingest/pipeline.js';
import { REPO_ROOT } from '../core/paths.js';
import { startLocalNeo4j } from '../graph-store/local-neo4j.js';
import { disposeEmbedder, embedQuery } from '../search/embedder.js';
import { VectorIndex } from '../search/index-store.js';
import { lazyEmbedder } from '../search/open.js';
import { syncSearchIndex } from '../search/sync.js';
import { clearGraph } from '../test/helpers/graph-counts.js';
import { syntheticRecord } from '../test/helpers/synthetic-record.js';

const ITEMS_PER_DOCUMENT = 1_000;
const UPLOAD_TASKS = 40;

type Variant = 'before' | 'now';

interface Round {
  variant: Variant;
  /** Upload start to the new task found by a vector search. */
  totalMs: number;
  ingestMs: number;
  syncMs: number;
  embedded: number;
  /** Bytes the save wrote: the whole index, or the journal's growth. */
  bytesWritten: number;
}

const program = new Command()
  .option('--sizes <list>', 'background items, comma-separated', '10000,100000')
  .option('--rounds <n>', 'uploads per variant and size', '6')
  .parse();
const opts = program.opts<{ sizes: string; rounds: string }>();

async function main(): Promise<void> {
  const sizes = opts.sizes.split(',').map(Number);
  const rounds = Number(opts.rounds);
  console.log(`# Upload → searchable by meaning (${cpus().length} cores, ${cpus()[0]?.model ?? ''}, ${new Date().toISOString().slice(0, 10)})\n`);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-index-sync-'));
  const local = process.env.NEO4J_URI ? null : await startLocalNeo4j({ port: 0, dataDir });
  const db = openDb({ uri: process.env.NEO4J_URI ?? local!.uri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  const taskLines = await realTaskLines();
  try {
    await migrate(db);
    await embedQuery('khởi động'); // the model loaded before anything is timed
    for (const size of sizes) await measureSize(db, size, rounds, taskLines);
  } finally {
    await disposeEmbedder();
    await closeParsePool();
    await closeDb(db);
    await local?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureSize(db: Db, size: number, rounds: number, taskLines: string[]): Promise<void> {
  await clearGraph(db);
  let t = performance.now();
  for (let d = 0; d < size / ITEMS_PER_DOCUMENT; d++) {
    await upsertDocument(db, syntheticRecord({ number: `${d + 1}/KH-UBND`, tasks: ITEMS_PER_DOCUMENT }));
  }
  await randomVectors(db);
  console.log(`## ${size.toLocaleString('en')} items in the graph (written in ${seconds(t)})`);
  const indexDir = await mkdtemp(join(tmpdir(), 'bench-index-'));
  const index = VectorIndex.empty(indexDir, EMBEDDING_DIMENSIONS);
  t = performance.now();
  await syncSearchIndex(db, index, lazyEmbedder);
  console.log(`index built from the graph in ${seconds(t)}; snapshot ${(fileSize(VectorIndex.files(indexDir).index) / 2 ** 20).toFixed(1)} MiB\n`);

  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    // Turn about, so both variants see the same load on the machine.
    const order: Variant[] = r % 2 === 0 ? ['before', 'now'] : ['now', 'before'];
    for (const variant of order) {
      const serial = 9000 + results.length;
      const from = (serial * 7) % (taskLines.length - UPLOAD_TASKS);
      results.push(await uploadRound(db, index, variant, serial, taskLines.slice(from, from + UPLOAD_TASKS)));
    }
  }
  printRounds(results);
  await rm(indexDir, { recursive: true, force: true });
}

async function uploadRound(db: Db, index: VectorIndex, variant: Variant, serial: number, tasks: string[]): Promise<Round> {
  const text = [
    'ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH',
    `Số: ${serial}/KH-UBND`,
    'Thái Bình, ngày 03 tháng 02 năm 2025',
    'KẾ HOẠCH',
    'Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
    'I. NHIỆM VỤ',
    ...tasks.map((line, k) => `${k + 1}. ${line}`),
  ].join('\n');
  const { journal, index: snapshot } = VectorIndex.files(index.dir);
  const journalBefore = fileSize(journal);
  const started = performance.now();
  const outcome = await ingestBytes(db, Buffer.from(text), `bench-${serial}.txt`, { maxBytes: 5_000_000 });
  if (outcome.status !== 'ingested') throw new Error(`upload ${serial}: ${outcome.status}`);
  const ingested = performance.now();
  const result = await syncSearchIndex(db, index, lazyEmbedder, variant === 'now' ? { documents: [outcome.documentId] } : {});
  if (variant === 'before') index.save('snapshot');
  const synced = performance.now();
  const probe = tasks[tasks.length - 1]!;
  const [target] = await readQuery<{ id: string }>(db, 'MATCH (i:Item {documentId: $d}) WHERE i.text STARTS WITH $t RETURN i.id AS id', {
    d: outcome.documentId,
    t: probe.slice(0, 40),
  });
  const found = index.search(await embedQuery(probe), 5).some((h) => h.id === target?.id);
  if (!found) throw new Error(`upload ${serial} (${variant}): its task is not found by a vector search`);
  return {
    variant,
    totalMs: performance.now() - started,
    ingestMs: ingested - started,
    syncMs: synced - ingested,
    embedded: result.embedded,
    bytesWritten: variant === 'before' ? fileSize(snapshot) : fileSize(journal) - journalBefore,
  };
}

function printRounds(rounds: Round[]): void {
  const rows = (['before', 'now'] as const).map((variant) => {
    const rs = rounds.filter((r) => r.variant === variant);
    const med = (f: (r: Round) => number) => median(rs.map(f));
    return { variant, total: med((r) => r.totalMs), max: Math.max(...rs.map((r) => r.totalMs)), ingest: med((r) => r.ingestMs), sync: med((r) => r.syncMs), bytes: med((r) => r.bytesWritten), embedded: med((r) => r.embedded) };
  });
  console.log('| sync | uploads | upload → searchable, median (max) | of which ingest | sync + save | written per save | items embedded |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const label = r.variant === 'before' ? 'every item compared, whole index saved (before)' : "the document's items compared, journal appended (now)";
    console.log(`| ${label} | ${rounds.length / 2} | ${ms(r.total)} (${ms(r.max)}) | ${ms(r.ingest)} | ${ms(r.sync)} | ${(r.bytes / 2 ** 20).toFixed(2)} MiB | ${r.embedded} |`);
  }
  console.log(`\nsync + save, before / now: ${(rows[0]!.sync / rows[1]!.sync).toFixed(1)}×\n`);
}

/** Random unit vectors for every item without one, in Neo4j's own batches. */
async function randomVectors(db: Db): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.run(
      `MATCH (i:Item) WHERE i.embedding IS NULL
       CALL (i) {
         WITH i, [x IN range(1, $dim) | rand() - 0.5] AS v
         WITH i, v, sqrt(reduce(s = 0.0, x IN v | s + x * x)) AS norm
         SET i.embedding = [x IN v | x / norm]
       } IN TRANSACTIONS OF 5000 ROWS`,
      { dim: EMBEDDING_DIMENSIONS },
    );
  } finally {
    await session.close();
  }
}

/** Task-like lines ("- …" bullets) of the demo corpus and the real portal documents. */
async function realTaskLines(): Promise<string[]> {
  const lines = new Set<string>();
  for (const dir of ['data/corpus', 'data/wild/docs'].map((d) => join(REPO_ROOT, d))) {
    for (const f of (await readdir(dir)).filter((n) => /\.(?:txt|md)$/.test(n)).sort()) {
      for (const l of (await readFile(join(dir, f), 'utf8')).split('\n')) {
        const t = l.trim();
        if (/^[-+] \p{Lu}/u.test(t) && t.length > 60 && t.length < 600) lines.add(t.slice(2));
      }
    }
  }
  if (lines.size < 2 * UPLOAD_TASKS) throw new Error(`only ${lines.size} task lines found`);
  return [...lines];
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

await main();
