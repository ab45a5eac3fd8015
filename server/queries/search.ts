import type { Db } from '../../graph-store/db.js';
import { taskExists } from '../../graph-store/item-reads.js';
import type { SearchFilters, SearchService } from '../../search/types.js';
import { HttpError, notFound } from '../errors.js';

/** Seconds to wait before retrying while the search index is being built. */
export const SEARCH_RETRY_AFTER_SECONDS = 30;

function ready(search: SearchService | undefined): SearchService {
  if (!search) {
    throw new HttpError(503, 'search index is not ready', undefined, {
      headers: { 'Retry-After': String(SEARCH_RETRY_AFTER_SECONDS) },
    });
  }
  return search;
}

export async function search(service: SearchService | undefined, q: string, filters: SearchFilters, limit: number) {
  const hits = await ready(service).search(q, filters, limit);
  return { query: q, filters, hits };
}

export async function similarTasks(db: Db, service: SearchService | undefined, id: string, limit: number) {
  const s = ready(service);
  if (!(await taskExists(db, id))) throw notFound('task', id);
  return { id, hits: await s.similarTasks(id, limit) };
}
