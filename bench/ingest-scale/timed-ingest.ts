/**
 * The real ingest path, timed from its own events: `ingestFiles` (ingest/pipeline.ts) parses every
 * file, then writes each document; `onProgress` marks the end of each file's parse and write,
 * `onPage` each page read. A scanned PDF's OCR span runs from the end of the previous file to its
 * last page; what follows until its parse event is the parser. Then the search index is synced
 * as `npm run ingest` does (openSearch), with the embedder's calls timed apart from Neo4j's.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Db } from '../../graph-store/db.js';
import { ingestProgress } from '../../cli/ingest-progress.js';
import { parseBytes } from '../../ingest/parse-file.js';
import { ParseError } from '../../ingest/parse/parse-document.js';
import { ingestFiles, type FileOutcome } from '../../ingest/pipeline.js';
import { SourceError } from '../../ingest/read-source.js';
import { openSearch } from '../../search/open.js';
import { syncProgressBar } from '../../cli/sync-progress.js';
import type { Embedder } from '../../search/service.js';
import type { SyncResult } from '../../search/sync.js';
import { between, snapshot, sumWindows, type Snapshot, type Window } from './machine.js';

export interface FileTiming {
  file: string;
  pdf: boolean;
  /** From the end of the previous file's parse to the end of this one's. */
  parseSeconds: number;
  /** Pages reported by onPage (PDFs). */
  pages: number;
  /** PDFs: from the start of the file to its last page read (text layer, stamps, rasterising, OCR). */
  pageSeconds: number;
  window: Window;
  pageWindow: Window | null;
}

export interface Failure {
  file: string;
  kind: 'refused' | 'crash';
  phase: 'parse' | 'write';
  /** SourceError code, ParseError, or the class of the crash. */
  what: string;
  reason: string;
  stack?: string;
}

export interface IngestRun {
  outcomes: FileOutcome[];
  files: FileTiming[];
  parseSeconds: number;
  writeSeconds: number;
  written: number;
  writeWindow: Window;
  parseWindow: Window;
  failures: Failure[];
}

/** `ingestFiles` as the CLI calls it (same options, same progress bars), timed from its events. */
export async function timedIngest(db: Db, files: string[], maxBytes: number, pids: () => number[]): Promise<IngestRun> {
  const bars = ingestProgress(files.length);
  const timings: FileTiming[] = [];
  const lastPage = new Map<string, { at: Snapshot; total: number }>();
  const start = snapshot(pids);
  let mark = start;
  let parseEnd: Snapshot | null = null;
  let written = 0;
  let outcomes: FileOutcome[];
  try {
    outcomes = await ingestFiles(db, files, {
      maxBytes,
      onPage: (e) => {
        lastPage.set(e.file, { at: snapshot(pids), total: e.total });
        bars.page(e);
      },
      onProgress: (e) => {
        const now = snapshot(pids);
        if (e.phase === 'parse') {
          const page = lastPage.get(e.file);
          timings.push({
            file: e.file,
            pdf: extname(e.file).toLowerCase() === '.pdf',
            parseSeconds: (now.t - mark.t) / 1000,
            pages: page?.total ?? 0,
            pageSeconds: page ? (page.at.t - mark.t) / 1000 : 0,
            window: between(mark, now),
            pageWindow: page ? between(mark, page.at) : null,
          });
          mark = now;
          parseEnd = now;
        } else written = e.done;
        bars.batch(e);
      },
    });
  } finally {
    bars.stop();
  }
  const end = snapshot(pids);
  const parsed = parseEnd ?? start;
  return {
    outcomes,
    files: timings,
    parseSeconds: (parsed.t - start.t) / 1000,
    writeSeconds: (end.t - parsed.t) / 1000,
    written,
    parseWindow: between(start, parsed),
    writeWindow: between(parsed, end),
    failures: await classifyFailures(outcomes, maxBytes),
  };
}

/**
 * parseFile turns every exception into a message, so the class is lost: a failed file is read
 * again outside it. SourceError and ParseError are refusals (the file is not something the
 * ingest reads, with the reason); anything else is a crash, kept with its stack.
 */
async function classifyFailures(outcomes: FileOutcome[], maxBytes: number): Promise<Failure[]> {
  const out: Failure[] = [];
  for (const o of outcomes) {
    if (o.status !== 'failed') continue;
    if (o.error.startsWith('could not be written:')) {
      out.push({ file: o.file, kind: 'crash', phase: 'write', what: 'write', reason: o.error });
      continue;
    }
    try {
      await parseBytes(await readFile(o.file), basename(o.file), maxBytes);
      out.push({ file: o.file, kind: 'crash', phase: 'parse', what: 'not reproduced', reason: `${o.error} (read again without failing)` });
    } catch (err) {
      if (err instanceof SourceError) out.push({ file: o.file, kind: 'refused', phase: 'parse', what: err.code, reason: o.error });
      else if (err instanceof ParseError) out.push({ file: o.file, kind: 'refused', phase: 'parse', what: 'ParseError', reason: o.error });
      else {
        const e = err instanceof Error ? err : new Error(String(err));
        out.push({ file: o.file, kind: 'crash', phase: 'parse', what: e.name, reason: o.error, stack: e.stack });
      }
    }
  }
  return out;
}

export interface PhaseTotals {
  count: number;
  pages: number;
  seconds: number;
  window: Window;
}

/** Text documents (every format but PDF) and PDFs, each summed over their files. */
export function byKind(run: IngestRun): { text: PhaseTotals; pdf: PhaseTotals; pdfPages: PhaseTotals } {
  const sum = (ts: FileTiming[], secs: (t: FileTiming) => number, win: (t: FileTiming) => Window | null): PhaseTotals => ({
    count: ts.length,
    pages: ts.reduce((a, t) => a + t.pages, 0),
    seconds: ts.reduce((a, t) => a + secs(t), 0),
    window: sumWindows(ts.map(win).filter((w): w is Window => w !== null)),
  });
  const text = run.files.filter((t) => !t.pdf);
  const pdf = run.files.filter((t) => t.pdf);
  return {
    text: sum(text, (t) => t.parseSeconds, (t) => t.window),
    pdf: sum(pdf, (t) => t.parseSeconds, (t) => t.window),
    pdfPages: sum(pdf.filter((t) => t.pages > 0), (t) => t.pageSeconds, (t) => t.pageWindow),
  };
}

export interface SyncRun {
  sync: SyncResult;
  seconds: number;
  /** From the first to the last embedding progress event: embedding calls and Neo4j writes of the vectors. */
  embedPhaseSeconds: number;
  /** Inside the embedding calls alone. */
  embedderSeconds: number;
  indexPhaseSeconds: number;
  window: Window;
  embedWindow: Window | null;
}

/** openSearch as the CLI's syncSearchIndex calls it, with the embedder's time measured apart. */
export async function timedSync(db: Db, indexDir: string, embedder: Embedder, pids: () => number[]): Promise<SyncRun> {
  let embedderMs = 0;
  const timed: Embedder = {
    startQuery: (t) => embedder.startQuery(t),
    embedPassages: async (texts, opts) => {
      const t0 = performance.now();
      try {
        return await embedder.embedPassages(texts, opts);
      } finally {
        embedderMs += performance.now() - t0;
      }
    },
  };
  const marks: Partial<Record<'embed0' | 'embed1' | 'index0' | 'index1', Snapshot>> = {};
  const bar = syncProgressBar();
  const start = snapshot(pids);
  let sync: SyncResult;
  try {
    ({ sync } = await openSearch(db, {
      indexDir,
      embedder: timed,
      onProgress: (p) => {
        const now = snapshot(pids);
        if (p.phase === 'embed') {
          marks.embed0 ??= now;
          marks.embed1 = now;
        } else {
          marks.index0 ??= now;
          marks.index1 = now;
        }
        bar.onProgress(p);
      },
    }));
  } finally {
    bar.stop();
  }
  const end = snapshot(pids);
  const span = (a?: Snapshot, b?: Snapshot) => (a && b ? (b.t - a.t) / 1000 : 0);
  return {
    sync,
    seconds: (end.t - start.t) / 1000,
    embedPhaseSeconds: span(marks.embed0, marks.embed1),
    embedderSeconds: embedderMs / 1000,
    indexPhaseSeconds: span(marks.index0, marks.index1),
    window: between(start, end),
    embedWindow: marks.embed0 && marks.embed1 ? between(marks.embed0, marks.embed1) : null,
  };
}
