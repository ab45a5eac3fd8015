/**
 * The judged set for "tasks like this" (test/fixtures/similar-tasks/judgments.json, written by
 * reading the corpus; see its README): source tasks, each with the tasks of other provinces
 * that are like it and a grade. Every other task a source's search may return was read and judged
 * not like it. Items are found as the relevance set finds them (relevance-set.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../graph-store/db.js';
import { itemsBySourceFile } from '../../graph-store/search-reads.js';
import { REPO_ROOT } from '../../core/paths.js';
import { Judgment, judgmentResolver } from './relevance-set.js';

export const SIMILAR_SET = path.join(REPO_ROOT, 'test/fixtures/similar-tasks/judgments.json');
/** Tasks of the real documents of data/wild, judged the same way; the model was not fit on them. */
export const WILD_SIMILAR_SET = path.join(REPO_ROOT, 'test/fixtures/similar-tasks/wild-judgments.json');

const SimilarFile = z.object({
  sources: z.array(
    z.object({
      id: z.string(),
      source: Judgment.omit({ grade: true }),
      intent: z.string(),
      relevant: z.array(Judgment),
    }),
  ),
});
export type SimilarFile = z.infer<typeof SimilarFile>;

export interface JudgedSource {
  id: string;
  /** The task whose similar tasks are asked for. */
  taskId: string;
  intent: string;
  /** Task id → grade (1 related, 2 the same work). */
  relevant: Map<string, 1 | 2>;
}

export interface ResolvedSimilarSet {
  sources: JudgedSource[];
  /** Judgments (sources included) that matched no item. */
  unresolved: string[];
  byIdOnly: number;
}

export function loadSimilarSet(file = SIMILAR_SET): SimilarFile {
  return SimilarFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export async function resolveSimilarSet(db: Db, set: SimilarFile): Promise<ResolvedSimilarSet> {
  const resolve = judgmentResolver(await itemsBySourceFile(db));
  const unresolved: string[] = [];
  let byIdOnly = 0;
  const find = (sid: string, j: z.infer<typeof Judgment> | SimilarFile['sources'][number]['source']) => {
    const found = resolve({ grade: 1, ...j });
    if (!found) unresolved.push(`${sid}: ${j.file} "${j.textStartsWith}"`);
    else if (found.byIdOnly) byIdOnly++;
    return found?.id;
  };
  const sources: JudgedSource[] = [];
  for (const s of set.sources) {
    const taskId = find(s.id, s.source);
    const relevant = new Map<string, 1 | 2>();
    for (const j of s.relevant) {
      const id = find(s.id, j);
      if (id) relevant.set(id, Math.max(relevant.get(id) ?? 0, j.grade) as 1 | 2);
    }
    if (taskId) sources.push({ id: s.id, taskId, intent: s.intent, relevant });
  }
  return { sources, unresolved, byIdOnly };
}
