/**
 * Sends hostile cases to a running server's POST /api/documents, `concurrency` at a time, and
 * records each answer as it came: status, time, body text. A request that gets no answer within
 * `giveUpMs` is recorded with status 0 rather than holding the run forever.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../core/paths.js';
import type { HostileCase } from './hostile-inputs.js';

export interface HostileAnswer {
  case: HostileCase;
  /** 0: no answer (the connection failed or the request was abandoned after giveUpMs). */
  status: number;
  ms: number;
  contentType: string;
  text: string;
  /** Why there was no answer. */
  failure?: string;
}

export interface SendOptions {
  base: string;
  token: string;
  concurrency: number;
  giveUpMs?: number;
  /**
   * Uploads started in any minute at most: under the server's WRITES_PER_MINUTE, so that a long
   * run measures the ingest rather than the rate limiter's 429s.
   */
  perMinute?: number;
  onAnswer?: (answer: HostileAnswer, done: number) => void;
}

export async function sendHostile(cases: HostileCase[], opts: SendOptions): Promise<HostileAnswer[]> {
  const answers: HostileAnswer[] = new Array(cases.length);
  const starts: number[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      await turn(starts, opts.perMinute);
      answers[i] = await sendOne(cases[i]!, opts);
      opts.onAnswer?.(answers[i]!, ++done);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return answers;
}

/**
 * One upload of a demo corpus file as it is (answered 200 unchanged, nothing written) before the
 * clock starts: `npm start` starts the parse worker at boot (cli/serve.ts), so its first upload
 * does not wait the seconds a cold worker takes to load; a server made by createApp alone starts
 * it on its first upload.
 */
export async function warmUp(base: string, token: string): Promise<void> {
  const res = await fetch(`${base}/api/documents?fileName=${encodeURIComponent(WARM_UP_FILE.split('/').pop()!)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body: readFileSync(join(REPO_ROOT, WARM_UP_FILE)),
  });
  const body = (await res.json()) as { status?: string };
  if (res.status !== 200 || body.status !== 'unchanged') throw new Error(`the warm-up upload answered ${res.status} ${JSON.stringify(body)}`);
}

const WARM_UP_FILE = 'data/corpus/003_2c04bff435a40578.txt';

/** Waits until fewer than `perMinute` uploads started in the last minute, and records this start. */
async function turn(starts: number[], perMinute: number | undefined): Promise<void> {
  if (perMinute !== undefined) {
    for (;;) {
      while (starts.length > 0 && starts[0]! <= performance.now() - 60_000) starts.shift();
      if (starts.length < perMinute) break;
      await new Promise((r) => setTimeout(r, starts[0]! + 60_000 - performance.now() + 1));
    }
  }
  starts.push(performance.now());
}

async function sendOne(c: HostileCase, opts: SendOptions): Promise<HostileAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (c.contentType !== null) headers['content-type'] = c.contentType;
  const started = performance.now();
  try {
    const res = await fetch(`${opts.base}/api/documents?fileName=${encodeURIComponent(c.fileName)}`, {
      method: 'POST',
      headers,
      body: c.body as BodyInit,
      signal: AbortSignal.timeout(opts.giveUpMs ?? 60_000),
    });
    const text = await res.text();
    return { case: c, status: res.status, ms: performance.now() - started, contentType: res.headers.get('content-type') ?? '', text };
  } catch (err) {
    return { case: c, status: 0, ms: performance.now() - started, contentType: '', text: '', failure: (err as Error).message };
  }
}
