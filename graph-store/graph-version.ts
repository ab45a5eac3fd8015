import { withReadSession, type Db } from './db.js';

/**
 * Where the database stands: a token that changes whenever a transaction commits on it, whichever
 * process commits (this server, an `npm run ingest` beside it). It is the bookmark Neo4j returns
 * for an empty read transaction, which names the last transaction committed when it ran; only its
 * equality means anything. A read of a few milliseconds, against answers that take a second to
 * build (server/queries/kept-answers.ts).
 */
export function graphVersion(db: Db): Promise<string> {
  return withReadSession(db, async (session) => {
    await session.executeRead((tx) => tx.run('RETURN 1'), { timeout: db.queryDeadlineMs });
    return session.lastBookmarks().join(' ');
  });
}
