/**
 * Scoring the task → directive linker against a hand-made gold set (test/fixtures/links/gold.json).
 * Pure: takes parsed records, never touches the database. Used by bench/linker-eval.ts and
 * test/linker-quality.test.ts.
 *
 * The gold set names tasks by the opening of their text (plus an occurrence number where two
 * tasks of a file open alike), not by id, so it survives changes to how ids are minted.
 */
import type { DocumentRecord, ItemLink, ItemNode } from '../../graph-schema/index.js';
import { linkTasks, type LinkItem, type LinkOptions } from './link-tasks.js';
import type { TextSimilarity } from './similarity.js';

export interface GoldTask {
  /** The task's text from its beginning (NFC, whitespace collapsed). */
  start: string;
  /** 1-based, in document order, among the file's tasks whose text opens with `start`. */
  occurrence?: number;
  /** Section path when the gold set was written; for readers, never matched. */
  ref?: string;
  directives: string[];
  note?: string;
}

export interface GoldDocument {
  file: string;
  label?: string;
  tasks: GoldTask[];
}

export interface GoldSet {
  directiveDocument: string;
  directiveFile: string;
  documents: GoldDocument[];
}

/** One implementing document of the gold set, resolved against its parsed record. */
export interface ResolvedDocument {
  file: string;
  tasks: LinkItem[];
  /** Task id → the directive ids it carries out (empty set: none). */
  gold: Map<string, Set<string>>;
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function toLinkItem(item: Pick<ItemNode, 'id' | 'text' | 'sectionTitles'>): LinkItem {
  return { id: item.id, text: item.text, sectionTitles: item.sectionTitles };
}

/**
 * Matches every gold entry to exactly one task of its file. Throws when an entry matches no task,
 * or when a task is claimed twice or left without a judgment: a gold set that no longer fits the
 * parser's output must fail loudly, not score quietly on a subset.
 */
export function resolveGold(gold: GoldSet, records: Map<string, DocumentRecord>): ResolvedDocument[] {
  return gold.documents.map((doc) => {
    const record = records.get(doc.file);
    if (!record) throw new Error(`gold set: ${doc.file} was not parsed`);
    const tasks = record.items.filter((i) => i.isTask);
    const texts = tasks.map((t) => norm(t.text));
    const map = new Map<string, Set<string>>();
    for (const entry of doc.tasks) {
      const start = norm(entry.start);
      const hits = tasks.filter((_, i) => texts[i]!.startsWith(start));
      const task = hits[(entry.occurrence ?? 1) - 1];
      if (!task) throw new Error(`gold set: no task of ${doc.file} opens with "${entry.start}" (occurrence ${entry.occurrence ?? 1})`);
      if (hits.length > 1 && entry.occurrence === undefined) {
        throw new Error(`gold set: ${hits.length} tasks of ${doc.file} open with "${entry.start}"; say which occurrence`);
      }
      if (map.has(task.id)) throw new Error(`gold set: task ${task.id} of ${doc.file} is judged twice`);
      map.set(task.id, new Set(entry.directives));
    }
    const missing = tasks.filter((t) => !map.has(t.id));
    if (missing.length > 0) {
      throw new Error(`gold set: ${missing.length} task(s) of ${doc.file} have no judgment: ${missing.map((t) => t.id).join(', ')}`);
    }
    return { file: doc.file, tasks: tasks.map(toLinkItem), gold: map };
  });
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoresOf(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Micro-averaged over (task, directive) pairs. */
export function scoreLinks(links: ItemLink[], gold: Map<string, Set<string>>): Scores {
  const predicted = new Set(links.filter((l) => gold.has(l.taskId)).map((l) => `${l.taskId}\u0000${l.directiveId}`));
  let tp = 0;
  let fn = 0;
  for (const [task, directives] of gold) {
    for (const d of directives) {
      if (predicted.has(`${task}\u0000${d}`)) tp++;
      else fn++;
    }
  }
  return scoresOf(tp, predicted.size - tp, fn);
}

export interface Evaluation {
  overall: Scores;
  perDocument: { file: string; scores: Scores }[];
  links: ItemLink[];
}

/**
 * Links each document's tasks on its own, as ingest does (lexical IDF is computed per call, so
 * linking all documents in one batch would not measure what ingest produces).
 */
export async function evaluateLinker(
  documents: ResolvedDocument[],
  directives: LinkItem[],
  similarity: TextSimilarity,
  options: Partial<LinkOptions> = {},
): Promise<Evaluation> {
  const perDocument: Evaluation['perDocument'] = [];
  const links: ItemLink[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const doc of documents) {
    const docLinks = await linkTasks(doc.tasks, directives, similarity, options);
    const s = scoreLinks(docLinks, doc.gold);
    perDocument.push({ file: doc.file, scores: s });
    links.push(...docLinks);
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  return { overall: scoresOf(tp, fp, fn), perDocument, links };
}

/**
 * Remembers each matrix a similarity computed, so a grid of linker settings (which recomputes the
 * same matrices for every setting) costs one computation per distinct input — essential for
 * embeddings.
 */
export function cachedSimilarity(similarity: TextSimilarity): TextSimilarity {
  const cache = new Map<string, Promise<number[][]>>();
  return {
    name: similarity.name,
    matrix(left, right) {
      const key = JSON.stringify([left, right]);
      let hit = cache.get(key);
      if (!hit) {
        hit = similarity.matrix(left, right);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}
