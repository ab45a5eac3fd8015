/**
 * The parser, checked against an independent reading of the demo corpus.
 *
 * test/fixtures/expected/<file-stem>.json holds what each document in data/corpus SAYS, written by
 * reading the text line by line (never by running the parser). Every fact carries the line it comes
 * from; `_notes`, `_note`, `_countNotes` and `_citationNotes` explain the reading and are not asserted.
 *
 * COUNTING RULE (taskCount, directiveCount)
 *   - An item is a bullet ("-", "+", Markdown "\-"), a lettered or numbered paragraph ("a)", "1.",
 *     "2.1-", "3.4."), an ordinal paragraph ("Một là, …"), a table row, or an unmarked paragraph standing
 *     under a group heading (as the paragraphs of 69-KL/TW's groups 1-6 do).
 *   - A task is an actionable item with no sub-items inside a section about tasks and solutions:
 *     "NHIỆM VỤ", "GIẢI PHÁP", "nhiệm vụ trọng tâm", the assignments of "TỔ CHỨC THỰC HIỆN", or a table
 *     of tasks. An item with sub-items is a section, not a task: "b) Sở … chủ trì, phối hợp với …:"
 *     followed by bullets, "Một là, …" followed by paragraphs, a bold group row of a table.
 *   - Items under "MỤC ĐÍCH, YÊU CẦU", "QUAN ĐIỂM", "MỤC TIÊU", "PHƯƠNG HƯỚNG", "TÌNH HÌNH / KẾT QUẢ",
 *     preambles, footnotes, "Nơi nhận" and signature blocks are not tasks.
 *   - An appendix table row that restates a body task is that task (one task, found by either line;
 *     the row's lead and timeline apply); where the table splits a body paragraph into rows, the rows
 *     are the tasks (003).
 *   - Central documents: the paragraphs of the task groups are directive items (directiveCount, counted
 *     with `isDirective`); their "Tổ chức thực hiện" items are tasks (`isTask`).
 *   Counting is a judgement call, so each fixture asserts a band (taskCountMin..taskCountMax) and says
 *   in `_countNotes` exactly what it counted.
 *
 * WHAT IS ASSERTED, per document (one `describe` per fixture, so one failing document hides no other)
 *   - identity: typeCode, number (compared as its slug), issuerPath, level, province, date, year, signer,
 *     and the id / numberKey that graph-schema/ids.ts derives from them.
 *   - citations: the exact set of other documents cited, compared on (issuerPath, typeCode, number slug)
 *     plus year when the text dates a mention. Each must be ONE node with at least one CitationEdge, one
 *     of whose spans covers a line that mentions it. `implements: true` requires an IMPLEMENTS edge;
 *     `implements: false` forbids one (a mere citation must stay CITES); `implementsAmbiguous: true`
 *     accepts either kind. Cited documents without a number (unnumbered references) are not judged.
 *   - the task count (and directive count) within the band.
 *   - each listed task: a task item (directive item for `kind: "directive"`) whose text starts with
 *     `textStartsWith` (after NFC, whitespace, Markdown/HTML and list-marker clean-up; the words after a
 *     leading "<lead clause>:" also count as the start) AND whose [lineStart, lineEnd] contains `line`.
 *     Then, when the fixture gives them:
 *       lead            the non-collective LEADS agencies, by name or alias; null = none
 *       collectiveLead  a whole group leads ("Các sở, ban, ngành, …"): at least one collective LEADS
 *                       agency; collective leads are an error when none is expected
 *       coordinating    the non-collective COORDINATES agencies; entries with `collective: true` require
 *                       at least one collective coordinator, and extra collective coordinators are allowed
 *       timeline        kind, from, to (003's appendix rows)
 *     An omitted field is not asserted (the fixture's `_note` says why).
 *   Agencies are matched leniently on spelling (case, marks, Ủy/Uỷ, "UBND"/"Sở KH&CN" abbreviations,
 *   a trailing "tỉnh", "có liên quan") but strictly on identity: Sở Tài chính never matches Sở Khoa học
 *   và Công nghệ. A collective may also be matched by a non-collective agency whose name's words all
 *   occur in the expected collective phrase ("Ủy ban nhân dân các huyện, thị xã, thành phố").
 *
 * The parser module is imported dynamically so that this file type-checks before it exists; its output
 * is validated against the DocumentRecord schema before anything else is compared.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DocumentRecord,
  DocumentTypeCode,
  Level,
  TimelineKind,
  documentId,
  numberKey,
  type AgencyNode,
  type DocumentNode,
  type ItemNode,
} from '../../graph-schema/index.js';
import { slugify } from '../../core/vn-text.js';
import {
  AgencyRef,
  type AgencyExpectation,
  agencyMatches,
  canonText,
  textMatches,
  toExpectation,
  withinCollective,
} from '../helpers/gold-match.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');


const ExpectedTask = z.object({
  kind: z.enum(['task', 'directive']).default('task'),
  textStartsWith: z.string().min(10),
  line: z.number().int().positive(),
  tableRow: z.string().optional(),
  lead: z.union([AgencyRef, z.array(AgencyRef)]).nullable().optional(),
  collectiveLead: z.array(z.object({ name: z.string().min(1), collective: z.literal(true) })).optional(),
  coordinating: z.array(AgencyRef).optional(),
  timeline: z
    .object({ raw: z.string().min(1), kind: TimelineKind, from: isoDate.nullable(), to: isoDate.nullable() })
    .optional(),
});
type ExpectedTask = z.output<typeof ExpectedTask>;

const ExpectedCitation = z.object({
  number: z.string().min(1),
  numberVariants: z.array(z.string().min(1)).optional(),
  typeCode: DocumentTypeCode,
  typeCodeVariants: z.array(DocumentTypeCode).optional(),
  issuerPath: z.string().min(1),
  year: z.number().int().nullable(),
  implements: z.boolean(),
  implementsAmbiguous: z.boolean().optional(),
  line: z.number().int().positive(),
});
type ExpectedCitation = z.output<typeof ExpectedCitation>;

const Fixture = z
  .object({
    source: z.string().min(1),
    identity: z.object({
      typeCode: DocumentTypeCode,
      number: z.string().min(1).nullable(),
      issuerPath: z.string().min(1),
      level: Level,
      province: z.string().min(1).nullable(),
      date: isoDate.nullable(),
      signer: z.string().min(1).nullable(),
    }),
    citations: z.array(ExpectedCitation),
    taskCount: z.number().int().nonnegative(),
    taskCountMin: z.number().int().nonnegative(),
    taskCountMax: z.number().int().nonnegative(),
    directiveCount: z.number().int().nonnegative().optional(),
    directiveCountMin: z.number().int().nonnegative().optional(),
    directiveCountMax: z.number().int().nonnegative().optional(),
    tasks: z.array(ExpectedTask).min(1),
  })
  .refine((f) => f.taskCountMin <= f.taskCount && f.taskCount <= f.taskCountMax, 'taskCount outside its band')
  .refine(
    (f) =>
      (f.directiveCount === undefined && f.directiveCountMin === undefined && f.directiveCountMax === undefined) ||
      (f.directiveCount !== undefined &&
        f.directiveCountMin !== undefined &&
        f.directiveCountMax !== undefined &&
        f.directiveCountMin <= f.directiveCount &&
        f.directiveCount <= f.directiveCountMax),
    'directiveCount, directiveCountMin and directiveCountMax go together, with min <= count <= max',
  );
type Fixture = z.output<typeof Fixture> & { name: string };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'expected');
const CORPUS_DIR = path.join(ROOT, 'data', 'corpus');

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = Fixture.safeParse(JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')));
      if (!parsed.success) throw new Error(`fixture ${file} is malformed:\n${z.prettifyError(parsed.error)}`);
      const name = file.replace(/\.json$/, '');
      if (path.basename(parsed.data.source).replace(/\.[^.]+$/, '') !== name) {
        throw new Error(`fixture ${file} describes ${parsed.data.source}: the file stem must match`);
      }
      return { ...parsed.data, name };
    });
}

const fixtures = loadFixtures();

// ---------------------------------------------------------------------------------------------------
// The parser

type ParseDocument = (text: string, opts: { fileName?: string; contentHash?: string }) => unknown;

/** A plain `string`, so the compiler does not resolve it: the module is written in parallel to this test. */
const PARSER_MODULE: string = '../../ingest/parse/parse-document.js';
let parser: Promise<ParseDocument> | undefined;

function loadParser(): Promise<ParseDocument> {
  parser ??= import(/* @vite-ignore */ PARSER_MODULE).then((mod: { parseDocument?: unknown }) => {
    if (typeof mod.parseDocument !== 'function') {
      throw new Error(`${PARSER_MODULE} does not export a function parseDocument`);
    }
    return mod.parseDocument as ParseDocument;
  });
  return parser;
}

// ---------------------------------------------------------------------------------------------------
// Checks

interface RoleExpectation {
  field: 'lead' | 'coordinating';
  specific: AgencyExpectation[];
  collectives: string[];
  /** Leads: an unexpected collective is an error. Coordinators: extra collectives are tolerated. */
  strictCollectives: boolean;
}

function describeAgencies(found: ReadonlyArray<{ agency: AgencyNode; raw: string }>): string {
  if (found.length === 0) return 'none';
  return found
    .map(({ agency, raw }) => `"${agency.name}"${agency.collective ? ' (collective)' : ''} [raw "${raw}"]`)
    .join(', ');
}

function checkRole(record: DocumentRecord, item: ItemNode, role: 'LEADS' | 'COORDINATES', exp: RoleExpectation): string[] {
  const problems: string[] = [];
  const agencies = new Map(record.agencies.map((a) => [a.id, a]));
  const found: Array<{ agency: AgencyNode; raw: string }> = [];
  for (const edge of record.agencyEdges) {
    if (edge.itemId !== item.id || edge.role !== role) continue;
    const agency = agencies.get(edge.agencyId);
    if (agency) found.push({ agency, raw: edge.raw });
    else problems.push(`${exp.field}: ${role} edge to agency id ${edge.agencyId}, which is not in record.agencies`);
  }
  for (const want of exp.specific) {
    if (!found.some(({ agency }) => agencyMatches(agency, want))) {
      problems.push(`${exp.field}: expected "${want.name}", got ${describeAgencies(found)}`);
    }
  }
  let collectiveFound = false;
  for (const f of found) {
    if (exp.specific.some((want) => agencyMatches(f.agency, want))) continue;
    const groupLike = f.agency.collective || exp.collectives.some((c) => withinCollective(f.agency, c));
    if (groupLike && exp.collectives.length > 0) {
      collectiveFound = true;
      continue;
    }
    if (f.agency.collective && !exp.strictCollectives) continue;
    problems.push(
      `${exp.field}: unexpected ${f.agency.collective ? 'collective ' : ''}agency "${f.agency.name}" [raw "${f.raw}"]` +
        ` (expected ${exp.specific.map((s) => `"${s.name}"`).join(', ') || 'no specific agency'}` +
        `${exp.collectives.length ? ` and a collective like "${exp.collectives.join('"; "')}"` : ''})`,
    );
  }
  if (exp.collectives.length > 0 && !collectiveFound) {
    problems.push(`${exp.field}: expected a collective ("${exp.collectives.join('"; "')}"), got ${describeAgencies(found)}`);
  }
  return problems;
}

function leadExpectation(t: ExpectedTask): RoleExpectation | null {
  if (t.lead === undefined && t.collectiveLead === undefined) return null;
  const refs = t.lead == null ? [] : Array.isArray(t.lead) ? t.lead : [t.lead];
  return {
    field: 'lead',
    specific: refs.map(toExpectation),
    collectives: (t.collectiveLead ?? []).map((c) => c.name),
    strictCollectives: true,
  };
}

function coordinatingExpectation(t: ExpectedTask): RoleExpectation | null {
  if (t.coordinating === undefined) return null;
  const isCollective = (r: AgencyRef): boolean => typeof r !== 'string' && r.collective === true;
  return {
    field: 'coordinating',
    specific: t.coordinating.filter((r) => !isCollective(r)).map(toExpectation),
    collectives: t.coordinating.filter(isCollective).map((r) => (typeof r === 'string' ? r : r.name)),
    strictCollectives: false,
  };
}

function span(i: { lineStart: number; lineEnd: number }): string {
  return i.lineStart === i.lineEnd ? `${i.lineStart}` : `${i.lineStart}-${i.lineEnd}`;
}

function checkTask(record: DocumentRecord, t: ExpectedTask): string[] {
  const isKind = (i: ItemNode): boolean => (t.kind === 'directive' ? i.isDirective : i.isTask);
  const flag = t.kind === 'directive' ? 'isDirective' : 'isTask';
  // An appendix row that restates a body task is that task: found by the row's line, in the task's words.
  const restating = record.items.filter((i) => i.restatedAt.some((r) => r.lineStart <= t.line && t.line <= r.lineEnd));
  if (restating.length > 0) return checkFound(record, restating.filter(isKind)[0], t, flag);
  const sameText = record.items.filter((i) => textMatches(i.text, t.textStartsWith));
  const candidates = sameText.filter(isKind);
  if (candidates.length === 0) {
    const atLine = record.items.filter((i) => i.lineStart <= t.line && t.line <= i.lineEnd);
    return [
      `text: no item with ${flag} starts with "${t.textStartsWith}"` +
        (sameText.length
          ? `; items with that text (lines ${sameText.map(span).join(', ')}) have ${flag}=false`
          : '') +
        (atLine.length
          ? `; items spanning line ${t.line}: ${atLine
              .map((i) => `[${span(i)}${i.isTask ? ' task' : ''}${i.isDirective ? ' directive' : ''}] "${canonText(i.text).slice(0, 60)}"`)
              .join('; ')}`
          : `; no item spans line ${t.line}`),
    ];
  }
  const item = candidates.find((i) => i.lineStart <= t.line && t.line <= i.lineEnd);
  if (!item) {
    return [`line: items starting with "${t.textStartsWith}" span lines ${candidates.map(span).join(', ')}, none contains line ${t.line}`];
  }
  return checkFound(record, item, t, flag);
}

/** The lead, coordinating agencies and timeline of the item found for an expected task. */
function checkFound(record: DocumentRecord, item: ItemNode | undefined, t: ExpectedTask, flag: string): string[] {
  if (!item) return [`line ${t.line} restates an item that is not ${flag}`];
  const problems: string[] = [];
  const lead = leadExpectation(t);
  if (lead) problems.push(...checkRole(record, item, 'LEADS', lead));
  const coordinating = coordinatingExpectation(t);
  if (coordinating) problems.push(...checkRole(record, item, 'COORDINATES', coordinating));
  if (t.timeline) {
    const got = item.timeline;
    const want = t.timeline;
    if (!got) {
      problems.push(`timeline: expected ${want.kind} ("${want.raw}"), got none`);
    } else {
      if (got.kind !== want.kind) problems.push(`timeline.kind: expected ${want.kind}, got ${got.kind} (raw "${got.raw}")`);
      if (got.from !== want.from) problems.push(`timeline.from: expected ${want.from}, got ${got.from}`);
      if (got.to !== want.to) problems.push(`timeline.to: expected ${want.to}, got ${got.to}`);
    }
  }
  return problems;
}

function citationProblems(record: DocumentRecord, expected: readonly ExpectedCitation[], sourceLines: readonly string[]): string[] {
  const problems: string[] = [];
  const self = record.document;
  const lineSlugs = sourceLines.map((l) => `-${slugify(l)}-`);
  const mentionLines = (slugs: readonly string[]): number[] =>
    lineSlugs.flatMap((l, k) => (slugs.some((s) => l.includes(`-${s}-`)) ? [k + 1] : []));
  const citedIds = new Set(record.citedDocuments.map((d) => d.id));

  for (const edge of record.citations) {
    // A document may also state its parents' lineage ("245-KH/TU … thực hiện Kết luận 69-KL/TW"):
    // such chain edges start at a cited document, never anywhere else.
    if (edge.from !== self.id && !citedIds.has(edge.from)) {
      problems.push(`CitationEdge from ${edge.from}, neither the document ${self.id} nor a document it cites`);
    }
    if (!citedIds.has(edge.to)) problems.push(`CitationEdge to ${edge.to}, which is not in record.citedDocuments`);
  }

  const matched = new Set<DocumentNode>();
  for (const c of expected) {
    const slugs = [c.number, ...(c.numberVariants ?? [])].map(slugify);
    const types: string[] = [c.typeCode, ...(c.typeCodeVariants ?? [])];
    const label = `${c.number} (${c.issuerPath}, ${c.typeCode}, line ${c.line})`;
    const sameNumber = record.citedDocuments.filter((d) => d.number !== null && slugs.includes(slugify(d.number)));
    const hits = sameNumber.filter((d) => d.issuerPath === c.issuerPath && types.includes(d.typeCode));
    if (hits.length === 0) {
      problems.push(
        `missing citation ${label}` +
          (sameNumber.length ? `; the number was cited as ${sameNumber.map((d) => d.id).join(', ')}` : ''),
      );
      continue;
    }
    for (const h of hits) matched.add(h);
    if (hits.length > 1) problems.push(`citation ${label} is ${hits.length} nodes, expected one: ${hits.map((d) => d.id).join(', ')}`);
    if (c.year !== null && !hits.some((d) => d.year === c.year)) {
      problems.push(`citation ${label}: year expected ${c.year}, got ${hits.map((d) => d.year).join(', ')}`);
    }
    const ids = new Set(hits.map((d) => d.id));
    const edges = record.citations.filter((e) => e.from === self.id && ids.has(e.to));
    if (edges.length === 0) {
      problems.push(`citation ${label}: no CitationEdge to ${[...ids].join(', ')}`);
      continue;
    }
    const hasImplements = edges.some((e) => e.kind === 'IMPLEMENTS');
    if (!c.implementsAmbiguous) {
      if (c.implements && !hasImplements) problems.push(`citation ${label}: expected IMPLEMENTS, got only CITES`);
      if (!c.implements && hasImplements) {
        const at = edges.filter((e) => e.kind === 'IMPLEMENTS').map(span).join(', ');
        problems.push(`citation ${label}: expected CITES only (a mere citation), got IMPLEMENTS at lines ${at}`);
      }
    }
    const mentioned = mentionLines([...slugs, ...hits.flatMap((d) => (d.number ? [slugify(d.number)] : []))]);
    if (!edges.some((e) => mentioned.some((l) => e.lineStart <= l && l <= e.lineEnd))) {
      problems.push(
        `citation ${label}: no edge spans a line that mentions it (edges at ${edges.map(span).join(', ')}; mentioned on ${mentioned.join(', ')})`,
      );
    }
  }

  for (const d of record.citedDocuments) {
    if (matched.has(d) || d.number === null) continue;
    const isSelf =
      self.number !== null &&
      d.issuerPath === self.issuerPath &&
      d.typeCode === self.typeCode &&
      slugify(d.number) === slugify(self.number);
    problems.push(isSelf ? `the document cites itself: ${d.id}` : `unexpected citation ${d.id} (number "${d.number}")`);
  }
  return problems;
}

function identityProblems(record: DocumentRecord, fx: Fixture): string[] {
  const problems: string[] = [];
  const d = record.document;
  const e = fx.identity;
  const check = (field: string, got: unknown, want: unknown): void => {
    if (got !== want) problems.push(`identity.${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  const year = e.date ? Number(e.date.slice(0, 4)) : null;
  const text = (s: string | null): string | null => (s === null ? null : canonText(s));
  check('typeCode', d.typeCode, e.typeCode);
  check('number', d.number === null ? null : slugify(d.number), e.number === null ? null : slugify(e.number));
  check('issuerPath', d.issuerPath, e.issuerPath);
  check('level', d.level, e.level);
  check('province', text(d.province), text(e.province));
  check('date', d.date, e.date);
  check('year', d.year, year);
  check('signer', text(d.signer), text(e.signer));
  check('stub', d.stub, false);
  if (e.number !== null) {
    check('id', d.id, documentId({ issuerPath: e.issuerPath, typeCode: e.typeCode, number: e.number, year }));
    check('numberKey', d.numberKey, numberKey({ issuerPath: e.issuerPath, typeCode: e.typeCode, number: e.number }));
  } else {
    const prefix = `vn/${e.issuerPath}/${e.typeCode}/untitled-`;
    if (!d.id.startsWith(prefix)) problems.push(`identity.id: expected an id starting with ${prefix}, got ${d.id}`);
    check('numberKey', d.numberKey, null);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Tests

describe.each(fixtures)('parser vs. independent reading: $name', (fx) => {
  const text = readFileSync(path.join(CORPUS_DIR, fx.source), 'utf8');
  const sourceLines = text.split('\n');
  let record: DocumentRecord;

  beforeAll(async () => {
    const parseDocument = await loadParser();
    const output = parseDocument(text, { fileName: path.basename(fx.source) });
    const parsed = DocumentRecord.safeParse(output);
    if (!parsed.success) {
      throw new Error(`parseDocument(${fx.source}) did not return a valid DocumentRecord:\n${z.prettifyError(parsed.error)}`);
    }
    record = parsed.data;
  });

  it('identity', () => {
    expect(identityProblems(record, fx), `${fx.name}: identity`).toEqual([]);
  });

  it(`citations: exactly the ${fx.citations.length} expected documents, with the right kind`, () => {
    expect(citationProblems(record, fx.citations, sourceLines), `${fx.name}: citations`).toEqual([]);
  });

  it(`task count within ${fx.taskCountMin}-${fx.taskCountMax} (read: ${fx.taskCount})`, () => {
    const n = record.items.filter((i) => i.isTask).length;
    const message = `${fx.name}: ${n} items with isTask, expected ${fx.taskCountMin}-${fx.taskCountMax} (read: ${fx.taskCount})`;
    expect(n, message).toBeGreaterThanOrEqual(fx.taskCountMin);
    expect(n, message).toBeLessThanOrEqual(fx.taskCountMax);
  });

  if (fx.directiveCount !== undefined) {
    const [min, max, read] = [fx.directiveCountMin ?? 0, fx.directiveCountMax ?? 0, fx.directiveCount];
    it(`directive count within ${min}-${max} (read: ${read})`, () => {
      const n = record.items.filter((i) => i.isDirective).length;
      const message = `${fx.name}: ${n} items with isDirective, expected ${min}-${max} (read: ${read})`;
      expect(n, message).toBeGreaterThanOrEqual(min);
      expect(n, message).toBeLessThanOrEqual(max);
    });
  }

  const cases = fx.tasks.map((t, k) => ({
    ...t,
    label:
      `${t.kind} #${k + 1} at line ${t.line}` +
      (t.tableRow ? ` (appendix row ${t.tableRow})` : '') +
      `: "${t.textStartsWith.slice(0, 48)}"`,
  }));
  it.each(cases)('$label', (t) => {
    expect(checkTask(record, t), `${fx.name}, ${t.label}`).toEqual([]);
  });
});
