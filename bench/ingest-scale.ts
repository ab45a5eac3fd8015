/**
 * `npx tsx bench/ingest-scale.ts`: real documents at corpus scale, in one run, against the
 * ceilings of this machine.
 *
 * On a throwaway Neo4j (data under <CACHE_DIR>/bench/, removed at the end, Ctrl-C included;
 * NEO4J_URI is ignored on purpose: the bench empties the graph between its two passes):
 *
 *  1. the command users run, `npm run --silent ingest -- data/wild/docs data/pdf-scans`, first
 *     (so that it runs the same code as the bench on a working tree others edit): exit code,
 *     summary line, wall time, the graph it leaves; then the graph is emptied;
 *  2. OCR ceiling: tesseract alone with the product's settings on the scans' pages rendered
 *     beforehand, one process per core (before and after the real OCR) and one process alone;
 *  3. the real ingest of data/wild/docs (68 documents) and data/pdf-scans (8 scans) through
 *     `ingestFiles` (ingest/pipeline.ts), timed from its own events: parse of the text documents
 *     (documents/s), OCR of the scans (pages/s), writes to Neo4j (documents/s); failures split
 *     into refusals (SourceError, ParseError) and crashes (anything else, with the stack);
 *  4. embedding ceilings on the very item texts the ingest wrote: the embedder alone, batched as
 *     the sync batches (before and after the sync), and the arithmetic ceiling at this machine's
 *     matmul speed;
 *  5. the search index sync as `npm run ingest` runs it (items embedded/s);
 *  6. the CLI's counts and graph against the bench's pass.
 *
 * Wall-clock rates on a shared machine move with the neighbours' load (each row says how many
 * cores other work used meanwhile); the per-CPU-second rows hardly do.
 * Prints one table, measured / ceiling side by side, and writes the figures as JSON to
 * bench/results/ (git-ignored). Figures of a real run: bench/README.md.
 */
import { benchNeo4j, undoStack } from './undo-stack.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../core/config.js';
import { REPO_ROOT } from '../core/paths.js';
import { readQuery } from '../graph-store/db.js';
import { itemsWithoutEmbedding } from '../graph-store/search-reads.js';
import { discoverFiles } from '../ingest/discover-files.js';
import { DEFAULT_OCR } from '../ingest/extract/ocr-page.js';
import { modelPaths } from '../search/model-setup.js';
import { disposeEmbedder, getEmbedder } from '../search/embedder.js';
import { clearGraph, graphCounts } from '../test/helpers/graph-counts.js';
import { killCli, runCli, type CliResult } from './ingest-scale/cli-check.js';
import { arithmeticCeiling, practicalCeiling } from './ingest-scale/embed-ceiling.js';
import { cpuWindow, describeMachine, loadavg, type Window } from './ingest-scale/machine.js';
import { pagesToOcr, perDocumentRounds, renderPages, tesseractRun } from './ingest-scale/ocr-ceiling.js';
import { f, log, markdownTable, rateTable, type RateRow } from './ingest-scale/report.js';
import { changedFiles, gitState, sourceState } from './ingest-scale/source-state.js';
import { byKind, timedIngest, timedSync } from './ingest-scale/timed-ingest.js';

const DOCS = 'data/wild/docs';
const SCANS = 'data/pdf-scans';
/** The embedding ceiling runs every 4th of the sync's calls, before and after the sync. */
const CEILING_STRIDE = 4;

// ------------------------------------------------------------------------------- cleanup ----

const undo = undoStack('stopping the CLI and Neo4j, removing the bench\'s data');

// ---------------------------------------------------------------------------------- main ----

interface Opts {
  cli: boolean;
  budgetMinutes: number;
}

async function main(opts: Opts): Promise<void> {
  const started = performance.now();
  const sourceAtStart = sourceState();
  const git = await gitState();
  const cores = os.availableParallelism();
  const config = loadConfig();
  const { cacheDir, modelDir } = modelPaths();
  const work = path.join(cacheDir, 'bench', `ingest-scale-${process.pid}-${Date.now()}`);
  fs.mkdirSync(work, { recursive: true });
  undo.push(`remove ${work}`, () => fs.rmSync(work, { recursive: true, force: true }));

  const budget = setTimeout(() => {
    console.error(`ingest-scale: over the budget of ${opts.budgetMinutes} min; stopping`);
    void undo.cleanup().finally(() => process.exit(3));
  }, opts.budgetMinutes * 60_000);
  budget.unref();

  // --- Neo4j ---------------------------------------------------------------------------------
  const t0 = performance.now();
  const { local, db } = await benchNeo4j(work, undo);
  const neo4jStart = (performance.now() - t0) / 1000;
  const pids = () => [local.pid];
  const version = await readQuery<{ v: string }>(db, "CALL dbms.components() YIELD name, versions RETURN name + ' ' + versions[0] AS v");
  const machine = await describeMachine(version[0]?.v ?? 'Neo4j');
  log(`# ingest-scale: real documents at corpus scale`);
  log(`${new Date().toISOString()} · ${machine.cpu}, ${machine.cores} cores, ${f(machine.ramGiB, 0)} GiB · Node ${machine.node} · ${machine.tesseract} · ${machine.poppler} · ${machine.neo4j}`);
  log(`code: ${git.commit}${git.dirty.length > 0 ? ` with uncommitted changes to ${git.dirty.join(', ')}` : ', no uncommitted changes to the product'}`);
  log(`load average ${machine.loadAtStart} · Neo4j on ${local.uri} (data in ${path.relative(REPO_ROOT, work)}) up in ${f(neo4jStart)} s`);
  log(`OCR settings: ${DEFAULT_OCR.dpi} dpi, psm ${DEFAULT_OCR.psm}, ${DEFAULT_OCR.gray ? 'gray' : 'colour'}, ${DEFAULT_OCR.lang}, OMP_THREAD_LIMIT=1, ${cores} processes\n`);

  const files = await discoverFiles([path.join(REPO_ROOT, DOCS), path.join(REPO_ROOT, SCANS)]);
  const pdfs = files.filter((p) => p.toLowerCase().endsWith('.pdf'));

  // --- 1. the command users run --------------------------------------------------------------
  // First, so that it and the bench load the same code: others may be editing the working tree.
  let cli: CliResult | null = null;
  let cliGraph: Record<string, number> | null = null;
  let changedSources: string[] = [];
  let cliWindow: Window | null = null;
  if (opts.cli) {
    log(`## 1. npm run --silent ingest -- ${DOCS} ${SCANS}`);
    undo.push('stop the CLI', () => killCli());
    changedSources = changedFiles(sourceAtStart, sourceState());
    const closeWindow = cpuWindow(pids);
    cli = await runCli(
      [DOCS, SCANS],
      // Its own index directory (CACHE_DIR), the shipped model (MODEL_DIR), the bench's database.
      { ...process.env, NEO4J_URI: local.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', NEO4J_DATABASE: 'neo4j', CACHE_DIR: path.join(work, 'cli-cache'), MODEL_DIR: modelDir },
      Math.max(60_000, opts.budgetMinutes * 60_000 - (performance.now() - started)),
    );
    cliWindow = closeWindow();
    cliGraph = await graphCounts(db);
    log(`exit ${cli.code ?? cli.signal} after ${f(cli.seconds)} s (other work ${f(cliWindow.otherCores, 2)} cores) · ${cli.summary?.line ?? 'no summary line'} · ${cli.indexLine ?? 'no "search index: …" line'}`);
    log(`graph emptied for the bench's own pass (compared at the end)\n`);
    await clearGraph(db);
  }

  // --- 2. OCR ceiling -------------------------------------------------------------------------
  log(`## 2. OCR ceiling: tesseract alone on pre-rendered pages`);
  const scan = await pagesToOcr(pdfs);
  const imageDir = path.join(work, 'pages');
  fs.mkdirSync(imageDir);
  const rendered = await renderPages(scan.pages, imageDir, cores, pids);
  log(`${scan.pages.length} pages of ${pdfs.length} PDFs need OCR; rendered with pdftoppm in ${f(rendered.seconds)} s (${f(scan.pages.length / rendered.seconds, 2)} pages/s, ${f(rendered.window.childCpu / scan.pages.length, 2)} CPU s/page)`);
  const single = await tesseractRun(rendered.images, 1, pids);
  log(`one process:  ${f(single.pagesPerSecond, 3)} pages/s, ${f(single.cpuPerPage, 2)} CPU s/page, ${f(single.seconds)} s (other work ${f(single.window.otherCores, 2)} cores)`);
  const flatBefore = await tesseractRun(rendered.images, cores, pids);
  log(`${cores} processes: ${f(flatBefore.pagesPerSecond, 3)} pages/s, ${f(flatBefore.cpuPerPage, 2)} CPU s/page, ${f(flatBefore.seconds)} s (other work ${f(flatBefore.window.otherCores, 2)} cores); again after the ingest`);
  const rounds = perDocumentRounds([...scan.perFile.values()], cores);
  log(`the product reads one PDF at a time, ${cores} pages at once: ${rounds.perDocument} rounds of pages against ${rounds.flat} for one queue of all pages (at best ${f(rounds.flat / rounds.perDocument, 2)} of the ceiling)\n`);

  // --- 3. the real ingest ---------------------------------------------------------------------
  log(`## 3. Ingest of ${DOCS} and ${SCANS} (ingestFiles, as npm run ingest)`);
  const run = await timedIngest(db, files, config.MAX_UPLOAD_BYTES, pids);
  const kinds = byKind(run);
  const ok = run.outcomes.filter((o) => o.status !== 'failed');
  const sum = (k: 'documents' | 'items' | 'tasks') => ok.reduce((a, o) => a + ('counts' in o ? o.counts[k] : 0), 0);
  const crashes = run.failures.filter((x) => x.kind === 'crash');
  const refused = run.failures.filter((x) => x.kind === 'refused');
  log(`${files.length} files: ${ok.length} ingested, ${refused.length} refused, ${crashes.length} crashed`);
  log(`parse: ${kinds.text.count} text documents in ${f(kinds.text.seconds)} s; ${kinds.pdf.count} PDFs in ${f(kinds.pdf.seconds)} s (${kinds.pdfPages.pages} pages read in ${f(kinds.pdfPages.seconds)} s)`);
  for (const t of run.files.filter((x) => x.pdf)) {
    log(`  ${path.basename(t.file)}: ${t.pages} pages, read in ${f(t.pageSeconds)} s (${f(t.pageSeconds / Math.max(1, t.pages), 2)} s/page), parsed ${f(t.parseSeconds - t.pageSeconds, 2)} s`);
  }
  log(
    `write: ${run.written} documents in ${f(run.writeSeconds)} s (linking and upserts, one transaction each): ` +
      `${f(run.writeWindow.selfCpu)} CPU s in Node (linking, driver), ${f(run.writeWindow.watchedCpu)} CPU s in Neo4j, other work ${f(run.writeWindow.otherCores, 2)} cores`,
  );
  for (const x of refused) log(`  refused ${path.relative(REPO_ROOT, x.file)} (${x.what}): ${x.reason}`);
  for (const x of crashes) log(`  CRASH ${path.relative(REPO_ROOT, x.file)} (${x.phase}, ${x.what}): ${x.reason}${x.stack ? `\n${x.stack}` : ''}`);
  const afterIngest = await graphCounts(db);
  const stubs = (await readQuery<{ n: number }>(db, 'MATCH (d:Document) WHERE d.stub = true RETURN count(d) AS n'))[0]?.n ?? 0;
  log(`graph: ${afterIngest[':Document'] ?? 0} documents (${stubs} of them cited only), ${afterIngest[':Item'] ?? 0} items, ${afterIngest[':Task'] ?? 0} tasks, ${afterIngest[':Agency'] ?? 0} agencies`);
  const flatAfter = await tesseractRun(rendered.images, cores, pids);
  fs.rmSync(imageDir, { recursive: true, force: true });
  const flat = {
    // A ceiling is the best the machine gave: other people's work only ever slows a run down.
    pagesPerSecond: Math.max(flatBefore.pagesPerSecond, flatAfter.pagesPerSecond),
    cpuPerPage: Math.min(flatBefore.cpuPerPage, flatAfter.cpuPerPage),
    otherCores: (flatBefore.pagesPerSecond >= flatAfter.pagesPerSecond ? flatBefore : flatAfter).window.otherCores,
  };
  log(
    `OCR ceiling again, ${cores} processes: ${f(flatAfter.pagesPerSecond, 3)} pages/s, ${f(flatAfter.cpuPerPage, 2)} CPU s/page (other work ${f(flatAfter.window.otherCores, 2)} cores); ` +
      `the better of the two ${f(flat.pagesPerSecond, 3)} pages/s\n`,
  );

  // --- 4. embedding ceilings ------------------------------------------------------------------
  log(`## 4. Embedding ceilings on the ${afterIngest[':Item'] ?? 0} item texts just written`);
  const texts = (await itemsWithoutEmbedding(db)).map((t) => t.text);
  const tl = performance.now();
  const embedder = await getEmbedder('passage');
  undo.push('release the embedder', () => disposeEmbedder());
  const modelLoad = (performance.now() - tl) / 1000;
  log(`model ${path.relative(REPO_ROOT, embedder.modelDir)} (${embedder.dtype}) loaded in ${f(modelLoad, 2)} s`);
  const before = await practicalCeiling(embedder, texts, pids, CEILING_STRIDE);
  log(`embedder alone, every ${CEILING_STRIDE}th of sync's calls (${before.texts} texts): ${f(before.textsPerSecond, 1)} texts/s (${f(before.seconds)} s; other work ${f(before.window.otherCores, 2)} cores); again after the sync`);
  const arith = await arithmeticCeiling(embedder, texts);
  log(
    `arithmetic: ${f(arith.meanTokens, 1)} tokens a text (${f(arith.meanPaddedTokens, 1)} padded), ${f(arith.flops / 1e12, 2)} TFLOP in all; ` +
      `float32 matmul ${f(arith.matmulGflops, 0)} GFLOP/s on ${cores} threads → ${f(arith.textsPerSecond, 1)} texts/s\n`,
  );

  // --- 5. search index sync -------------------------------------------------------------------
  log(`## 5. Search index sync (openSearch, as npm run ingest)`);
  const synced = await timedSync(db, path.join(work, 'index'), embedder, pids);
  log(
    `${synced.sync.embedded} items embedded in ${f(synced.embedPhaseSeconds)} s (${f(synced.embedderSeconds)} s in the embedder, ` +
      `${f(synced.embedPhaseSeconds - synced.embedderSeconds)} s reading and writing vectors); index ${synced.sync.added} added in ${f(synced.indexPhaseSeconds)} s; whole sync ${f(synced.seconds)} s\n`,
  );
  const afterSync = await graphCounts(db);
  const after = await practicalCeiling(embedder, texts, pids, CEILING_STRIDE);
  const practical = {
    textsPerSecond: Math.max(before.textsPerSecond, after.textsPerSecond),
    otherCores: (before.textsPerSecond >= after.textsPerSecond ? before : after).window.otherCores,
    perCpuSecond: Math.max(...[before, after].map((c) => c.texts / (c.window.selfCpu + c.window.watchedCpu))),
  };
  log(`embedding ceiling again: ${f(after.textsPerSecond, 1)} texts/s (other work ${f(after.window.otherCores, 2)} cores); the better of the two ${f(practical.textsPerSecond, 1)} texts/s\n`);

  // --- 6. the CLI against the bench ----------------------------------------------------------
  const cliChecks: { check: string; ok: boolean; detail: string; codeChanged?: boolean }[] = [];
  if (cli && cliGraph) {
    log(`## 6. npm run ingest against the bench's pass`);
    const changed = changedSources;
    const check = (name: string, okay: boolean, detail: string) => cliChecks.push({ check: name, ok: okay, detail });
    // Counts depend on the parser: when its code changed between the passes they may rightly differ.
    const countCheck = (name: string, okay: boolean, detail: string) => cliChecks.push({ check: name, ok: okay, detail, codeChanged: !okay && changed.length > 0 });
    check('exit code 0', cli.code === 0, `exit ${cli.code ?? cli.signal}`);
    check('summary line', cli.summary !== null, cli.summary?.line ?? 'no "76 files: 76 ingested, 0 failed; … tasks, … items." line');
    check(
      'files: of, ingested or unchanged, failed',
      cli.summary?.of === files.length && cli.summary.ok === ok.length && cli.summary.failed === run.failures.length,
      `CLI ${cli.summary?.of} / ${cli.summary?.ok} / ${cli.summary?.failed}, bench ${files.length} / ${ok.length} / ${run.failures.length}`,
    );
    if (cli.summary?.tasks != null) {
      countCheck('tasks, items in its summary line', cli.summary.tasks === sum('tasks') && cli.summary.items === sum('items'), `CLI ${cli.summary.tasks} / ${cli.summary.items}, bench ${sum('tasks')} / ${sum('items')}`);
    }
    countCheck('documents, items, tasks in its table', cli.table.documents === sum('documents') && cli.table.items === sum('items') && cli.table.tasks === sum('tasks'), `CLI ${cli.table.documents} / ${cli.table.items} / ${cli.table.tasks}, bench ${sum('documents')} / ${sum('items')} / ${sum('tasks')}`);
    const graph = cliGraph;
    const diff = Object.keys({ ...afterSync, ...graph }).filter((k) => afterSync[k] !== graph[k]);
    countCheck('graph: nodes per label, edges per type', diff.length === 0, diff.length === 0 ? `${graph[':Document']} documents, ${graph[':Item']} items, ${Object.keys(graph).length} labels and types equal` : diff.map((k) => `${k} CLI ${graph[k] ?? 0} bench ${afterSync[k] ?? 0}`).join(', '));
    countCheck('items embedded', cli.embedded === synced.sync.embedded, `${cli.indexLine ?? 'no "search index: …" line'} (bench ${synced.sync.embedded})`);
    const bars = cli.progressBars;
    check('progress bars on stderr', bars.parse || bars.write, `parse ${bars.parse ? 'yes' : 'no'}, pages ${bars.pages}, write ${bars.write ? 'yes' : 'no'}, embed ${bars.embed ? 'yes' : 'no'} (stderr is a pipe, not a terminal: the CLI prints its progress as lines)`);
    const m = cli.marks;
    const span = (a: number | null, b: number | null) => (a !== null && b !== null ? f(b - a) : '?');
    log(
      `wall time ${f(cli.seconds)} s, from its stderr: start and first file ${m.parse === null ? '?' : f(m.parse)} s, parse ${span(m.parse, m.write)} s, ` +
        `write ${m.write !== null && m.index !== null && m.syncSeconds !== null ? f(m.index - m.syncSeconds - m.write) : '?'} s, ` +
        `sync ${m.syncSeconds === null ? '?' : f(m.syncSeconds)} s (model load included), exit ${span(m.index, cli.seconds)} s; ` +
        `the bench: parse ${f(run.parseSeconds)} s, write ${f(run.writeSeconds)} s, sync ${f(synced.seconds)} s`,
    );
    if (changed.length > 0) {
      log(`NOTE: the product's code changed on disk between the bench's start and the CLI's, so counts may differ for that reason: ${changed.join(', ')}`);
    }
    log(markdownTable(['check', 'result', 'detail'], cliChecks.map((c) => [c.check, c.ok ? 'ok' : c.codeChanged ? 'differs (code changed)' : 'MISMATCH', c.detail])));
    for (const r of cli.failedRows) log(`  CLI: ${r}`);
    if (cli.code !== 0) log(`--- CLI stderr (last lines) ---\n${cli.stderr.trim().split('\n').slice(-20).join('\n')}`);
    const placeholders = cli.stderr.split('\n').filter((l) => l.includes('{phase}') || l.includes('{file}'));
    if (placeholders.length > 0) {
      log(`note: ${placeholders.length} page progress line(s) printed with an unfilled placeholder (cli/ingest-progress.ts in a pipe), e.g. "${placeholders[0]!.trim().replace(/[█░]+/, '…').slice(0, 70)}"`);
    }
    log('');
  }

  // --- summary --------------------------------------------------------------------------------
  const benchWall = run.parseSeconds + run.writeSeconds + synced.seconds;
  const rows: RateRow[] = [
    {
      stage: `parse ${kinds.text.count} text documents`,
      measured: kinds.text.count / kinds.text.seconds,
      unit: 'docs/s',
      ceiling: null,
      detail: `read, extract and parse, ${f(kinds.text.seconds)} s`,
      otherCores: kinds.text.window.otherCores,
    },
    {
      stage: `OCR ${kinds.pdfPages.pages} pages of ${kinds.pdfPages.count} scans`,
      measured: kinds.pdfPages.pages / kinds.pdfPages.seconds,
      unit: 'pages/s',
      ceiling: flat.pagesPerSecond,
      detail: `PDF start to last page (text layer, stamps, pdftoppm, tesseract), ${f(kinds.pdfPages.seconds)} s; ceiling: tesseract alone, ${cores} processes, the better of ${f(flatBefore.pagesPerSecond, 2)} before and ${f(flatAfter.pagesPerSecond, 2)} after (other work then ${f(flat.otherCores, 2)} cores)`,
      otherCores: kinds.pdfPages.window.otherCores,
    },
    {
      stage: 'OCR, per CPU-second',
      measured: kinds.pdfPages.pages / (kinds.pdfPages.window.childCpu + kinds.pdfPages.window.selfCpu),
      unit: 'pages/CPU-s',
      ceiling: 1 / flat.cpuPerPage,
      detail: `CPU of the bench and its children (pdftoppm, pdftotext, tesseract) against tesseract's own`,
      otherCores: null,
    },
    {
      stage: 'OCR, tesseract single process',
      measured: null,
      unit: 'pages/s',
      ceiling: single.pagesPerSecond,
      detail: `for reference: one core`,
      otherCores: single.window.otherCores,
    },
    {
      stage: `scanned PDFs, whole parse`,
      measured: kinds.pdf.count / kinds.pdf.seconds,
      unit: 'docs/s',
      ceiling: null,
      detail: `OCR and parser, ${f(kinds.pdf.seconds)} s`,
      otherCores: kinds.pdf.window.otherCores,
    },
    {
      stage: `write ${run.written} documents to Neo4j`,
      measured: run.written / run.writeSeconds,
      unit: 'docs/s',
      ceiling: null,
      detail: `task→directive linking and upsert, one transaction each, ${f(run.writeSeconds)} s`,
      otherCores: run.writeWindow.otherCores,
    },
    {
      stage: `embed ${synced.sync.embedded} items (sync)`,
      measured: synced.sync.embedded / synced.embedPhaseSeconds,
      unit: 'items/s',
      ceiling: practical.textsPerSecond,
      detail: `sync's embedding phase (embedder + vectors written to Neo4j), ${f(synced.embedPhaseSeconds)} s; ceiling: the embedder alone on the same batches, the better of ${f(before.textsPerSecond, 1)} before and ${f(after.textsPerSecond, 1)} after (other work then ${f(practical.otherCores, 2)} cores)`,
      otherCores: synced.embedWindow?.otherCores ?? null,
    },
    {
      stage: 'embed, per CPU-second',
      measured: synced.embedWindow ? synced.sync.embedded / (synced.embedWindow.selfCpu + synced.embedWindow.watchedCpu) : null,
      unit: 'items/CPU-s',
      ceiling: practical.perCpuSecond,
      detail: `CPU of the bench and Neo4j during the embedding phase, against the embedder's alone`,
      otherCores: null,
    },
    {
      stage: '  the embedder calls alone',
      measured: synced.sync.embedded / synced.embedderSeconds,
      unit: 'items/s',
      ceiling: practical.textsPerSecond,
      detail: `inside the sync, ${f(synced.embedderSeconds)} s`,
      otherCores: null,
    },
    {
      stage: '  against the arithmetic ceiling (context only)',
      measured: synced.sync.embedded / synced.embedPhaseSeconds,
      unit: 'items/s',
      ceiling: arith.textsPerSecond,
      detail: `e5-small FLOPs of these texts (padded) at ${f(arith.matmulGflops, 0)} GFLOP/s float32 matmul`,
      otherCores: null,
    },
    {
      stage: `whole ingest, ${files.length} files`,
      measured: files.length / benchWall,
      unit: 'docs/s',
      ceiling: null,
      detail: `parse + write + sync, ${f(benchWall)} s`,
      otherCores: null,
    },
  ];
  if (cli) {
    rows.push({
      stage: '`npm run ingest`, same files',
      measured: files.length / cli.seconds,
      unit: 'docs/s',
      ceiling: null,
      detail: `wall time ${f(cli.seconds)} s, Node start, model load and a cold Neo4j included; exit ${cli.code ?? cli.signal}`,
      otherCores: cliWindow?.otherCores ?? null,
    });
  }
  log(`## Summary`);
  log(rateTable(rows));
  log('');
  log(
    `within the run itself: ${f((100 * synced.embedderSeconds) / synced.embedPhaseSeconds, 0)} % of the sync's embedding phase is spent inside the embedder; ` +
      `OCR costs ${f((kinds.pdfPages.window.childCpu + kinds.pdfPages.window.selfCpu) / kinds.pdfPages.pages, 2)} CPU s a page in the pipeline against ${f(flat.cpuPerPage, 2)} for tesseract alone ` +
      `(pdftoppm ${f(rendered.window.childCpu / scan.pages.length, 2)}); one PDF at a time allows at most ${f(rounds.flat / rounds.perDocument, 2)} of the OCR ceiling`,
  );
  log('');
  log(
    `crashes: ${crashes.length}${crashes.map((c) => `\n  ${path.relative(REPO_ROOT, c.file)} (${c.phase}, ${c.what}): ${c.reason}`).join('')}` +
      `\nrefused: ${refused.length}${refused.map((c) => `\n  ${path.relative(REPO_ROOT, c.file)} (${c.what}): ${c.reason}`).join('')}`,
  );
  log(
    `files: ${files.length} (${files.length - pdfs.length} text, ${pdfs.length} PDF), ${ok.length} ingested; in their tables ${sum('documents')} documents (cited ones included), ` +
      `${sum('items')} items, ${sum('tasks')} tasks; graph ${afterSync[':Document'] ?? 0} documents (${stubs} cited only), ${afterSync[':Item'] ?? 0} items, ${afterSync[':Task'] ?? 0} tasks`,
  );
  if (cli) log(`CLI: ${cliChecks.filter((c) => c.ok).length} of ${cliChecks.length} checks ok, wall time ${f(cli.seconds)} s`);
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${f(machine.ramGiB, 0)} GiB, Node ${machine.node}, ${machine.tesseract}, ${machine.poppler}, ${machine.neo4j}`);
  log(`load average ${machine.loadAtStart} at start, ${loadavg()} at the end; bench ${f((performance.now() - started) / 60_000)} min`);

  const out = path.join(REPO_ROOT, 'bench/results', `ingest-scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const { stdout: _o, stderr: _e, ...cliFigures } = cli ?? { stdout: '', stderr: '' };
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        git,
        neo4jStart,
        ocr: { pages: scan.pages.length, perFile: Object.fromEntries(scan.perFile), rendered: { seconds: rendered.seconds, window: rendered.window }, single, flatBefore, flatAfter, flat, rounds },
        ingest: { files: run.files, parseSeconds: run.parseSeconds, writeSeconds: run.writeSeconds, written: run.written, failures: run.failures, kinds },
        graph: { afterIngest, afterSync, stubs },
        embedding: { modelLoad, before, after, practical, arith },
        sync: synced,
        cli: cli ? { ...cliFigures, window: cliWindow, checks: cliChecks, graph: cliGraph, changedSources } : null,
        rows,
      },
      null,
      1,
    ),
  );
  log(`figures as JSON: ${path.relative(REPO_ROOT, out)}`);
  if (crashes.length > 0 || cliChecks.some((c) => !c.ok && !c.codeChanged)) process.exitCode = 1;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
};

const program = new Command('ingest-scale')
  .description(`ingest ${DOCS} and ${SCANS} on a throwaway Neo4j, against the OCR and embedding ceilings of this machine`)
  .option('--no-cli', 'skip the run of `npm run ingest` on the same files')
  .option('--budget-minutes <n>', 'stop (cleanly) after this long', positiveInt, 45);

program.action(async (opts: Opts) => {
  try {
    await main(opts);
  } catch (err) {
    // After Ctrl-C the running step fails as its children die: that is not worth a stack.
    if (!undo.interrupted) console.error(err);
    process.exitCode = 1;
  } finally {
    await undo.cleanup();
  }
  // Nothing should be left running; if a handle lingers (a driver socket), do not hang on it.
  setTimeout(() => process.exit(), 5_000).unref();
});

await program.parseAsync();
