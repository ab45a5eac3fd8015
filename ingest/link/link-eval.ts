/**
 * Scoring the task → directive linker against a hand-made gold set (test/fixtures/links/gold.json),
 * split once into tuning and held-out documents (see the set's _notes).
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
  /**
   * Hard negatives: directive items read and judged NOT carried out by the task although they look
   * alike (same group, shared wording). Scoring needs no list of negatives (every link outside
   * `directives` is false); these are counted in the set's size and reported by the bench.
   */
  not?: string[];
  note?: string;
}

/** Tuning documents may be looked at while changing the linker; held-out ones only to report. */
export type GoldSplit = 'tuning' | 'held-out';

export interface GoldDocument {
  file: string;
  label?: string;
  split: GoldSplit;
  /** The document whose directive items this one's tasks are judged against; the set's by default. */
  directiveDocument?: string;
  directiveFile?: string;
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
  split: GoldSplit;
  tasks: LinkItem[];
  /** The candidates its tasks are linked against: the directive items of its directive document. */
  directives: LinkItem[];
  /** Task id → the directive ids it carries out (empty set: none). */
  gold: Map<string, Set<string>>;
  /** Task id → directive ids judged not carried out (hard negatives). */
  negatives: Map<string, Set<string>>;
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function toLinkItem(item: Pick<ItemNode, 'id' | 'text' | 'sectionTitles'>): LinkItem {
  return { id: item.id, text: item.text, sectionTitles: item.sectionTitles };
}

/**
 * Matches every gold entry to exactly one task of its file. Throws when an entry matches no task,
 * or when a task is claimed twice or left without a judgment: a gold set that no longer fits the
 * parser's output must fail loudly, not score quietly on a subset. `records` holds every file the
 * set names (implementing and directive files); a directive id outside its document fails too.
 */
export function resolveGold(gold: GoldSet, records: Map<string, DocumentRecord>): ResolvedDocument[] {
  return gold.documents.map((doc) => {
    const record = records.get(doc.file);
    if (!record) throw new Error(`gold set: ${doc.file} was not parsed`);
    const directives = directivesOf(records, doc.directiveFile ?? gold.directiveFile, doc.directiveDocument ?? gold.directiveDocument);
    const known = new Set(directives.map((d) => d.id));
    const tasks = record.items.filter((i) => i.isTask);
    const texts = tasks.map((t) => norm(t.text));
    const map = new Map<string, Set<string>>();
    const negatives = new Map<string, Set<string>>();
    for (const entry of doc.tasks) {
      const start = norm(entry.start);
      const hits = tasks.filter((_, i) => texts[i]!.startsWith(start));
      const task = hits[(entry.occurrence ?? 1) - 1];
      if (!task) throw new Error(`gold set: no task of ${doc.file} opens with "${entry.start}" (occurrence ${entry.occurrence ?? 1})`);
      if (hits.length > 1 && entry.occurrence === undefined) {
        throw new Error(`gold set: ${hits.length} tasks of ${doc.file} open with "${entry.start}"; say which occurrence`);
      }
      if (map.has(task.id)) throw new Error(`gold set: task ${task.id} of ${doc.file} is judged twice`);
      for (const d of [...entry.directives, ...(entry.not ?? [])]) {
        if (!known.has(d)) throw new Error(`gold set: "${entry.start}" of ${doc.file} names ${d}, no directive item of its directive document`);
      }
      const overlap = (entry.not ?? []).filter((d) => entry.directives.includes(d));
      if (overlap.length > 0) throw new Error(`gold set: "${entry.start}" of ${doc.file} both links and rejects ${overlap.join(', ')}`);
      map.set(task.id, new Set(entry.directives));
      negatives.set(task.id, new Set(entry.not ?? []));
    }
    const missing = tasks.filter((t) => !map.has(t.id));
    if (missing.length > 0) {
      throw new Error(`gold set: ${missing.length} task(s) of ${doc.file} have no judgment: ${missing.map((t) => t.id).join(', ')}`);
    }
    return { file: doc.file, split: doc.split, tasks: tasks.map(toLinkItem), directives, gold: map, negatives };
  });
}

function directivesOf(records: Map<string, DocumentRecord>, file: string, id: string): LinkItem[] {
  const record = records.get(file);
  if (!record || record.document.id !== id) throw new Error(`gold set: ${file} should parse as ${id}`);
  return record.items.filter((i) => i.isDirective).map(toLinkItem);
}

/** Judged pairs of a resolved set: links (positives) and hard negatives. */
export function judgedPairs(documents: ResolvedDocument[]): { positives: number; negatives: number } {
  const count = (m: Map<string, Set<string>>) => [...m.values()].reduce((a, s) => a + s.size, 0);
  return {
    positives: documents.reduce((a, d) => a + count(d.gold), 0),
    negatives: documents.reduce((a, d) => a + count(d.negatives), 0),
  };
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
  perDocument: { file: string; split: GoldSplit; scores: Scores }[];
  links: ItemLink[];
  /** Links the gold set names as hard negatives. */
  hardNegativesLinked: number;
}

/**
 * Links each document's tasks on its own against its directive items, as ingest does (lexical IDF
 * is computed per call, so linking all documents in one batch would not measure what ingest
 * produces). `split` keeps only the documents of one part of the set.
 */
export async function evaluateLinker(
  documents: ResolvedDocument[],
  similarity: TextSimilarity,
  options: Partial<LinkOptions> = {},
  split?: GoldSplit,
): Promise<Evaluation> {
  const perDocument: Evaluation['perDocument'] = [];
  const links: ItemLink[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let hardNegativesLinked = 0;
  for (const doc of documents.filter((d) => !split || d.split === split)) {
    const docLinks = await linkTasks(doc.tasks, doc.directives, similarity, options);
    const s = scoreLinks(docLinks, doc.gold);
    perDocument.push({ file: doc.file, split: doc.split, scores: s });
    links.push(...docLinks);
    hardNegativesLinked += docLinks.filter((l) => doc.negatives.get(l.taskId)?.has(l.directiveId)).length;
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  return { overall: scoresOf(tp, fp, fn), perDocument, links, hardNegativesLinked };
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
