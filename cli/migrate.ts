/**
 * `npm run migrate`: applies the graph schema (constraints and indexes, graph-schema/constraints.ts)
 * to the configured database, or to the local one (started for the time of the command). Every
 * statement is `IF NOT EXISTS`: running it again changes nothing.
 */
import { loadConfig } from '../core/config.js';
import { connect } from '../graph-store/connect.js';
import { migrate } from '../graph-store/migrate.js';
import { schemaStatements } from '../graph-schema/index.js';

const connection = await connect(loadConfig());
try {
  // connect() applies the schema on the way; applying it again here proves it is all in place.
  const { created } = await migrate(connection.db);
  console.log(`graph schema in place: ${schemaStatements.length} constraints and indexes${created.length ? ` (${created.length} were missing)` : ''}`);
} finally {
  await connection.close();
}
