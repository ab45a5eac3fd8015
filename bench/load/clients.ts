/**
 * The load's clients, in a process of their own (so that their HTTP and bookkeeping do not share
 * the server's event loop): `clients` concurrent clients, each sending its next request as soon as
 * the previous answer is read (a closed loop, no think time), mixing search, lineage and heatmap in
 * equal thirds; optionally one uploader sending documents one after another, as the upload view
 * does. Every answer is read to its last byte. An error is a status other than 2xx, a failed
 * connection or no answer within 30 s.
 *
 * `tsx bench/load/clients.ts <plan.json> <result.json>` (bench/load.ts writes the plan).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

export type Kind = 'search' | 'lineage' | 'heatmap';
export const KINDS: readonly Kind[] = ['search', 'lineage', 'heatmap'];

export interface LoadPlan {
  base: string;
  clients: number;
  /** The phase lasts at least this long, and until the uploads are done. */
  seconds: number;
  /** Requests for each kind; a client takes them in turn from a random start. */
  requests: Record<Kind, string[]>;
  /**
   * Searches are each asked once, in the list's order across all clients (queries nobody asked
   * before: the server keeps no vector and no hit of theirs yet); repeated only once the list is spent.
   */
  searchesOnce?: boolean;
  /** Files POSTed to /api/documents one after another (with `token`), or none. */
  uploads: string[];
  token: string;
}

export interface Sample {
  kind: Kind;
  /** Milliseconds from sending to the last byte. */
  ms: number;
  bytes: number;
  /** HTTP status, 0 for a failed connection or a timeout. */
  status: number;
  /** The server served its last answer because the read for the graph as it stands failed (X-Answer-Stale). */
  stale?: boolean;
  path: string;
}

export interface UploadSample {
  file: string;
  ms: number;
  status: number;
  error?: string;
}

export interface LoadResult {
  seconds: number;
  /** With `searchesOnce`: searches asked, and how many of them repeated an earlier one (the list was spent). */
  searches?: { asked: number; repeated: number };
  samples: Sample[];
  uploads: UploadSample[];
  uploadSeconds: number | null;
}

const TIMEOUT_MS = 30_000;

async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; bytes: number; status: number; stale: boolean; body: Buffer | null }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = Buffer.from(await res.arrayBuffer());
    return { ms: performance.now() - t, bytes: body.length, status: res.status, stale: res.headers.get('x-answer-stale') === 'true', body };
  } catch {
    return { ms: performance.now() - t, bytes: 0, status: 0, stale: false, body: null };
  }
}

/** The next search of a plan whose searches are asked once: shared by all clients. */
const searchesOnce = { asked: 0 };

function nextPath(plan: LoadPlan, kind: Kind, next: Map<Kind, number>): string {
  const list = plan.requests[kind];
  if (kind === 'search' && plan.searchesOnce) return list[searchesOnce.asked++ % list.length]!;
  const at = next.get(kind)!;
  next.set(kind, (at + 1) % list.length);
  return list[at]!;
}

async function client(plan: LoadPlan, index: number, running: () => boolean, samples: Sample[]): Promise<void> {
  let turn = index;
  const next = new Map(KINDS.map((k) => [k, Math.floor(Math.random() * plan.requests[k].length)]));
  while (running()) {
    const kind = KINDS[turn++ % KINDS.length]!;
    const path = nextPath(plan, kind, next);
    // Counted even when it ends after the phase: the slowest answers are the likeliest to.
    const r = await timed(`${plan.base}${path}`, { headers: { accept: 'application/json' } });
    samples.push({ kind, ms: r.ms, bytes: r.bytes, status: r.status, ...(r.stale && { stale: true }), path });
  }
}

const CONTENT_TYPE: Record<string, string> = { '.md': 'text/markdown', '.txt': 'text/plain' };

async function uploader(plan: LoadPlan, out: UploadSample[]): Promise<void> {
  for (const file of plan.uploads) {
    const name = basename(file);
    const type = CONTENT_TYPE[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    const r = await timed(`${plan.base}/api/documents?fileName=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${plan.token}`, 'content-type': type },
      body: readFileSync(file),
    });
    const ok = r.status === 200 || r.status === 201;
    out.push({ file: name, ms: r.ms, status: r.status, ...(ok ? {} : { error: r.body?.toString('utf8').slice(0, 300) ?? 'no answer' }) });
    if (out.length % 10 === 0) process.stderr.write(`  ${out.length}/${plan.uploads.length} documents uploaded\n`);
  }
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const samples: Sample[] = [];
  const uploads: UploadSample[] = [];
  const started = performance.now();
  let uploadSeconds: number | null = null;
  const uploading = plan.uploads.length > 0
    ? uploader(plan, uploads).then(() => {
        uploadSeconds = (performance.now() - started) / 1000;
      })
    : Promise.resolve();
  let stop = false;
  const minimum = new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000));
  const clients = Array.from({ length: plan.clients }, (_, i) => client(plan, i, () => !stop, samples));
  await Promise.all([minimum, uploading]);
  stop = true;
  await Promise.all(clients);
  const asked = searchesOnce.asked;
  const searches = plan.searchesOnce ? { asked, repeated: Math.max(0, asked - plan.requests.search.length) } : undefined;
  return { seconds: (performance.now() - started) / 1000, samples, uploads, uploadSeconds, ...(searches && { searches }) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [planFile, resultFile] = process.argv.slice(2);
  const plan = JSON.parse(readFileSync(planFile!, 'utf8')) as LoadPlan;
  writeFileSync(resultFile!, JSON.stringify(await runLoad(plan)));
}
