/**
 * The relevance set (test/fixtures/relevance/queries.json, written by reading the corpus) and
 * how its judgments find their items in the graph: by the start of the item's text within its
 * source file (case-insensitive, whitespace collapsed, the `occurrence`-th match in document
 * order); for an appendix row merged into the body task it restated, by the line the judged words
 * are on; failing both, by the item id the parser gave when the set was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../graph-store/db.js';
import { itemsBySourceFile } from '../../graph-store/search-reads.js';
import { REPO_ROOT } from '../../core/paths.js';

export const RELEVANCE_SET = path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json');

/** One judged item, found by the start of its text in its source file (see the module comment). */
export const Judgment = z.object({
  file: z.string(),
  id: z.string(),
  textStartsWith: z.string(),
  grade: z.union([z.literal(1), z.literal(2)]),
  occurrence: z.number().int().positive().optional(),
});

const RelevanceFile = z.object({
  queries: z.array(
    z.object({
      id: z.string(),
      query: z.string(),
      intent: z.string(),
      relevant: z.array(Judgment),
    }),
  ),
});
export type RelevanceFile = z.infer<typeof RelevanceFile>;

export interface JudgedQuery {
  id: string;
  query: string;
  intent: string;
  /** Item id → grade (1 partly relevant, 2 squarely about it). */
  relevant: Map<string, 1 | 2>;
}

export interface ResolvedSet {
  queries: JudgedQuery[];
  /** Items that were judged at all (tasks and directive items); others count as unjudged. */
  judgedUniverse: Set<string>;
  /** Judgments that matched no item, neither by text nor by id. */
  unresolved: string[];
  /** Judgments found only through their id (their text start no longer matches). */
  byIdOnly: number;
}

export function loadRelevanceSet(file = RELEVANCE_SET): RelevanceFile {
  return RelevanceFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();

export type FileItem = Awaited<ReturnType<typeof itemsBySourceFile>>[number];
export type Judgment = z.infer<typeof Judgment>;

/**
 * A judgment of an appendix row that restated a body task, now merged into it: the line of the
 * source file where the judged words are written (its `occurrence`-th), and the item whose lines,
 * or whose restatements, hold that line.
 */
function restatedItem(items: FileItem[], j: Judgment): FileItem | undefined {
  const source = path.join(REPO_ROOT, 'data/corpus', path.basename(j.file));
  if (!fs.existsSync(source)) return undefined;
  const start = norm(j.textStartsWith);
  const lines = fs.readFileSync(source, 'utf8').split('\n').map((l) => norm(l.replace(/<[^>]+>|[*\\]/g, ' ')));
  const at = lines.map((l, i) => (l.includes(start) ? i + 1 : 0)).filter(Boolean)[(j.occurrence ?? 1) - 1];
  if (!at) return undefined;
  const holds = (s: number, e: number) => s <= at && at <= e;
  return items.find((i) => holds(i.lineStart, i.lineEnd) || i.restatedLineStarts.some((s, k) => holds(s, i.restatedLineEnds[k] ?? s)));
}

/**
 * Finds judged items among the graph's items read from files: by text, then by restated line,
 * then by id (`byIdOnly`: the text start no longer matches); undefined when nothing matches.
 */
export function judgmentResolver(items: FileItem[]): (j: Judgment) => { id: string; byIdOnly: boolean } | undefined {
  const byFile = new Map<string, FileItem[]>();
  for (const it of items) {
    const list = byFile.get(it.file) ?? [];
    list.push(it);
    byFile.set(it.file, list);
  }
  const ids = new Set(items.map((i) => i.id));
  return (j) => {
    const inFile = byFile.get(path.basename(j.file)) ?? [];
    const start = norm(j.textStartsWith);
    const matches = inFile.filter((i) => norm(i.text).startsWith(start));
    const id = matches[(j.occurrence ?? 1) - 1]?.id ?? restatedItem(inFile, j)?.id;
    if (id) return { id, byIdOnly: false };
    return ids.has(j.id) ? { id: j.id, byIdOnly: true } : undefined;
  };
}

export async function resolveRelevanceSet(db: Db, set: RelevanceFile): Promise<ResolvedSet> {
  const items = await itemsBySourceFile(db);
  const resolve = judgmentResolver(items);
  const unresolved: string[] = [];
  let byIdOnly = 0;
  const queries = set.queries.map((q) => {
    const relevant = new Map<string, 1 | 2>();
    for (const j of q.relevant) {
      const found = resolve(j);
      if (!found) unresolved.push(`${q.id}: ${j.file} "${j.textStartsWith}"`);
      else {
        if (found.byIdOnly) byIdOnly++;
        relevant.set(found.id, Math.max(relevant.get(found.id) ?? 0, j.grade) as 1 | 2);
      }
    }
    return { id: q.id, query: q.query, intent: q.intent, relevant };
  });
  const judgedUniverse = new Set(items.filter((i) => i.isTask || i.isDirective).map((i) => i.id));
  return { queries, judgedUniverse, unresolved, byIdOnly };
}
