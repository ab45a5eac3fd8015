/**
 * The scale graph's search side, prepared once and kept with the cached graph: every item's vector
 * (Item.embedding) and the search index synced over them, so that bench/load.ts starts the search
 * service as `npm start` does, on a graph whose every item is searchable, in seconds.
 *
 * Embedding 57k items takes a quarter of an hour or more on 2 cores. The vectors are computed by
 * the product's embedder (search/embedder.ts, passages, as the sync embeds them) through
 * bench/search-scale/vector-cache.ts, which keeps them by text under <CACHE_DIR>/bench/vectors/:
 * a graph written again with the same texts embeds nothing. They are written to Neo4j the way
 * the sync writes them (graph-store/search-reads.ts), and the index is then built by the product's
 * own sync from those vectors (search/open.ts), with nothing left to embed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BULK_DEADLINE_MS, writeQuery } from '../../graph-store/db.js';
import { itemsWithoutEmbedding, writeEmbeddings } from '../../graph-store/search-reads.js';
import { modelPaths } from '../../search/model-setup.js';
import { disposeEmbedder, getEmbedder } from '../../search/embedder.js';
import { openSearch } from '../../search/open.js';
import { startBenchNeo4j, type ScaleCache } from '../scale-graph/cache.js';
import { embedAll } from '../search-scale/vector-cache.js';

const WRITE_BATCH = 1000;

export interface SearchPrep {
  items: number;
  /** Vectors computed now (the rest came from the vector cache). */
  embedded: number;
  embedSeconds: number;
  /** The product's sync building the index from the stored vectors. */
  indexSeconds: number;
  indexSize: number;
}

export async function ensureSearchIndex(cache: ScaleCache, log: (line: string) => void): Promise<SearchPrep> {
  if (fs.existsSync(cache.searchFile)) return JSON.parse(fs.readFileSync(cache.searchFile, 'utf8')) as SearchPrep;
  fs.rmSync(cache.index, { recursive: true, force: true });
  const neo4j = await startBenchNeo4j(cache.store);
  try {
    const todo = await itemsWithoutEmbedding(neo4j.db);
    log(`search: ${todo.length} items without a vector`);
    const embedder = await getEmbedder('passage');
    const vectors = await embedAll(
      embedder,
      todo.map((t) => t.text),
      { dir: path.join(modelPaths().cacheDir, 'bench', 'vectors'), fresh: false, batchSize: 16, outOfTime: () => false, log },
    );
    for (let start = 0; start < todo.length; start += WRITE_BATCH) {
      const rows = todo.slice(start, start + WRITE_BATCH).map((t, k) => ({
        id: t.id,
        text: t.text,
        vector: Array.from(vectors.matrix.subarray((start + k) * embedder.dim, (start + k + 1) * embedder.dim)),
      }));
      await writeEmbeddings(neo4j.db, rows);
    }
    await writeQuery(neo4j.db, 'CALL db.awaitIndexes(1800)', {}, { deadlineMs: BULK_DEADLINE_MS });
    const t0 = performance.now();
    const { sync } = await openSearch(neo4j.db, { indexDir: cache.index });
    const prep: SearchPrep = {
      items: todo.length,
      embedded: vectors.embedded,
      embedSeconds: vectors.embedSeconds,
      indexSeconds: (performance.now() - t0) / 1000,
      indexSize: sync.size,
    };
    if (sync.embedded > 0) log(`search: the sync embedded ${sync.embedded} items itself (texts changed meanwhile?)`);
    fs.writeFileSync(cache.searchFile, JSON.stringify(prep, null, 2));
    return prep;
  } finally {
    await disposeEmbedder();
    await neo4j.stop();
  }
}
