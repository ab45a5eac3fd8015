import { SearchFilters } from '../../search/types.js';
import { z } from '../openapi/zod.js';
import { Limit, QueryBool } from './common.js';

/** The search service's own filter schema, with what a query string needs on top. */
export const SearchQuery = z.strictObject({
  ...SearchFilters.shape,
  q: z.string().trim().min(1, 'q is required').max(500).openapi({ description: 'words, with or without tone marks', example: 'khởi nghiệp đổi mới sáng tạo' }),
  hasLead: QueryBool('true: only tasks with a lead agency; false: only tasks without one'),
  limit: Limit(100, 20),
});

const HitItem = z.object({
  id: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  documentTitle: z.string().nullable(),
  province: z.string().nullable(),
  level: z.string(),
  text: z.string(),
  sectionPath: z.array(z.string()),
  sectionTitles: z.array(z.string()),
  lineStart: z.number().int(),
  lineEnd: z.number().int(),
  isTask: z.boolean(),
  isDirective: z.boolean(),
  leads: z.array(z.object({ id: z.string(), name: z.string(), collective: z.boolean() })),
});

const Match = z
  .object({
    level: z.enum(['strong', 'related', 'partial']).openapi({ description: 'how well the hit answers, in words for staff: strong, related or partial' }),
    probability: z.number().min(0).max(1).openapi({ description: 'calibrated on judged sets: the chance a reader would call the hit relevant' }),
  })
  .openapi('Match');

export const SearchHit = z
  .object({
    item: HitItem,
    score: z.number().openapi({ description: 'what orders the hits of one request (not comparable across requests: use match)' }),
    match: Match,
    vectorScore: z.number().nullable(),
    lexicalScore: z.number().nullable(),
    matchedTerms: z.array(z.string()),
    highlights: z.array(z.tuple([z.number().int(), z.number().int()])).openapi({ description: '[start, end) ranges of item.text' }),
  })
  .openapi('SearchHit');

export const SearchResult = z
  .object({ query: z.string(), filters: SearchFilters, hits: z.array(SearchHit) })
  .openapi('SearchResult');

export const SimilarResult = z
  .object({ id: z.string(), hits: z.array(SearchHit).openapi({ description: 'most alike first; none under the relevance floor' }) })
  .openapi('SimilarTasks');
