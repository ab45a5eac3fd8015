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

/**
 * A notice of Lạng Sơn's People's Committee that carries out 69-KL/TW ("Về việc triển khai Kết luận
 * số 69-KL/TW") and holds no task: a province with a document implementing 69-KL/TW and no plan to read.
 */
export const NOTICE_WITHOUT_TASKS = {
  documentId: 'vn/lang-son/ubnd/tb/16/2025',
  fileName: 'lang-son-16.txt',
  text:
    'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 16/TB-UBND\nLạng Sơn, ngày 12 tháng 01 năm 2025\nTHÔNG BÁO\nVề việc triển khai Kết luận số 69-KL/TW\n' +
    'Thực hiện Kết luận số 69-KL/TW ngày 06/02/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh thông báo các sở, ngành xây dựng kế hoạch thực hiện trong quý I năm 2025.\n',
};
