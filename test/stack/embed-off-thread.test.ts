/**
 * The product's embeddings run in worker threads (search/embed-pool.ts): ONNX Runtime's Node
 * binding runs a model synchronously on the thread that calls it, so on the server's thread an
 * upload's batches stalled every other request. Here the event loop is watched while 48 task
 * sentences are embedded: it must keep turning, and the vectors must be the ones the model gives
 * on this thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { disposeEmbedder, embedPassages, embedQuery, getEmbedder } from '../../search/embedder.js';
import { cosine } from '../helpers/cosine.js';

const TASK =
  'Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Khoa học và Công nghệ, Sở Tài chính và Ủy ban nhân dân các huyện, ' +
  'thành phố xây dựng cơ sở dữ liệu dùng chung, triển khai các nền tảng số phục vụ người dân và doanh nghiệp';

afterAll(() => disposeEmbedder());

describe('embeddings off the event loop', () => {
  it('keep the event loop turning while passages are embedded, with the vectors the model gives', async () => {
    await embedPassages(['khởi động']); // the worker's model loaded
    const texts = Array.from({ length: 48 }, (_, i) => `${TASK} (mục ${i + 1})`);
    let turns = 0;
    let longestStall = 0;
    let last = performance.now();
    let watching = true;
    const watch = () => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
      turns++;
      if (watching) setTimeout(watch, 1);
    };
    setTimeout(watch, 1);
    const started = performance.now();
    const vectors = await embedPassages(texts, { batchSize: 16 });
    const took = performance.now() - started;
    watching = false;
    // On this thread each batch of 16 held the loop for its whole run (3 batches, 3 turns or so).
    expect(turns).toBeGreaterThan(20);
    expect(longestStall).toBeLessThan(took / 2);
    const [own] = await (await getEmbedder('passage')).embed([texts[5]!], 'passage');
    expect(cosine(vectors[5]!, own!)).toBeGreaterThan(0.99999);
    const q = await embedQuery('cơ sở dữ liệu dùng chung');
    const [ownQuery] = await (await getEmbedder('query')).embed(['cơ sở dữ liệu dùng chung'], 'query');
    expect(cosine(q, ownQuery!)).toBeGreaterThan(0.99999);
  }, 120_000);
});
