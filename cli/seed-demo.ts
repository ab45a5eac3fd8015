import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { logger } from '../core/logger.js';
import type { Db } from '../graph-store/db.js';
import { readQuery } from '../graph-store/db.js';
import { REPO_ROOT } from '../core/paths.js';
import { discoverFiles } from '../ingest/discover-files.js';
import { ingestFiles } from '../ingest/pipeline.js';

/**
 * A first `npm start` or `npm run search` shows something: an empty graph gets the demo corpus
 * (data/corpus); a graph with any document is left as it is.
 */
export async function seedDemoCorpus(db: Db, config: Config): Promise<void> {
  const [row] = await readQuery<{ n: number }>(db, 'MATCH (d:Document) WHERE NOT d.stub RETURN count(d) AS n');
  if ((row?.n ?? 0) > 0) return;
  const files = await discoverFiles([join(REPO_ROOT, 'data/corpus')]);
  logger.info({ files: files.length }, 'empty graph: ingesting the demo corpus');
  const outcomes = await ingestFiles(db, files, { maxBytes: config.MAX_UPLOAD_BYTES });
  for (const o of outcomes) {
    if (o.status === 'failed') logger.warn({ file: o.file, error: o.error }, 'demo document not ingested');
  }
}
