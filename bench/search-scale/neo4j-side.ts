/**
 * Neo4j 5.26's native vector index over the same vectors: nodes written the way the product writes
 * `Item.embedding` (a list of floats, graph-store/search-reads.ts), an index with the product's
 * options (graph-schema/constraints.ts: 384 dimensions, cosine; Neo4j's defaults for the rest, in
 * 5.26 M 16, ef_construction 100 and int8 quantization) or another variant, queried with `db.index.vector.queryNodes` the way the product's readQuery runs a read (a managed
 * read transaction through neo4j-driver), as the server would.
 */
import neo4j from 'neo4j-driver';
import { openDb, readQuery, writeQuery, type Db } from '../../graph-store/db.js';
import { sleep } from './stats.js';

/** A connection pool with four warm connections, one per concurrent client of the bench. */
export async function openBenchDb(uri: string): Promise<Db> {
  const db = openDb({ uri });
  await Promise.all(Array.from({ length: 4 }, () => readQuery(db, 'RETURN 1')));
  return db;
}

export const BENCH_LABEL = 'BenchTask';
export const BENCH_INDEX = 'bench_task_embedding';
const WRITE_BATCH = 1000;

export async function neo4jVersion(db: Db): Promise<string> {
  const rows = await readQuery<{ name: string; versions: string[]; edition: string }>(db, 'CALL dbms.components() YIELD name, versions, edition');
  const r = rows[0];
  return r ? `${r.name} ${r.versions.join(',')} ${r.edition}` : 'unknown';
}

/** Writes rows [from, to) as (:BenchTask {id, province, embedding}); returns seconds. */
export async function writeNodes(
  db: Db,
  ids: string[],
  provinces: string[],
  matrix: Float32Array,
  dim: number,
  from: number,
  to: number,
  outOfTime: () => boolean,
): Promise<number> {
  const t0 = performance.now();
  for (let start = from; start < to; start += WRITE_BATCH) {
    if (outOfTime()) throw new Error('time budget spent while writing nodes to Neo4j');
    const rows = [];
    for (let i = start; i < Math.min(to, start + WRITE_BATCH); i++) {
      rows.push({ id: ids[i], province: provinces[i], embedding: Array.from(matrix.subarray(i * dim, (i + 1) * dim)) });
    }
    await writeQuery(db, `UNWIND $rows AS r CREATE (n:${BENCH_LABEL} {id: r.id, province: r.province, embedding: r.embedding})`, { rows });
  }
  return (performance.now() - t0) / 1000;
}

export async function dropIndex(db: Db): Promise<void> {
  await writeQuery(db, `DROP INDEX ${BENCH_INDEX} IF EXISTS`);
}

export interface IndexVariant {
  name: string;
  /** indexConfig entries beside dimensions and similarity (none: the product's options). */
  config: Record<string, number | boolean>;
}

/**
 * Creates the vector index and waits until it is ONLINE (population of the existing nodes
 * included); returns seconds from CREATE to ONLINE and the indexConfig Neo4j reports.
 */
export async function createIndex(
  db: Db,
  dim: number,
  variant: IndexVariant,
  timeoutMs: number,
  log: (s: string) => void,
): Promise<{ seconds: number; config: Record<string, unknown> }> {
  const extra = Object.entries(variant.config).map(([k, v]) => `, \`${k}\`: ${String(v)}`).join('');
  const t0 = performance.now();
  await writeQuery(
    db,
    `CREATE VECTOR INDEX ${BENCH_INDEX} IF NOT EXISTS FOR (n:${BENCH_LABEL}) ON (n.embedding)
     OPTIONS { indexConfig: { \`vector.dimensions\`: ${dim}, \`vector.similarity_function\`: 'cosine'${extra} } }`,
  );
  let lastLog = 0;
  for (;;) {
    const [row] = await readQuery<{ state: string; pct: number; options: { indexConfig: Record<string, unknown> } }>(
      db,
      'SHOW INDEXES YIELD name, state, populationPercent, options WHERE name = $name RETURN state, populationPercent AS pct, options',
      { name: BENCH_INDEX },
    );
    if (row?.state === 'ONLINE') return { seconds: (performance.now() - t0) / 1000, config: row.options.indexConfig };
    if (row?.state === 'FAILED') throw new Error(`Neo4j vector index ${BENCH_INDEX} FAILED to populate`);
    const elapsed = performance.now() - t0;
    if (elapsed > timeoutMs) throw new Error(`Neo4j vector index not ONLINE after ${(timeoutMs / 1000).toFixed(0)} s`);
    if (elapsed - lastLog > 15_000) {
      lastLog = elapsed;
      log(`  neo4j index ${row?.state ?? '?'} ${row ? row.pct.toFixed(0) : '?'}% after ${(elapsed / 1000).toFixed(0)} s`);
    }
    await sleep(200);
  }
}

const QUERY = `CALL db.index.vector.queryNodes('${BENCH_INDEX}', $k, $vector) YIELD node, score RETURN node.id AS id, score`;

/** What graph-store/db.ts readQuery runs (a managed read transaction), keeping the summary. */
async function read(db: Db, cypher: string, params: Record<string, unknown>) {
  return db.driver.executeQuery(cypher, params, { database: db.database, routing: neo4j.routing.READ });
}

/**
 * Row indices of the top `take` of a `k`-nearest query (ids are "bench/<row>"), and the server's
 * own time for it (resultAvailableAfter + resultConsumedAfter, whole ms).
 */
export async function queryNodes(db: Db, vector: Float32Array, k: number, take = 10): Promise<{ rows: number[]; serverMs: number }> {
  const res = await read(db, QUERY, { k, vector: Array.from(vector) });
  const rows = res.records.slice(0, take).map((r) => {
    const id = r.get('id') as string;
    return Number(id.slice(id.lastIndexOf('/') + 1));
  });
  return { rows, serverMs: Number(res.summary.resultAvailableAfter) + Number(res.summary.resultConsumedAfter) };
}

/** The same round trip without the index: the query's 384 floats sent and their count returned. */
export async function roundTrip(db: Db, vector: Float32Array): Promise<{ rows: number[]; serverMs: number }> {
  const res = await read(db, 'RETURN size($vector) AS n', { vector: Array.from(vector) });
  return { rows: [], serverMs: Number(res.summary.resultAvailableAfter) + Number(res.summary.resultConsumedAfter) };
}

export async function countNodes(db: Db): Promise<number> {
  const [r] = await readQuery<{ n: number }>(db, `MATCH (n:${BENCH_LABEL}) RETURN count(n) AS n`);
  return r?.n ?? 0;
}
