import { z } from 'zod';
import { Level } from '../graph-schema/index.js';
import type { SearchItemRow } from '../graph-store/search-reads.js';
import type { Match } from './calibration.js';

/** Filters every search accepts; the API validates query strings with this schema. */
export const SearchFilters = z.object({
  /** A 2025 unit (with the provinces merged into it) or a province as written; tone marks optional. */
  province: z.string().min(1).optional(),
  /** How `province` is read: `current` (the default) as above; `historical`: that province as written alone. */
  provinces: z.enum(['current', 'historical']).optional(),
  documentId: z.string().min(1).optional(),
  agencyId: z.string().min(1).optional(),
  level: Level.optional(),
  /** true: only tasks with a lead agency; false: only tasks without one. */
  hasLead: z.boolean().optional(),
  kind: z.enum(['task', 'directive', 'any']).default('any'),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

/** An item as a hit shows it: the row the graph store reads for hits. */
export type HitItem = SearchItemRow;

/** One result, with what explains it. */
export interface SearchHit {
  item: HitItem;
  /** What orders the results: the fused score of a search, the probability of a similar task. */
  score: number;
  /** How well it answers, comparable across queries: what staff are shown (as words). */
  match: Match;
  /** Cosine similarity of query and item embeddings, when the vector side found it. */
  vectorScore: number | null;
  /** The full-text score; for a similar task, the share of the task's own score it reaches. */
  lexicalScore: number | null;
  /** Query terms found in the item, as they appear in its text (tone marks included). */
  matchedTerms: string[];
  /** [start, end) character ranges of `item.text` to highlight. */
  highlights: [number, number][];
}

export interface SearchService {
  search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]>;
  /** Tasks of other provinces like this one, most alike first; none under the relevance floor. */
  similarTasks(taskId: string, limit: number): Promise<SearchHit[]>;
}
