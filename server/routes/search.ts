import type { AppDeps } from '../deps.js';
import { json, type Api } from '../http/api.js';
import { search } from '../queries/search.js';
import { SearchQuery, SearchResult } from '../../api-schema/search.js';

export function searchRoutes(api: Api, deps: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/search',
    tags: ['search'],
    summary: 'Hybrid (full-text + vector) search over items, in Vietnamese, with or without tone marks',
    description:
      'Hits best first, each with a calibrated match (level and probability); hits under the relevance floor are left out, ' +
      'so a query nothing answers gets none. Answers 503 with Retry-After while the search index is not ready.',
    query: SearchQuery,
    responses: { 200: json(SearchResult, 'hits, best first, with what explains each') },
    handle: ({ query }) => {
      const { q, limit, ...filters } = query;
      return search(deps.search, q, filters, limit);
    },
  });
}
