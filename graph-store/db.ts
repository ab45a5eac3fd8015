import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { DatabaseDeadlineError, withinDeadline } from './deadline.js';

/** A connection to the graph: the driver, the database every query runs against, and deadlines. */
export interface Db {
  driver: Driver;
  database: string;
  /** How long one read or auto-committed write may take (graph-store/deadline.ts). */
  queryDeadlineMs: number;
  /** How long one write transaction (a whole document) may take. */
  writeDeadlineMs: number;
}

export interface DbOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryDeadlineMs?: number;
  writeDeadlineMs?: number;
}

/** Reads over the whole graph (every item for the search index): minutes at 100k items, not seconds. */
export const BULK_DEADLINE_MS = 600_000;
/** Reads that aggregate much of the graph for one answer (the heatmap), whose callers check liveness first. */
export const AGGREGATE_DEADLINE_MS = 30_000;

export function openDb(opts: DbOptions): Db {
  // The local launcher runs with auth off; any real deployment passes a password.
  const auth = opts.password ? neo4j.auth.basic(opts.user ?? 'neo4j', opts.password) : undefined;
  const driver = neo4j.driver(opts.uri, auth, {
    // Counts and line numbers are small; plain JS numbers keep every caller simple.
    disableLosslessIntegers: true,
    // Fail fast when the database is down: the API answers 503 with Retry-After rather than
    // holding requests, and the driver reconnects on its own when the database is back.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 1_500,
  });
  return {
    driver,
    database: opts.database ?? 'neo4j',
    queryDeadlineMs: opts.queryDeadlineMs ?? 30_000,
    writeDeadlineMs: opts.writeDeadlineMs ?? 120_000,
  };
}

export async function closeDb(db: Db): Promise<void> {
  await db.driver.close();
}

export interface QueryOptions {
  /** Instead of the connection's query deadline (BULK_DEADLINE_MS for reads over the whole graph). */
  deadlineMs?: number;
}

/**
 * One query, parameters only, records as plain objects, within its deadline. The same timeout is
 * given to Neo4j, which then stops a runaway query itself instead of running on for nobody.
 */
async function runQuery<T>(db: Db, cypher: string, params: Record<string, unknown>, read: boolean, opts: QueryOptions): Promise<T[]> {
  const ms = opts.deadlineMs ?? db.queryDeadlineMs;
  const res = await withinDeadline(ms, read ? 'a read' : 'a write', () =>
    db.driver.executeQuery(cypher, params, {
      database: db.database,
      routing: read ? neo4j.routing.READ : neo4j.routing.WRITE,
      transactionConfig: { timeout: ms },
    }),
  );
  return res.records.map((r) => r.toObject() as T);
}

/** One read query. */
export function readQuery<T = Record<string, unknown>>(db: Db, cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<T[]> {
  return runQuery<T>(db, cypher, params, true, opts);
}

/**
 * Several reads that must see one state of the graph (ingest/pipeline.ts reads what linking needs
 * in one), within the connection's query deadline.
 */
export function readTransaction<T>(db: Db, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  return withReadSession(db, (session) => session.executeRead(work, { timeout: db.queryDeadlineMs }));
}

/**
 * A read session's work within the connection's query deadline. As in writeTransaction, on a
 * frozen database closing waits too: the session is then left to the driver.
 */
export async function withReadSession<T>(db: Db, work: (session: Session) => Promise<T>): Promise<T> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  let frozen = false;
  try {
    return await withinDeadline(db.queryDeadlineMs, 'a read', () => work(session));
  } catch (err) {
    frozen = err instanceof DatabaseDeadlineError;
    throw err;
  } finally {
    if (frozen) void session.close().catch(() => undefined);
    else await session.close();
  }
}

let writesEnded = 0;

/**
 * How many writes of this process have ended (committed, failed or given up at their deadline).
 * Answers kept in memory (server/queries/kept-answers.ts) compare it before and after: an answer
 * read after this count last moved holds every write this process has acknowledged.
 */
export const localWritesEnded = (): number => writesEnded;

/** One auto-committed write query (schema changes, maintenance). */
export async function writeQuery<T = Record<string, unknown>>(db: Db, cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<T[]> {
  try {
    return await runQuery<T>(db, cypher, params, false, opts);
  } finally {
    writesEnded++;
  }
}

/** One write transaction (all of it or nothing), within the connection's write deadline. */
export async function writeTransaction<T>(db: Db, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const session = db.driver.session({ database: db.database });
  let frozen = false;
  try {
    return await withinDeadline(db.writeDeadlineMs, 'a write transaction', () =>
      session.executeWrite(work, { timeout: db.writeDeadlineMs }),
    );
  } catch (err) {
    frozen = err instanceof DatabaseDeadlineError;
    throw err;
  } finally {
    writesEnded++;
    // On a frozen database closing waits too: the session is then left to the driver.
    if (frozen) void session.close().catch(() => undefined);
    else await session.close();
  }
}
