/**
 * The real search service for the UI tests, built as `npm start` builds it (cli/serve.ts →
 * search/start.ts → openSearch(db): the real model, the index synced with the graph), but with
 * an index directory of its own so the test graph never touches the developer's .cache/index,
 * and with errors thrown rather than logged. No stand-in: when the search stage cannot be built,
 * this fails with a message saying so instead of faking results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../graph-store/db.js';
import type { SearchService } from '../../search/types.js';

export interface RealSearch {
  service: SearchService;
  close(): void;
}

export async function openRealSearch(db: Db): Promise<RealSearch> {
  // A variable specifier: this file must typecheck and load even while search/open.ts is being written.
  const modulePath = '../../search/open.js';
  let mod: { openSearch?: (db: Db, opts: { indexDir?: string }) => Promise<{ service: SearchService }> };
  try {
    mod = await import(/* @vite-ignore */ modulePath);
  } catch (err) {
    throw new Error(
      `The real search service cannot be built: search/open.ts could not be loaded (${(err as Error).message}). ` +
        'The search stage (search/) is not finished yet; this UI test needs it and does not fake results.',
    );
  }
  if (typeof mod.openSearch !== 'function') {
    throw new Error('search/open.ts does not export openSearch(db, opts): update test/helpers/ui-search.ts to how the search stage is now built.');
  }
  // Its own index directory: the test's graph, not the developer's .cache/index.
  const indexDir = mkdtempSync(join(tmpdir(), 'ui-search-index-'));
  const opened = await mod.openSearch(db, { indexDir });
  return { service: opened.service, close: () => rmSync(indexDir, { recursive: true, force: true }) };
}
