import type { Db } from '../graph-store/db.js';
import { migrate } from '../graph-store/migrate.js';
import { upsertDocument } from '../graph-store/upsert-document.js';
import { syntheticRecord } from '../test/helpers/synthetic-record.js';
import { clearGraph } from '../test/helpers/graph-counts.js';

const AGENCIES = Array.from({ length: 40 }, (_, k) => `Sở thử nghiệm ${k}`);

/** Nodes written per second when upserting synthetic documents into the given database. */
export async function measureUpsert(db: Db, tasks = 10_000, perDocument = 10_000) {
  await migrate(db);
  await clearGraph(db);
  // Warm-up so query planning is not counted.
  await upsertDocument(db, syntheticRecord({ number: '0/KH-UBND', tasks: 50, agencies: AGENCIES }));
  await clearGraph(db);
  const docs = Math.ceil(tasks / perDocument);
  const started = performance.now();
  let nodes = 0;
  for (let d = 0; d < docs; d++) {
    const record = syntheticRecord({ number: `${d + 1}/KH-UBND`, tasks: perDocument, agencies: AGENCIES });
    await upsertDocument(db, record);
    nodes += 1 + record.items.length + record.agencies.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const again = performance.now();
  await upsertDocument(db, syntheticRecord({ number: '1/KH-UBND', tasks: perDocument, agencies: AGENCIES }));
  const reSeconds = (performance.now() - again) / 1000;
  await clearGraph(db);
  return { tasks, documents: docs, nodes, seconds, nodesPerSecond: nodes / seconds, reUpsertSeconds: reSeconds };
}
