/**
 * What a write to the graph (an upload, a delete) does for search: sync the index, so the next
 * search sees the new items and none of the removed ones. A failure here is logged, not thrown:
 * the write itself succeeded, and the next sync (any later write, or the next start) catches up.
 */
import { logger } from '../core/logger.js';
import type { SyncOptions, SyncResult } from './sync.js';
import type { SearchService } from './types.js';

export interface IndexSyncing {
  syncIndex(opts?: SyncOptions): Promise<SyncResult>;
}

function syncs(s: SearchService | undefined): s is SearchService & IndexSyncing {
  return typeof (s as Partial<IndexSyncing> | undefined)?.syncIndex === 'function';
}

/**
 * Syncs the index of `search` when it has one, comparing only the items of `documents` when the
 * write touched those alone. While the service is still being built at start-up there is nothing
 * to sync yet; the start-up sync runs once more after attaching it.
 */
export async function syncSearchAfterWrite(search: SearchService | undefined, reason: string, documents?: string[]): Promise<SyncResult | null> {
  if (!syncs(search)) return null;
  try {
    const result = await search.syncIndex({ documents });
    logger.info({ component: 'search', reason, ...result }, 'search index synced');
    if (result.failed.length > 0) logger.warn({ component: 'search', failed: result.failed }, 'items the embedder could not read were left out of the index');
    return result;
  } catch (err) {
    logger.error({ component: 'search', reason, err }, 'search index sync failed; the next write or start retries');
    return null;
  }
}
