/**
 * Writes the synthetic corpus (plans.ts) into a graph the way the product ingests documents:
 * 69-KL/TW and 20-NQ/TW of data/corpus/national through ingestFiles, then every plan's text
 * (plan-text.ts) parsed by the product's parser (parseBytes, in the upload's worker thread) and
 * written by ingestRecord (ingest/pipeline.ts): which-text, task → directive linking against the
 * directive items of what the plan carries out, the graph store's one-transaction upsert. The
 * links are those the linker finds, not made up.
 *
 * Writes are one document per transaction, in turn, as the product writes (a document never half
 * written; graph-store/write-turns.ts). What is parallel is parsing: plans are parsed in the
 * worker thread while earlier ones are being written, so the parser's core and Neo4j's overlap.
 */
import { join } from 'node:path';
import type { Db } from '../../graph-store/db.js';
import { readQuery } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles, ingestRecord } from '../../ingest/pipeline.js';
import { closeParsePool, parseBytesOffThread } from '../../ingest/parse-pool.js';
import { REPO_ROOT } from '../../core/paths.js';
import { planText } from './plan-text.js';
import { clausePools, DEFAULT_SCALE, scalePlans, type PlanSpec, type ScaleOptions } from './plans.js';

const MAX_BYTES = 5 * 1024 * 1024;
/** Plans parsed ahead of the one being written: enough to keep the worker busy, few in memory. */
const PARSE_AHEAD = 8;

export interface GraphTotals {
  /** Documents with text (stubs apart). */
  documents: number;
  stubs: number;
  items: number;
  tasks: number;
  directives: number;
  agencies: number;
  /** Task → directive IMPLEMENTS links. */
  itemLinks: number;
  /** Tasks with a lead agency. */
  ledTasks: number;
  provinces: number;
}

export interface ScaleGraphResult {
  options: ScaleOptions;
  plans: number;
  failed: { file: string; error: string }[];
  /** data/corpus/national through ingestFiles. */
  nationalSeconds: number;
  /** From the first plan parsed to the last written. */
  plansSeconds: number;
  plansPerSecond: number;
  totals: GraphTotals;
}

/** Writes the corpus into `db` (which should be empty) and returns what it wrote and how fast. */
export async function writeScaleGraph(
  db: Db,
  opts: ScaleOptions = DEFAULT_SCALE,
  log: (line: string) => void = () => undefined,
): Promise<ScaleGraphResult> {
  await migrate(db);
  const t0 = performance.now();
  const national = await ingestFiles(db, await discoverFiles([join(REPO_ROOT, 'data/corpus/national')]), { maxBytes: MAX_BYTES });
  const failed = national.flatMap((o) => (o.status === 'failed' ? [{ file: o.file, error: o.error }] : []));
  const nationalSeconds = (performance.now() - t0) / 1000;

  const plans = scalePlans(clausePools(join(REPO_ROOT, 'data/corpus')), opts);
  const t1 = performance.now();
  try {
    failed.push(...(await writePlans(db, plans, log)));
  } finally {
    await closeParsePool();
  }
  const plansSeconds = (performance.now() - t1) / 1000;
  return { options: opts, plans: plans.length, failed, nationalSeconds, plansSeconds, plansPerSecond: plans.length / plansSeconds, totals: await graphTotals(db) };
}

/** Parses ahead in the worker, writes in order (a Tỉnh ủy plan before the plans carrying it out). */
export async function writePlans(db: Db, plans: PlanSpec[], log: (line: string) => void): Promise<{ file: string; error: string }[]> {
  const failed: { file: string; error: string }[] = [];
  const parse = (p: PlanSpec) => {
    const parsed = parseBytesOffThread(Buffer.from(planText(p), 'utf8'), p.fileName, MAX_BYTES);
    // A refusal is reported when its turn to be written comes, not as an unhandled rejection before.
    parsed.catch(() => undefined);
    return parsed;
  };
  const ahead = plans.slice(0, PARSE_AHEAD).map(parse);
  const started = performance.now();
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const parsed = ahead.shift()!;
    if (i + PARSE_AHEAD < plans.length) ahead.push(parse(plans[i + PARSE_AHEAD]!));
    try {
      const outcome = await ingestRecord(db, plan.fileName, await parsed);
      if (outcome.status === 'failed') failed.push({ file: plan.fileName, error: outcome.error });
    } catch (err) {
      failed.push({ file: plan.fileName, error: (err as Error).message });
    }
    if ((i + 1) % 100 === 0 || i + 1 === plans.length) {
      const s = (performance.now() - started) / 1000;
      log(`  ${i + 1}/${plans.length} plans written, ${((i + 1) / s).toFixed(1)} plans/s`);
    }
  }
  return failed;
}

export async function graphTotals(db: Db): Promise<GraphTotals> {
  const [row] = await readQuery<GraphTotals>(
    db,
    `CALL () { MATCH (d:Document) RETURN count(CASE WHEN NOT d.stub THEN 1 END) AS documents, count(CASE WHEN d.stub THEN 1 END) AS stubs,
                                        count(DISTINCT CASE WHEN NOT d.stub THEN d.province END) AS provinces }
     CALL () { MATCH (i:Item) RETURN count(i) AS items, count(CASE WHEN i:Task THEN 1 END) AS tasks, count(CASE WHEN i:Directive THEN 1 END) AS directives }
     CALL () { MATCH (t:Task) WHERE EXISTS { (:Agency)-[:LEADS]->(t) } RETURN count(t) AS ledTasks }
     CALL () { MATCH (:Item)-[r:IMPLEMENTS]->(:Item) RETURN count(r) AS itemLinks }
     CALL () { MATCH (a:Agency) RETURN count(a) AS agencies }
     RETURN documents, stubs, items, tasks, directives, agencies, itemLinks, ledTasks, provinces`,
    {},
    { deadlineMs: 120_000 },
  );
  return row!;
}
