/**
 * The command a user runs, `npm run --silent ingest -- <folders>`, spawned against the bench's
 * database (NEO4J_URI) with its own search index directory (CACHE_DIR) and the shipped model
 * (MODEL_DIR), in its own process group so that a Ctrl-C of the bench can stop all of it. Its
 * output is read back: exit code, the summary line, the per-file table, the search index line
 * and whether progress bars were drawn.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../core/paths.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  stdout: string;
  stderr: string;
  /**
   * The closing line: "76 files: 68 ingested, 8 unchanged, 0 failed; 1,203 tasks, 2,004 items."
   * (or, before 2026-12-06, "N of M files ingested or unchanged, K failed.").
   */
  summary: { line: string; ok: number; of: number; failed: number; tasks: number | null; items: number | null } | null;
  /** Sums of the table's columns over the rows that were ingested or unchanged. */
  table: { rows: number; documents: number; items: number; tasks: number };
  failedRows: string[];
  /** "search index: N items embedded, …" */
  indexLine: string | null;
  embedded: number | null;
  /**
   * When things showed up on stderr, seconds from the spawn (in a pipe cli-progress prints every
   * 2 s, so ±2 s): the first parse bar (after the first file), the first write bar (all files
   * parsed, first document written), the search index line (sync done; `syncSeconds` is the
   * sync's own time from that line).
   */
  marks: { parse: number | null; write: number | null; index: number | null; syncSeconds: number | null };
  /** Bars seen on stderr; `pages` is 'unfilled' when drawn with its "{phase}" placeholder (a pipe, not a terminal). */
  progressBars: { parse: boolean; pages: 'yes' | 'unfilled' | 'no'; write: boolean; embed: boolean };
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

let running: ChildProcess | null = null;

/** Stops the CLI's whole process group (npm, tsx, node) if it is running; SIGKILL after 10 s. */
export async function killCli(): Promise<void> {
  const child = running;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  const exited = new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), 10_000);
    child.once('close', () => {
      clearTimeout(timer);
      done(true);
    });
  });
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(group, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  if (!(await exited)) signal('SIGKILL');
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'ingest', '--', ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running = child;
    let stdout = '';
    let stderr = '';
    const marks: CliResult['marks'] = { parse: null, write: null, index: null, syncSeconds: null };
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      const at = (performance.now() - t0) / 1000;
      // The end of what came before too, in case a chunk cuts a bar in two.
      const recent = `${stderr.slice(-80)}${b.toString()}`.replace(ANSI, '');
      stderr += b.toString();
      if (marks.parse === null && /\bparse (?:\[|\d+\/\d+)/.test(recent)) marks.parse = at;
      if (marks.write === null && /\bwrite (?:\[|\d+\/\d+)/.test(recent)) marks.write = at;
      if (marks.index === null && /search index: /.test(recent)) marks.index = at;
    });
    const timer = setTimeout(() => {
      stderr += `\n(bench: the CLI ran over ${Math.round(timeoutMs / 1000)} s and was stopped)`;
      void killCli();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      running = null;
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running = null;
      resolve(readOutput(code, signal, (performance.now() - t0) / 1000, stdout, stderr, marks));
    });
  });
}

function readOutput(
  code: number | null,
  signal: NodeJS.Signals | null,
  seconds: number,
  rawOut: string,
  rawErr: string,
  marks: CliResult['marks'],
): CliResult {
  const stdout = rawOut.replace(ANSI, '');
  const stderr = rawErr.replace(ANSI, '');
  const summary = readSummary(stdout);
  const table = { rows: 0, documents: 0, items: 0, tasks: 0 };
  const failedRows: string[] = [];
  for (const line of stdout.split('\n')) {
    const cells = line.split('│').map((c) => c.trim());
    // │ file │ status │ documents │ items │ tasks │ …
    if (cells.length >= 7 && (cells[2] === 'ingested' || cells[2] === 'unchanged')) {
      table.rows++;
      table.documents += Number(cells[3]);
      table.items += Number(cells[4]);
      table.tasks += Number(cells[5]);
    } else if (cells.length >= 3 && cells[2]?.startsWith('FAILED:')) failedRows.push(`${cells[1]}: ${cells[2]}`);
  }
  const index = /search index: (\d+) items embedded[^\n]*?\((\d+(?:\.\d+)?) s\)/.exec(stderr);
  return {
    code,
    signal,
    seconds,
    stdout,
    stderr,
    summary,
    table,
    failedRows,
    indexLine: index?.[0] ?? null,
    embedded: index ? Number(index[1]) : null,
    marks: { ...marks, syncSeconds: index ? Number(index[2]) : null },
    // Bars in a terminal; in a pipe (as here) the CLI writes progress as lines instead.
    progressBars: {
      parse: /\bparse (?:\[[█░]+\]|\d+\/\d+)/.test(stderr),
      pages: /\bpages \[[█░]+\]|\d+ pages read: /.test(stderr) ? 'yes' : /\{phase\} \[[█░]+\] \d+\/\d+/.test(stderr) ? 'unfilled' : 'no',
      write: /\bwrite (?:\[[█░]+\]|\d+\/\d+)/.test(stderr),
      embed: /embed items \[[█░]+\]|embedded \d+ items/.test(stderr),
    },
  };
}

function readSummary(stdout: string): CliResult['summary'] {
  const num = (s: string) => Number(s.replace(/,/g, ''));
  const now = /^(\d+) files: (.+?); ([\d,]+) tasks, ([\d,]+) items\.$/m.exec(stdout);
  if (now) {
    const count = (status: string) => num(new RegExp(`(\\d+) ${status}`).exec(now[2]!)?.[1] ?? '0');
    return {
      line: now[0],
      ok: count('ingested') + count('unchanged'),
      of: num(now[1]!),
      failed: count('failed'),
      tasks: num(now[3]!),
      items: num(now[4]!),
    };
  }
  const before = /^(\d+) of (\d+) files ingested or unchanged, (\d+) failed\.$/m.exec(stdout);
  return before ? { line: before[0], ok: Number(before[1]), of: Number(before[2]), failed: Number(before[3]), tasks: null, items: null } : null;
}
