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
 * Runs `call` and rejects after `ms` whether or not it has settled (on a frozen server even
 * closing a session waits). The call itself is not aborted: Neo4j is given the same timeout and
 * ends the transaction itself on a live server. Aborting the driver as well closed the session
 * under a transaction still fetching its rows, and the PULL that followed the RESET broke the
 * connection for whichever request used it next (Neo.ClientError.Request.Invalid, "PullMessage
 * cannot be handled by a session in the READY state": 500s under load, bench/load.ts).
 */
export async function withinDeadline<T>(ms: number, what: string, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(what, ms)), ms);
  });
  const running = call();
  // The call may still settle after the deadline; its outcome is then nobody's to handle.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
