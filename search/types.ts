import type { SearchFilters, SearchHit } from '../api-schema/search.js';

// The shapes of filters and hits cross the API boundary, so they are declared once, in api-schema.
export { SearchFilters, type HitItem, type HitTwin, type SearchHit } from '../api-schema/search.js';

export interface SearchService {
  search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]>;
  /** Tasks of other provinces like this one, most alike first; none under the relevance floor. */
  similarTasks(taskId: string, limit: number): Promise<SearchHit[]>;
}
