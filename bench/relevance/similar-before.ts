/**
 * "Tasks like this" as it shipped before issue 13, kept here only to be measured beside what
 * replaced it: the task's nearest neighbours by embedding among tasks of other provinces (a
 * central task's own document included), at most half of them from one province, shown grouped
 * by province in the order of each group's best hit.
 */
import type { Db } from '../../graph-store/db.js';
import { searchItems, taskBrief, taskIdsOutside } from '../../graph-store/search-reads.js';
import type { VectorIndex } from '../../search/index-store.js';
import type { SimilarRanker } from '../../search/eval/similar-evaluate.js';

export function similarBefore(db: Db, index: VectorIndex, limit: number): SimilarRanker {
  return async (taskId) => {
    const task = await taskBrief(db, taskId);
    const vector = task && index.vectorOf(task.id);
    if (!task || !vector) return [];
    const allowed = await taskIdsOutside(db, task.province, null);
    allowed.delete(task.id);
    const candidates = index.search(vector, limit * 4, allowed);
    const rows = await searchItems(db, candidates.map((h) => h.id));
    const perProvince = Math.ceil(limit / 2);
    const groups = new Map<string | null, string[]>();
    let taken = 0;
    for (const h of candidates) {
      const row = rows.get(h.id);
      if (!row || taken >= limit) continue;
      const group = groups.get(row.province) ?? [];
      if (group.length >= perProvince) continue;
      group.push(h.id);
      groups.set(row.province, group);
      taken++;
    }
    return [...groups.values()].flat();
  };
}
