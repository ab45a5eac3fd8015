import { schemaStatements } from '../graph-schema/index.js';
import { readQuery, writeQuery, type Db } from './db.js';

export interface MigrateResult {
  /** Constraints and indexes that did not exist before this run. */
  created: string[];
}

async function schemaNames(db: Db): Promise<Set<string>> {
  const constraints = await readQuery<{ name: string }>(db, 'SHOW CONSTRAINTS YIELD name RETURN name');
  const indexes = await readQuery<{ name: string }>(db, 'SHOW INDEXES YIELD name RETURN name');
  return new Set([...constraints, ...indexes].map((r) => r.name));
}

/** Applies the schema; every statement is `IF NOT EXISTS`, so running it again changes nothing. */
export async function migrate(db: Db): Promise<MigrateResult> {
  const before = await schemaNames(db);
  for (const statement of schemaStatements) await writeQuery(db, statement);
  await writeQuery(db, 'CALL db.awaitIndexes(300)');
  const after = await schemaNames(db);
  return { created: [...after].filter((n) => !before.has(n)).sort() };
}
