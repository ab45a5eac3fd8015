import { z } from 'zod';
import { Level } from '../graph-schema/index.js';
import type { SearchItemRow } from '../graph-store/search-reads.js';

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
  /** The fused score that ordered the results. */
  score: number;
  /** Cosine similarity of query and item embeddings, when the vector side found it. */
  vectorScore: number | null;
  lexicalScore: number | null;
  /** Query terms found in the item, as they appear in its text (tone marks included). */
  matchedTerms: string[];
  /** [start, end) character ranges of `item.text` to highlight. */
  highlights: [number, number][];
}

export interface SimilarGroup {
  province: string | null;
  hits: SearchHit[];
}

export interface SearchService {
  search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]>;
  /** Nearest tasks in other provinces, grouped by province. */
  similarTasks(taskId: string, limit: number): Promise<SimilarGroup[]>;
}
