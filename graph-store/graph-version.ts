import neo4j from 'neo4j-driver';
import type { Db } from './db.js';
import { DatabaseDeadlineError, withinDeadline } from './deadline.js';

/**
 * Where the database stands: a token that changes whenever a transaction commits on it, whichever
 * process commits (this server, an `npm run ingest` beside it). It is the bookmark Neo4j returns
 * for an empty read transaction, which names the last transaction committed when it ran; only its
 * equality means anything. A read of a few milliseconds, against answers that take a second to
 * build (server/queries/kept-answers.ts).
 */
export async function graphVersion(db: Db): Promise<string> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  let frozen = false;
  try {
    await withinDeadline(db.queryDeadlineMs, 'a read', () =>
      session.executeRead((tx) => tx.run('RETURN 1'), { timeout: db.queryDeadlineMs }),
    );
    return session.lastBookmarks().join(' ');
  } catch (err) {
    frozen = err instanceof DatabaseDeadlineError;
    throw err;
  } finally {
    // On a frozen database closing waits too (as in db.ts): the session is then left to the driver.
    if (frozen) void session.close().catch(() => undefined);
    else await session.close();
  }
}
