/**
 * What "the server survived" means for hostile uploads (issue 10, item 7), shared by the stack
 * test and the bench: each answer on its own (no 5xx, a JSON reason for every refusal, an
 * UploadResult for every success, in time, nothing of the server's insides), and the graph
 * before and after (nothing that was there is lost; new documents only from accepted uploads).
 */
import { readQuery, type Db } from '../../graph-store/db.js';
import { REPO_ROOT } from '../../core/paths.js';
import { UploadResult } from '../../api-schema/documents.js';
import type { HostileAnswer } from './hostile-send.js';

const KL69 = 'vn/tw/kl/69/2024';
export const ANSWER_WITHIN_MS = 10_000;

/** Signs of the server's insides in an answer: stack frames, source or install paths, this machine's folders. */
const LEAKS: [string, RegExp][] = [
  // A frame after a line break, raw or escaped as in a JSON string (backslash, n, "    at parse (…)").
  ['a stack frame', /(?:\n|\\n)\s*at \S+|\bat [\w$.<>]+ \([^)]*\)|at Object\.\S*/g],
  ['a source location', /[\w./-]*\.[jt]s:\d+/g],
  ['node_modules', /\S*node_modules\S*/g],
  ['a path of this machine', new RegExp(`(?:${REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|/work/|/tmp/|/root/|/home/)[^\\s"'),]*`, 'g')],
];

/**
 * What of the server's insides an answer shows. Refusals quote what the client sent (the file
 * name, a ZIP's entry "../../tmp/evil.xml"), which is no leak: a match counts only when the
 * request did not carry it.
 */
function leaks(a: HostileAnswer): string[] {
  const sent = `${a.case.fileName}\n${a.case.body.toString('latin1')}\n${a.case.body.toString('utf8')}`;
  return LEAKS.filter(([, pattern]) => [...a.text.matchAll(pattern)].some((m) => !sent.includes(m[0]))).map(([what]) => what);
}

/** The done-when conditions an answer can break. */
export const ANSWER_CONDITIONS = ['no 5xx', 'JSON with a reason or a result', 'within 10 s', 'nothing of the server shown'] as const;
export type AnswerCondition = (typeof ANSWER_CONDITIONS)[number];

export interface AnswerProblem {
  condition: AnswerCondition;
  what: string;
}

/** What is wrong with one answer; empty when it is right. */
export function answerProblems(a: HostileAnswer): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (condition: AnswerCondition, what: string) => problems.push({ condition, what });
  if (a.status === 0) {
    add('within 10 s', `no answer (${a.failure})`);
    return problems;
  }
  if (a.status >= 500) add('no 5xx', `answered ${a.status}`);
  if (a.ms > ANSWER_WITHIN_MS) add('within 10 s', `took ${(a.ms / 1000).toFixed(1)} s`);
  for (const what of leaks(a)) add('nothing of the server shown', `the body shows ${what}`);
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    add('JSON with a reason or a result', `the body is not JSON: ${JSON.stringify(a.text.slice(0, 120))}`);
    return problems;
  }
  if (!a.contentType.startsWith('application/json')) add('JSON with a reason or a result', `Content-Type ${a.contentType}`);
  if (a.status >= 400 && a.status < 500) {
    const error = (body as { error?: unknown }).error;
    if (typeof error !== 'string' || error.trim() === '') add('JSON with a reason or a result', `${a.status} without an error reason`);
  } else if (a.status === 200 || a.status === 201) {
    const parsed = UploadResult.safeParse(body);
    if (!parsed.success) add('JSON with a reason or a result', `${a.status} whose body is not an upload result`);
    else if ((a.status === 201) !== (parsed.data.status === 'ingested')) add('JSON with a reason or a result', `${a.status} with status ${parsed.data.status}`);
  } else if (a.status < 500) {
    add('JSON with a reason or a result', `unexpected status ${a.status}`);
  }
  return problems;
}

/** The parts of the graph a hostile upload must not take away. */
export interface GraphSnapshot {
  /** Every document, stubs included: id → "stub" or its item count. */
  documents: Map<string, string>;
  /** Who cites each stub: a stub appears with the document that cites it. */
  citersOfStubs: Map<string, string[]>;
  /** 69-KL/TW's items: id → text. */
  kl69Items: Map<string, string>;
  /** Task → directive links into 69-KL/TW's items: "task id → item id". */
  linksIntoKl69: Set<string>;
}

export async function snapshotGraph(db: Db): Promise<GraphSnapshot> {
  const docs = await readQuery<{ id: string; stub: boolean; items: number; citers: string[] }>(
    db,
    `MATCH (d:Document)
     OPTIONAL MATCH (d)-[:CONTAINS]->(i:Item)
     WITH d, count(i) AS items
     OPTIONAL MATCH (c:Document)-[:CITES|IMPLEMENTS]->(d)
     RETURN d.id AS id, coalesce(d.stub, false) AS stub, items, collect(DISTINCT c.id) AS citers`,
  );
  const items = await readQuery<{ id: string; text: string }>(db, 'MATCH (:Document {id: $id})-[:CONTAINS]->(i:Item) RETURN i.id AS id, i.text AS text', { id: KL69 });
  const links = await readQuery<{ task: string; item: string }>(
    db,
    'MATCH (:Document {id: $id})-[:CONTAINS]->(i:Item)<-[:IMPLEMENTS]-(t:Item) RETURN t.id AS task, i.id AS item',
    { id: KL69 },
  );
  return {
    documents: new Map(docs.map((d) => [d.id, d.stub ? 'stub' : `${d.items} items`])),
    citersOfStubs: new Map(docs.filter((d) => d.stub).map((d) => [d.id, d.citers])),
    kl69Items: new Map(items.map((i) => [i.id, i.text])),
    linksIntoKl69: new Set(links.map((l) => `${l.task} → ${l.item}`)),
  };
}

/**
 * What was lost or added against the rules between two snapshots. A stub may gain its text (an
 * accepted upload of the cited document). New documents, and links into 69-KL/TW, may come only
 * from the documents that uploads answered 201 for (`ingested`), or be stubs they cite.
 */
export function graphProblems(before: GraphSnapshot, after: GraphSnapshot, ingested: Set<string>): string[] {
  const problems: string[] = [];
  for (const [id, was] of before.documents) {
    const now = after.documents.get(id);
    if (now === undefined) problems.push(`document ${id} is gone`);
    else if (was !== 'stub' && now !== was) problems.push(`document ${id} had ${was}, now ${now}`);
  }
  for (const id of after.documents.keys()) {
    if (before.documents.has(id) || ingested.has(id)) continue;
    const citers = after.citersOfStubs.get(id);
    if (!citers?.some((c) => ingested.has(c))) problems.push(`document ${id} appeared without an upload answering 201 for it`);
  }
  for (const [id, text] of before.kl69Items) {
    const now = after.kl69Items.get(id);
    if (now === undefined) problems.push(`69-KL/TW item ${id} is gone`);
    else if (now !== text) problems.push(`69-KL/TW item ${id} has another text`);
  }
  for (const id of after.kl69Items.keys()) if (!before.kl69Items.has(id)) problems.push(`69-KL/TW has a new item ${id}`);
  for (const link of before.linksIntoKl69) if (!after.linksIntoKl69.has(link)) problems.push(`link ${link} is gone`);
  for (const link of after.linksIntoKl69) {
    const from = link.split('#')[0]!;
    if (!before.linksIntoKl69.has(link) && !ingested.has(from)) problems.push(`link ${link} appeared from a document no upload created`);
  }
  return problems;
}

/** Ids of the documents that uploads answered 201 for. */
export function ingestedIds(answers: HostileAnswer[]): Set<string> {
  return new Set(answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.text) as { documentId: string }).documentId));
}
