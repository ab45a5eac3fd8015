/**
 * Scoring the parser on real documents (data/wild): identity against data/wild/identity.tsv, tasks
 * and their lead and coordinating agencies against the gold of test/fixtures/wild-gold/ (every
 * task of a document, written by reading it; see that folder's README).
 *
 * A parsed task matches a gold task when its lines cover the gold task's line (or a line where the
 * same task is restated) and its text carries the gold's opening words; each side matches once, so
 * a task the parser reads twice (body and appendix) counts one false positive.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AgencyNode, DocumentRecord, ItemNode } from '../../graph-schema/index.js';
import { matchKey } from '../../core/vn-text.js';
import { AgencyRef, agencyMatches, canonText, toExpectation, withinCollective } from './gold-match.js';

export const WildGold = z.object({
  source: z.string().min(1),
  identity: z.object({
    number: z.string().nullable(),
    typeName: z.string().nullable().optional(),
    issuer: z.string().nullable().optional(),
    province: z.string().nullable(),
    level: z.enum(['central', 'province']),
    date: z.string().nullable(),
  }),
  tasks: z.array(
    z.object({
      line: z.number().int().positive(),
      alsoAt: z.array(z.number().int().positive()).optional(),
      textStartsWith: z.string().min(3),
      lead: z.array(AgencyRef),
      coordinating: z.array(AgencyRef),
      deadline: z.string().nullable().optional(),
    }),
  ),
});
export type WildGold = z.infer<typeof WildGold>;
type GoldTask = WildGold['tasks'][number];

export function loadWildGold(dir: string): WildGold[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => WildGold.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}

/** Counts that add up across documents. */
export interface TaskScore {
  goldTasks: number;
  parsedTasks: number;
  matched: number;
  /** Lead agencies: in the gold (of all gold tasks), found on the matched task, parsed (on matched tasks), parsed and right. */
  goldLeads: number;
  leadsFound: number;
  parsedLeads: number;
  leadsRight: number;
  goldCoords: number;
  coordsFound: number;
  parsedCoords: number;
  coordsRight: number;
  /** Gold tasks not found, and parsed tasks that are no gold task (for -v listings). */
  missed: GoldTask[];
  extra: ItemNode[];
  wrongLeads: Array<{ task: GoldTask; got: string[] }>;
}

const OPENING_WORDS = 6;

function opening(text: string): string {
  return canonText(text).split(' ').slice(0, OPENING_WORDS).join(' ');
}

/** The item's lines, where it restates itself included, hold one of the gold task's lines. */
function covers(item: ItemNode, task: GoldTask): boolean {
  const spans = [item, ...item.restatedAt];
  return [task.line, ...(task.alsoAt ?? [])].some((l) => spans.some((s) => s.lineStart <= l && l <= s.lineEnd));
}

export function scoreTasks(record: DocumentRecord, gold: WildGold): TaskScore {
  const tasks = record.items.filter((i) => i.isTask);
  const agencies = new Map(record.agencies.map((a) => [a.id, a]));
  const roleOf = (item: ItemNode, role: 'LEADS' | 'COORDINATES'): AgencyNode[] =>
    record.agencyEdges.filter((e) => e.itemId === item.id && e.role === role).map((e) => agencies.get(e.agencyId)!).filter(Boolean);
  const used = new Set<string>();
  const score: TaskScore = {
    goldTasks: gold.tasks.length, parsedTasks: tasks.length, matched: 0,
    goldLeads: 0, leadsFound: 0, parsedLeads: 0, leadsRight: 0,
    goldCoords: 0, coordsFound: 0, parsedCoords: 0, coordsRight: 0,
    missed: [], extra: [], wrongLeads: [],
  };
  for (const g of gold.tasks) {
    score.goldLeads += g.lead.length;
    score.goldCoords += g.coordinating.length;
    const words = opening(g.textStartsWith);
    const item = tasks.find((t) => !used.has(t.id) && covers(t, g) && canonText(t.text).includes(words));
    if (!item) {
      score.missed.push(g);
      continue;
    }
    used.add(item.id);
    score.matched++;
    const lead = compareRole(roleOf(item, 'LEADS'), g.lead);
    score.leadsFound += lead.found;
    score.parsedLeads += lead.parsed;
    score.leadsRight += lead.right;
    if (lead.found < g.lead.length || lead.right < lead.parsed) score.wrongLeads.push({ task: g, got: roleOf(item, 'LEADS').map((a) => a.name) });
    const coord = compareRole(roleOf(item, 'COORDINATES'), g.coordinating);
    score.coordsFound += coord.found;
    score.parsedCoords += coord.parsed;
    score.coordsRight += coord.right;
  }
  score.extra = tasks.filter((t) => !used.has(t.id));
  return score;
}

/** How many expected agencies were found, and how many parsed ones are expected. */
function compareRole(got: AgencyNode[], want: AgencyRef[]): { found: number; parsed: number; right: number } {
  const matches = (a: AgencyNode, ref: AgencyRef) => {
    const exp = toExpectation(ref);
    if (agencyMatches(a, exp)) return true;
    const collective = typeof ref !== 'string' && ref.collective === true;
    return collective && (a.collective || withinCollective(a, exp.name));
  };
  return {
    found: want.filter((ref) => got.some((a) => matches(a, ref))).length,
    parsed: got.length,
    right: got.filter((a) => want.some((ref) => matches(a, ref))).length,
  };
}

export function addScores(scores: TaskScore[]): TaskScore {
  const sum = (k: keyof TaskScore) => scores.reduce((s, x) => s + (x[k] as number), 0);
  return {
    goldTasks: sum('goldTasks'), parsedTasks: sum('parsedTasks'), matched: sum('matched'),
    goldLeads: sum('goldLeads'), leadsFound: sum('leadsFound'), parsedLeads: sum('parsedLeads'), leadsRight: sum('leadsRight'),
    goldCoords: sum('goldCoords'), coordsFound: sum('coordsFound'), parsedCoords: sum('parsedCoords'), coordsRight: sum('coordsRight'),
    missed: scores.flatMap((s) => s.missed), extra: scores.flatMap((s) => s.extra), wrongLeads: scores.flatMap((s) => s.wrongLeads),
  };
}

export const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Precision and recall of tasks and leads: leads recall counts the leads of tasks not found as missed. */
export function rates(s: TaskScore) {
  return {
    taskPrecision: ratio(s.matched, s.parsedTasks),
    taskRecall: ratio(s.matched, s.goldTasks),
    leadPrecision: ratio(s.leadsRight, s.parsedLeads),
    leadRecall: ratio(s.leadsFound, s.goldLeads),
    coordPrecision: ratio(s.coordsRight, s.parsedCoords),
    coordRecall: ratio(s.coordsFound, s.goldCoords),
  };
}

// ---------------------------------------------------------------------------------------------------
// Identity against identity.tsv

export interface IdentityRow {
  file: string;
  number: string;
  type: string;
  issuer: string;
  province: string;
  date: string;
  kind: string;
}

export function loadIdentityRows(tsv: string): IdentityRow[] {
  const [head, ...rows] = readFileSync(tsv, 'utf8').split('\n').filter((l) => l.trim());
  const cols = head!.split('\t');
  return rows.map((r) => {
    const cells = r.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ''])) as unknown as IdentityRow;
  });
}

const numberKey = (s: string | null | undefined) =>
  (s ?? '').normalize('NFC').toUpperCase().replace(/Đ/g, 'D').replace(/[\s.\u2013\u2014-]+/g, '-').replace(/^-|-$/g, '');
const placeKey = (s: string | null | undefined) => matchKey(s ?? '').replace(/^(tinh|thanh pho|tp\.?)\s+/, '');

export type IdentityField = 'number' | 'date' | 'province' | 'type';

/** Which identity fields the parser read right, for one row ('?' rows and 'other' types are not judged). */
export function identityChecks(doc: DocumentRecord['document'] | undefined, row: IdentityRow): Array<{ field: IdentityField; ok: boolean; want: string; got: string | null }> {
  const out: Array<{ field: IdentityField; ok: boolean; want: string; got: string | null }> = [];
  const check = (field: IdentityField, want: string, ok: boolean, got: string | null) => {
    if (want === '?' || (field === 'type' && want === 'other')) return;
    out.push({ field, ok, want, got });
  };
  check('number', row.number, numberKey(row.number) === numberKey(doc?.number), doc?.number ?? null);
  check('date', row.date, row.date === (doc?.date ?? ''), doc?.date ?? null);
  check('province', row.province, placeKey(row.province) === placeKey(doc?.province), doc?.province ?? null);
  check('type', row.type, placeKey(row.type) === placeKey(doc?.typeName), doc?.typeName ?? null);
  return out;
}
