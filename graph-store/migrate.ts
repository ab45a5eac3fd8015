import { schemaStatements } from '../graph-schema/index.js';
import { BULK_DEADLINE_MS, readQuery, writeQuery, type Db } from './db.js';
import { backfillItemCounts } from './item-counts.js';
import { writeProvinceGraph } from './province-graph.js';

export interface MigrateResult {
  /** Constraints and indexes that did not exist before this run. */
  created: string[];
}

async function schemaNames(db: Db): Promise<Set<string>> {
  // Run at start-up, when a database just started on a busy machine may take longer than a request's read.
  const constraints = await readQuery<{ name: string }>(db, 'SHOW CONSTRAINTS YIELD name RETURN name', {}, { deadlineMs: BULK_DEADLINE_MS });
  const indexes = await readQuery<{ name: string }>(db, 'SHOW INDEXES YIELD name RETURN name', {}, { deadlineMs: BULK_DEADLINE_MS });
  return new Set([...constraints, ...indexes].map((r) => r.name));
}

/**
 * Applies the schema, the province facts (province-graph.ts) and the item counts of documents
 * written before documents kept them (item-counts.ts); every statement is `IF NOT EXISTS`, a MERGE
 * or fills only what is missing, so running it again changes nothing.
 */
export async function migrate(db: Db): Promise<MigrateResult> {
  const before = await schemaNames(db);
  // Creating an index on a large graph, and waiting for it, take longer than a request may.
  for (const statement of schemaStatements) await writeQuery(db, statement, {}, { deadlineMs: BULK_DEADLINE_MS });
  await writeQuery(db, 'CALL db.awaitIndexes(300)', {}, { deadlineMs: BULK_DEADLINE_MS });
  await writeProvinceGraph(db);
  await backfillItemCounts(db);
  const after = await schemaNames(db);
  return { created: [...after].filter((n) => !before.has(n)).sort() };
}
