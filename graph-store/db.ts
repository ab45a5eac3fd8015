import neo4j, { type Driver } from 'neo4j-driver';

/** A connection to the graph: the driver and the database every query runs against. */
export interface Db {
  driver: Driver;
  database: string;
}

export interface DbOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

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
  return { driver, database: opts.database ?? 'neo4j' };
}

export async function closeDb(db: Db): Promise<void> {
  await db.driver.close();
}

/** One read query, parameters only, records as plain objects. */
export async function readQuery<T = Record<string, unknown>>(
  db: Db,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const res = await db.driver.executeQuery(cypher, params, {
    database: db.database,
    routing: neo4j.routing.READ,
  });
  return res.records.map((r) => r.toObject() as T);
}

/** One auto-committed write query (schema changes, maintenance). */
export async function writeQuery<T = Record<string, unknown>>(
  db: Db,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const res = await db.driver.executeQuery(cypher, params, { database: db.database });
  return res.records.map((r) => r.toObject() as T);
}
