/**
 * Every call to the database has a deadline. A database that is frozen (a stopped process, a
 * full disk, a network that drops packets) keeps sockets open and never answers; the driver then
 * waits forever on a pooled connection. The deadline turns that into an error the server answers
 * with 503, and the write queue (write-turns.ts) moves on.
 */

/** A database call that did not answer in time: the database is hung or overloaded. */
export class DatabaseDeadlineError extends Error {
  readonly code = 'DeadlineExceeded';
  constructor(what: string, ms: number) {
    super(`the database did not answer ${what} within ${ms} ms`);
    this.name = 'DatabaseDeadlineError';
  }
}

/**
 * Runs `call` with an abort signal that fires after `ms`, and rejects at that moment whether or
 * not the driver manages to give up (on a frozen server even closing a session waits).
 */
export async function withinDeadline<T>(ms: number, what: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DatabaseDeadlineError(what, ms));
    }, ms);
  });
  const running = call(controller.signal);
  // The call may still settle after the deadline; its outcome is then nobody's to handle.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
