import { Command, InvalidArgumentError } from 'commander';
import Table from 'cli-table3';
import { loadConfig } from '../core/config.js';
import { connect } from '../graph-store/connect.js';
import { discoverFiles } from '../ingest/discover-files.js';
import { parseFile } from '../ingest/parse-file.js';
import { countsOf, ingestFiles, type FileOutcome } from '../ingest/pipeline.js';
import { ingestProgress, shortName } from './ingest-progress.js';
import type { Db } from '../graph-store/db.js';
import { openSearch } from '../search/open.js';
import { syncProgressBar } from './sync-progress.js';
import { disposeEmbedder } from '../search/embedder.js';

const program = new Command('ingest')
  .description('Turn policy documents (text, Markdown, PDF with text or scanned, DOCX, HTML) into the lineage graph')
  .argument('<paths...>', 'files or folders to ingest')
  .option('--dry-run', 'parse only; do not touch the database')
  .option('--json', 'print the parsed documents as JSON (with --dry-run)')
  .option('--no-index', 'do not update the search index (embeddings) after writing')
  .option('--max-bytes <n>', 'refuse files larger than this', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number of bytes');
    return n;
  })
  .action(async (paths: string[], opts: { dryRun?: boolean; json?: boolean; maxBytes?: number; index: boolean }) => {
    const config = loadConfig();
    const maxBytes = opts.maxBytes ?? config.MAX_UPLOAD_BYTES;
    const files = await discoverFiles(paths);
    if (files.length === 0) {
      console.error('No documents found in the given paths (.txt, .md, .pdf, .docx, .html and .htm files are read).');
      process.exitCode = 1;
      return;
    }
    const outcomes = opts.dryRun ? await dryRun(files, maxBytes, Boolean(opts.json)) : await ingest(files, maxBytes, opts.index);
    if (!opts.json) printTable(outcomes);
    // Exit non-zero only when nothing could be ingested: a batch with some bad files still did its work.
    if (outcomes.every((o) => o.status === 'failed')) process.exitCode = 1;
  });

async function dryRun(files: string[], maxBytes: number, json: boolean): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const records = [];
  const progress = ingestProgress(files.length);
  for (const [i, file] of files.entries()) {
    const parsed = await parseFile(file, maxBytes, { onPage: (done, total) => progress.page({ file, done, total }) });
    progress.batch({ phase: 'parse', done: i + 1, total: files.length, file });
    if (!parsed.ok) {
      outcomes.push({ file, status: 'failed', error: parsed.error });
      continue;
    }
    records.push(parsed.record);
    const { record } = parsed;
    outcomes.push({ file, status: 'parsed', documentId: record.document.id, counts: countsOf(record), warnings: record.document.warnings });
  }
  progress.stop();
  if (json) {
    const failures = outcomes.filter((o) => o.status === 'failed');
    for (const f of failures) console.error(`${f.file}: ${'error' in f ? f.error : ''}`);
    console.log(JSON.stringify(records.length === 1 ? records[0] : records, null, 2));
  }
  return outcomes;
}

async function ingest(files: string[], maxBytes: number, index: boolean): Promise<FileOutcome[]> {
  const config = loadConfig();
  const progress = ingestProgress(files.length);
  const connection = await connect(config);
  try {
    const outcomes = await ingestFiles(connection.db, files, { maxBytes, onProgress: progress.batch, onPage: progress.page });
    progress.stop();
    if (index) await syncSearchIndex(connection.db);
    return outcomes;
  } finally {
    progress.stop();
    await connection.close();
  }
}

/**
 * Embeds the new and changed items and brings the search index in line with the graph. The
 * documents are written whatever happens here; a failure is reported and the next sync catches up.
 */
async function syncSearchIndex(db: Db): Promise<void> {
  const progress = syncProgressBar();
  try {
    const { sync } = await openSearch(db, {
      onProgress: progress.onProgress,
      onRebuild: (s) => console.error(`search index ${s.state === 'corrupt' ? `unusable (${s.reason})` : 'missing'}: rebuilding it from the graph`),
    });
    progress.stop();
    console.error(
      `search index: ${sync.embedded} items embedded, ${sync.added} added, ${sync.removed} removed, ` +
        `${sync.size} in the index (${(sync.ms / 1000).toFixed(1)} s)`,
    );
    if (sync.failed.length > 0) console.error(`search index: ${sync.failed.length} items could not be embedded and were left out: ${sync.failed.slice(0, 5).join(', ')}`);
  } catch (err) {
    progress.stop();
    console.error(`search index not updated (${(err as Error).message}); it is synced again at the next ingest or start`);
  } finally {
    await disposeEmbedder();
  }
}

function printTable(outcomes: FileOutcome[]): void {
  const table = new Table({
    head: ['file', 'status', 'documents', 'items', 'tasks', 'agencies', 'citations', 'links', 'warnings'],
  });
  for (const o of outcomes) {
    if (o.status === 'failed') table.push([shortName(o.file), { colSpan: 8, content: `FAILED: ${o.error}` }]);
    else {
      const c = o.counts;
      table.push([shortName(o.file), o.status, c.documents, c.items, c.tasks, c.agencies, c.citations, c.links, c.warnings]);
    }
  }
  console.log(table.toString());
  for (const o of outcomes) {
    if ((o.status === 'kept' || o.status === 'ingested') && o.decision) console.log(`\n${o.file}: ${o.decision.reason}`);
    if (o.status !== 'failed' && o.warnings.length > 0) {
      console.log(`\n${o.file}:\n${o.warnings.map((w) => `  ⚠ ${w}`).join('\n')}`);
    }
  }
  console.log(`\n${summaryLine(outcomes)}`);
}

/** "76 files: 68 ingested, 8 unchanged, 0 failed; 1,203 tasks, 2,004 items." */
function summaryLine(outcomes: FileOutcome[]): string {
  const by = (status: FileOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const parts = (['ingested', 'unchanged', 'kept', 'parsed'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s === 'kept' ? 'kept the fuller text already in the graph' : s}`);
  const counts = outcomes.flatMap((o) => (o.status === 'failed' ? [] : [o.counts]));
  const sum = (k: 'tasks' | 'items') => counts.reduce((n, c) => n + c[k], 0).toLocaleString('en-US');
  return `${outcomes.length} files: ${[...parts, `${by('failed')} failed`].join(', ')}; ${sum('tasks')} tasks, ${sum('items')} items.`;
}

await program.parseAsync();
