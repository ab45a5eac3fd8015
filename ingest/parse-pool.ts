import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DocumentRecord } from '../graph-schema/index.js';

/**
 * Parsing off the event loop. Reading a large upload (pdf.js, the parser) takes seconds of CPU;
 * on the server's own thread it would stall every other request, health checks included, for
 * that long. Uploads are parsed in worker threads instead, one core left to the server.
 */

export interface ParseJob {
  bytes: Uint8Array;
  fileName: string;
  maxBytes: number;
}

export type ParseOutcome =
  | { ok: true; record: DocumentRecord }
  | { ok: false; name: string; message: string; code?: string };

let pool: Piscina | undefined;

function workers(): Piscina {
  // From sources (tsx, vitest) the worker is TypeScript too and needs tsx's loader.
  const fromSource = import.meta.url.endsWith('.ts');
  pool ??= new Piscina({
    filename: new URL(`./parse-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    // One worker stays loaded: starting one (and its TypeScript loader) takes about 2 s, which the
    // first upload after a quiet spell would otherwise wait for. Idle workers are unref'd by
    // piscina, so they never keep a process alive.
    minThreads: 1,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 30_000,
  });
  return pool;
}

/** Starts the worker now (the server at start-up), so the first upload does not wait for it. */
export function startParsePool(): void {
  workers();
}

/** The refusal as thrown in the worker: same name, message and code (SourceError, ParseError). */
class WorkerRefusal extends Error {
  constructor(
    name: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** parse-file.ts's parseBytes, in a worker thread. Throws what it throws. */
export async function parseBytesOffThread(bytes: Uint8Array, fileName: string, maxBytes: number): Promise<DocumentRecord> {
  const job: ParseJob = { bytes, fileName, maxBytes };
  const outcome: ParseOutcome = await workers().run(job);
  if (outcome.ok) return outcome.record;
  throw new WorkerRefusal(outcome.name, outcome.message, outcome.code);
}

/** Stops the worker threads (a server shutting down). */
export async function closeParsePool(): Promise<void> {
  await pool?.destroy();
  pool = undefined;
}
