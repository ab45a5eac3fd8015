/**
 * The worker side of parse-pool.ts: one document's bytes → its record, or the refusal as plain
 * data (an Error's class and extra fields do not survive the trip between threads).
 */
import { parseBytes } from './parse-file.js';
import type { ParseJob, ParseOutcome } from './parse-pool.js';

export default async function parseJob(job: ParseJob): Promise<ParseOutcome> {
  try {
    return { ok: true, record: await parseBytes(job.bytes, job.fileName, job.maxBytes) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    return { ok: false, name: e.name, message: e.message, code: typeof code === 'string' ? code : undefined };
  }
}
