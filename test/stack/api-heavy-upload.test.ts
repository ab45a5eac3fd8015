/**
 * A heavy upload does not stall the server: a megabyte of short item lines takes seconds of parsing,
 * which runs in a worker thread (ingest/parse-pool.ts), so a health check sent meanwhile is answered
 * before the upload is; the upload is then refused for its item count, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, type Db } from '../../graph-store/db.js';
import { closeParsePool } from '../../ingest/parse-pool.js';
import { graphCounts } from '../helpers/graph-counts.js';
import { openTestDb } from '../helpers/test-db.js';
import { TestServer } from '../helpers/test-server.js';

logger.level = 'error';

const TOKEN = 'heavy-upload-token';
const db: Db = await openTestDb();
const server = new TestServer();

beforeAll(async () => {
  await server.start({ db, config: loadConfig({ ...process.env, API_TOKEN: TOKEN, MAX_UPLOAD_BYTES: String(5_000_000) }), webDir: '/nonexistent' });
});

afterAll(async () => {
  server.stop();
  await closeParsePool();
  await closeDb(db);
});

/** About 1 MB of a plan's header then bullet lines of plan words, from a fixed-seed generator. */
function megabyteOfItems(): string {
  const words = 'kế hoạch triển khai thực hiện nhiệm vụ sở ban ngành ủy ban nhân dân tỉnh chủ trì phối hợp khoa học công nghệ chuyển đổi số'.split(' ');
  const lines = ['ỦY BAN NHÂN DÂN TỈNH NINH THUẬN', 'Số: 99/KH-UBND', 'KẾ HOẠCH', 'Triển khai thực hiện'];
  let x = 7;
  let size = 0;
  while (size < 1_000_000) {
    const n = 3 + (x % 10);
    const line = `- ${Array.from({ length: n }, () => words[(x = (x * 1103515245 + 12345) >>> 0) % words.length]).join(' ')}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join('\n');
}

describe('a heavy upload', () => {
  it('is parsed off the event loop: health answers first, then the upload is refused with its item count', async () => {
    const before = await graphCounts(db);
    const order: string[] = [];
    const upload = fetch(`${server.base}/api/documents?fileName=mot-megabyte.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
      body: megabyteOfItems(),
    }).then(async (r) => {
      order.push('upload');
      return { status: r.status, body: (await r.json()) as { error: string } };
    });
    // The body is sent and the parse under way.
    await new Promise((r) => setTimeout(r, 500));
    const health = fetch(`${server.base}/health`).then((r) => {
      order.push('health');
      return r.status;
    });
    expect(await health).toBe(200);
    const refused = await upload;
    expect(order).toEqual(['health', 'upload']);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/has \d+ items, more than the 3000 a document may have/);
    expect(await graphCounts(db)).toEqual(before);
  }, 120_000);
});
