/**
 * The scale graph is written once and kept under <CACHE_DIR>/bench/scale-graph/<key>/ (the Neo4j
 * store, then optionally the search index and the vectors in it), so that benches that only read
 * it (bench/load.ts, issue 11's) do not spend minutes writing and a quarter of an hour embedding
 * on every run. The key hashes the options, the generator's texts and the parser's version: a
 * changed generator or parser writes a new graph. A change to how the store writes documents does
 * not change the key: write the graph again with `--fresh` (migrate fills what it can, e.g. the
 * documents' item counts, when a bench starts on the cached store). A bench that writes to the graph works on a
 * copy (copyStore), so the cached one stays as it was written.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { closeDb, openDb, type Db } from '../../graph-store/db.js';
import { PARSER_VERSION } from '../../ingest/parse-file.js';
import { modelPaths } from '../../search/model-setup.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j, type LocalNeo4j } from '../../graph-store/local-neo4j.js';
import type { ScaleOptions } from './plans.js';

/** What the graph holds follows from these and the parser; write.ts only decides how fast it is written. */
const GENERATOR_FILES = ['plans.ts', 'plan-text.ts'];

export function scaleKey(opts: ScaleOptions): string {
  const h = createHash('sha256').update(JSON.stringify(opts)).update(`parser ${PARSER_VERSION}`);
  for (const f of GENERATOR_FILES) h.update(fs.readFileSync(path.join(import.meta.dirname, f)));
  return h.digest('hex').slice(0, 12);
}

export interface ScaleCache {
  dir: string;
  /** The Neo4j store. */
  store: string;
  /** The search index synced over the store's vectors (search/index-store.ts). */
  index: string;
  /** Written when the graph is complete: the ScaleGraphResult. */
  graphFile: string;
  /** Written when every item is embedded and the index synced. */
  searchFile: string;
}

export function scaleCache(opts: ScaleOptions): ScaleCache {
  const dir = path.join(modelPaths().cacheDir, 'bench', 'scale-graph', scaleKey(opts));
  return {
    dir,
    store: path.join(dir, 'neo4j'),
    index: path.join(dir, 'index'),
    graphFile: path.join(dir, 'graph.json'),
    searchFile: path.join(dir, 'search.json'),
  };
}

export interface BenchNeo4j {
  neo4j: LocalNeo4j;
  db: Db;
  stop(): Promise<void>;
}

export interface Neo4jMemory {
  heap: string;
  pageCacheMb: number;
}

/** The product's local launcher (scripts/neo4j) on `store`, with its default memory unless told. */
export async function startBenchNeo4j(
  store: string,
  memory?: Partial<Neo4jMemory>,
  deadlines?: { queryDeadlineMs?: number; writeDeadlineMs?: number },
): Promise<BenchNeo4j> {
  await checkPrerequisites();
  await ensureLauncherBuilt({ onProgress: () => undefined });
  const neo4j = await startLocalNeo4j({ dataDir: store, heap: memory?.heap, pageCacheMb: memory?.pageCacheMb });
  const db = openDb({ uri: neo4j.uri, ...deadlines });
  return {
    neo4j,
    db,
    stop: async () => {
      await closeDb(db);
      await neo4j.stop();
    },
  };
}

/** A copy of the cached store and index for a bench that writes (Neo4j must not be running on `from`). */
export function copyStore(cache: ScaleCache, to: string): { store: string; index: string } {
  const store = path.join(to, 'neo4j');
  const index = path.join(to, 'index');
  fs.cpSync(cache.store, store, { recursive: true });
  if (fs.existsSync(cache.index)) fs.cpSync(cache.index, index, { recursive: true });
  return { store, index };
}
