/**
 * Writes that wait their turn. A document's write reads what linking needs, then writes the
 * document and relinks the plans that implement it in one transaction (ingest-write.ts): run side
 * by side, two uploads that share agencies or cited documents lock the same nodes and Neo4j breaks
 * the tie with a DeadlockDetected error; and a read taken before another write commits would link
 * against a graph that is no longer there. So this process's writes run one at a time, and a write that still meets a transient error (a deadlock
 * with another process, a leader switch) is tried again with backoff. Connection failures are not
 * transient here: a database that is down is reported at once (503), not waited for.
 */

const TRANSIENT = /^Neo\.TransientError\./;
const RETRY_FOR_MS = 30_000;

let queue: Promise<unknown> = Promise.resolve();

export function isTransientWriteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

/** Runs `write` after every write before it has finished, retrying transient errors for up to 30 s. */
export function inTurn<T>(write: () => Promise<T>): Promise<T> {
  const run = queue.then(() => withRetry(write));
  // The next write waits for this one whatever its outcome.
  queue = run.catch(() => undefined);
  return run;
}

async function withRetry<T>(write: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isTransientWriteError(err) || Date.now() - started > RETRY_FOR_MS) throw err;
      const backoff = Math.min(2_000, 100 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
