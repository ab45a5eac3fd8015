/**
 * A search service over documents ingested into the test run's database, emptied first (every
 * file must be ingested); the index in a temporary directory. `close` releases the embedder, the connection and the index.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, type Db } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { disposeEmbedder } from '../../search/embedder.js';
import { openSearch } from '../../search/open.js';
import type { HybridSearchService } from '../../search/service.js';
import { clearGraph } from './graph-counts.js';
import { openTestDb } from './test-db.js';

export interface SearchOver {
  db: Db;
  service: HybridSearchService;
  /** The index's directory (a test may open the search again on it). */
  indexDir: string;
  close(): Promise<void>;
}

export async function searchOver(paths: string[]): Promise<SearchOver> {
  const db = await openTestDb();
  await clearGraph(db);
  const outcomes = await ingestFiles(db, await discoverFiles(paths), { maxBytes: 5_000_000 });
  const failed = outcomes.filter((o) => o.status !== 'ingested');
  if (failed.length > 0) throw new Error(`not ingested: ${failed.map((o) => o.file).join(', ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'search-over-'));
  const { service } = await openSearch(db, { indexDir: dir });
  return {
    db,
    service,
    indexDir: dir,
    close: async () => {
      await disposeEmbedder();
      await closeDb(db);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
