import { inject } from 'vitest';
import { openDb, type Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';

/** A connection to the Neo4j the global setup started (or the one NEO4J_URI names), migrated. */
export async function openTestDb(): Promise<Db> {
  const uri = process.env.NEO4J_URI ?? (inject('neo4jUri' as never) as string | undefined);
  if (!uri) throw new Error('No Neo4j for tests: the global setup did not provide one');
  const db = openDb({ uri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  await migrate(db);
  return db;
}
