import { readQuery, type Db } from '../../graph-store/db.js';

/** Node counts per label and relationship counts per type: what "nothing changed" means. */
export async function graphCounts(db: Db): Promise<Record<string, number>> {
  const nodes = await readQuery<{ label: string; n: number }>(
    db,
    'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n',
  );
  const rels = await readQuery<{ type: string; n: number }>(
    db,
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n',
  );
  const out: Record<string, number> = {};
  for (const r of nodes) out[`:${r.label}`] = r.n;
  for (const r of rels) out[`-${r.type}-`] = r.n;
  return out;
}

export async function clearGraph(db: Db): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only session.run gives.
  const session = db.driver.session({ database: db.database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
