import { z } from 'zod';
import { Level } from '../graph-schema/index.js';
import { Limit, QueryBool } from './common.js';

/** Filters every search accepts (the search service's own, and the API's query string on top). */
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
  /**
   * `any`: tasks and directive items, what staff look for. `all`: every paragraph the documents
   * hold besides, objectives, viewpoints and a procedure's fields among them ("Phí, lệ phí: Không"):
   * in the 68 real documents of data/wild they are 59 % of the items.
   */
  kind: z
    .enum(['task', 'directive', 'any', 'all'])
    .default('any')
    .meta({ description: 'task, directive (item), any: tasks and directive items, all: every paragraph (objectives, viewpoints, a procedure’s fields too)' }),
});
export type SearchFilters = z.infer<typeof SearchFilters>;
/** The same filters as a caller may give them (`kind` left out: any), as the graph store reads items by them. */
export type ItemFilter = z.input<typeof SearchFilters>;

/** The search service's own filter schema, with what a query string needs on top. */
export const SearchQuery = z.strictObject({
  ...SearchFilters.shape,
  q: z.string().trim().min(1, 'q is required').max(500).meta({ description: 'words, with or without tone marks', example: 'khởi nghiệp đổi mới sáng tạo' }),
  hasLead: QueryBool('true: only tasks with a lead agency; false: only tasks without one'),
  limit: Limit(100, 20),
});
export type SearchQuery = z.output<typeof SearchQuery>;

/** An item as a hit shows it: the row the graph store reads for hits. */
export const HitItem = z.object({
  id: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  documentTitle: z.string().nullable(),
  province: z.string().nullable(),
  level: Level,
  text: z.string(),
  sectionPath: z.array(z.string()),
  sectionTitles: z.array(z.string()),
  lineStart: z.number().int(),
  lineEnd: z.number().int(),
  isTask: z.boolean(),
  isDirective: z.boolean(),
  leads: z.array(z.object({ id: z.string(), name: z.string(), collective: z.boolean() })),
});
export type HitItem = z.output<typeof HitItem>;

/** How closely a hit answers: shown as words by the UI (web/src/match-words.ts). */
export const MatchLevel = z.enum(['strong', 'related', 'partial']);
export type MatchLevel = z.infer<typeof MatchLevel>;

export const Match = z
  .object({
    level: MatchLevel.meta({ description: 'how well the hit answers, in words for staff: strong, related or partial' }),
    probability: z.number().min(0).max(1).meta({ description: 'calibrated on judged sets: the chance a reader would call the hit relevant' }),
  })
  .meta({ id: 'Match' });
export type Match = z.output<typeof Match>;

/** The same text elsewhere, folded into a hit (search/twins.ts): where it is written. */
export const HitTwin = HitItem.pick({ id: true, documentId: true, documentNumber: true, documentTitle: true, sectionPath: true }).meta({ id: 'HitTwin' });
export type HitTwin = z.output<typeof HitTwin>;

export const SearchHit = z
  .object({
    item: HitItem,
    alsoIn: z.array(HitTwin).meta({
      description: "the same text elsewhere in the hit's province (for a central hit, in central documents): a plan's appendix row, an appendix uploaded on its own, a notice restating it",
    }),
    score: z.number().meta({ description: 'what orders the hits of one request (not comparable across requests: use match)' }),
    match: Match,
    vectorScore: z.number().nullable(),
    lexicalScore: z.number().nullable(),
    matchedTerms: z.array(z.string()),
    highlights: z.array(z.tuple([z.number().int(), z.number().int()])).meta({ description: '[start, end) ranges of item.text' }),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.output<typeof SearchHit>;

export const SearchResult = z
  .object({ query: z.string(), filters: SearchFilters, hits: z.array(SearchHit) })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.output<typeof SearchResult>;

export const SimilarResult = z
  .object({ id: z.string(), hits: z.array(SearchHit).meta({ description: 'most alike first; none under the relevance floor' }) })
  .meta({ id: 'SimilarTasks' });
export type SimilarResult = z.output<typeof SimilarResult>;
