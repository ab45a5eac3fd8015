import { join } from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import { clearGraph } from './graph-counts.js';

/** Ids of documents in data/corpus that the API tests look up. */
export const KL69 = 'vn/tw/kl/69/2024';
export const BT_3229 = 'vn/binh-thuan/ubnd/kh/3229/2024';
export const BT_245 = 'vn/binh-thuan/tu/kh/245/2024';
export const BK_380 = 'vn/bac-kan/ubnd/kh/380/2023';
/** Reported by a news article that gives no date, so its id has no year. */
export const KT_44 = 'vn/kon-tum/tu/kh/44';

/** Clears the graph and ingests every file of data/corpus; none may fail. */
export async function ingestDemoCorpus(db: Db): Promise<void> {
  await clearGraph(db);
  const files = await discoverFiles([join(REPO_ROOT, 'data/corpus')]);
  const outcomes = await ingestFiles(db, files, { maxBytes: 5 * 1024 * 1024 });
  expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
}
