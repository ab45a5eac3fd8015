import { openDb, type Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { testNeo4jAuth, testNeo4jUri } from '../setup/neo4j-uri.js';

/** A migrated connection to the database of this test run (see test/setup/global-neo4j.ts). */
export async function openTestDb(): Promise<Db> {
  const db = openDb({ uri: testNeo4jUri(), ...testNeo4jAuth() });
  await migrate(db);
  return db;
}
