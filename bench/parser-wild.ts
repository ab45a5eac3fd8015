/**
 * How well the parser reads real documents (data/wild: portal copies, OCR, transcriptions):
 * identity of all 68 against data/wild/identity.tsv, tasks and leads of the plans whose every
 * task was written down by reading them (test/fixtures/wild-gold/).
 *
 *   npx tsx bench/parser-wild.ts        the tables
 *   npx tsx bench/parser-wild.ts -v     also every miss
 */
import path from 'node:path';
import Table from 'cli-table3';
import { REPO_ROOT } from '../core/paths.js';
import { parseFile } from '../ingest/parse-file.js';
import type { DocumentRecord } from '../graph-schema/index.js';
import {
  addScores,
  identityChecks,
  loadIdentityRows,
  loadWildGold,
  rates,
  scoreTasks,
  type IdentityField,
  type TaskScore,
} from '../test/helpers/wild-gold.js';

const WILD = path.join(REPO_ROOT, 'data/wild');
const GOLD = path.join(REPO_ROOT, 'test/fixtures/wild-gold');
const verbose = process.argv.includes('-v');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function read(file: string): Promise<DocumentRecord | null> {
  const parsed = await parseFile(path.join(WILD, 'docs', file), 20 * 1024 * 1024);
  if (!parsed.ok) console.error(`${file}: ${parsed.error}`);
  return parsed.ok ? parsed.record : null;
}

async function identity(): Promise<void> {
  const rows = loadIdentityRows(path.join(WILD, 'identity.tsv'));
  const tally = new Map<IdentityField, [number, number]>();
  let crashes = 0;
  for (const row of rows) {
    const record = await read(row.file);
    if (!record) crashes++;
    for (const c of identityChecks(record?.document, row)) {
      const t = tally.get(c.field) ?? [0, 0];
      tally.set(c.field, [t[0] + (c.ok ? 1 : 0), t[1] + 1]);
      if (!c.ok && verbose) console.log(`  ${c.field.padEnd(8)} ${row.file}: want ${c.want} got ${c.got}`);
    }
  }
  const table = new Table({ style: { head: [], border: [] }, head: ['identity (data/wild, 68)', 'right', 'of', 'rate'] });
  for (const [field, [ok, n]] of tally) table.push([field, ok, n, pct(ok / n)]);
  console.log(table.toString());
  console.log(`documents refused or crashed: ${crashes}`);
}

async function tasks(): Promise<void> {
  const table = new Table({ style: { head: [], border: [] }, head: ['document', 'gold', 'parsed', 'task P', 'task R', 'lead P', 'lead R', 'coord P', 'coord R'] });
  const scores: TaskScore[] = [];
  for (const gold of loadWildGold(GOLD)) {
    const record = await read(gold.source);
    if (!record) continue;
    const s = scoreTasks(record, gold);
    scores.push(s);
    const r = rates(s);
    table.push([gold.source.slice(0, 28), s.goldTasks, s.parsedTasks, pct(r.taskPrecision), pct(r.taskRecall), pct(r.leadPrecision), pct(r.leadRecall), pct(r.coordPrecision), pct(r.coordRecall)]);
    if (verbose) {
      for (const m of s.missed) console.log(`  missed ${gold.source}:${m.line} "${m.textStartsWith.slice(0, 70)}"`);
      for (const e of s.extra) console.log(`  extra  ${gold.source}:${e.lineStart}-${e.lineEnd} "${e.text.slice(0, 70).replace(/\n/g, ' ')}"`);
      for (const w of s.wrongLeads) console.log(`  lead   ${gold.source}:${w.task.line} want ${JSON.stringify(w.task.lead)} got ${JSON.stringify(w.got)}`);
    }
  }
  const all = addScores(scores);
  const r = rates(all);
  table.push(['all', all.goldTasks, all.parsedTasks, pct(r.taskPrecision), pct(r.taskRecall), pct(r.leadPrecision), pct(r.leadRecall), pct(r.coordPrecision), pct(r.coordRecall)]);
  console.log(table.toString());
}

await identity();
await tasks();
