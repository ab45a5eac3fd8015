/**
 * The sync's embedding step hands the next batch to the embedder before the current one is
 * written to Neo4j (search/embed-missing.ts), and still accounts for every item as before: a text
 * changed while its batch was embedded is skipped and embedded at the next sync, an unreadable
 * text costs only itself, a write that fails loses nothing already written. Real Neo4j, the real
 * model in its worker thread; 12 items in batches of 4 keep it short.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSIONS } from '../../graph-schema/index.js';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { disposeEmbedder } from '../../search/embedder.js';
import { VectorIndex } from '../../search/index-store.js';
import { lazyEmbedder } from '../../search/open.js';
import { syncSearchIndex, type PassageEmbedder, type SyncProgress } from '../../search/sync.js';
import { clearGraph } from '../helpers/graph-counts.js';
import { syntheticRecord } from '../helpers/synthetic-record.js';
import { openTestDb } from '../helpers/test-db.js';

const ITEMS = 12;
const BATCH = 4;
const CLAUSES = [
  'hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo',
  'xây dựng hạ tầng dữ liệu số của tỉnh',
  'đào tạo nguồn nhân lực khoa học và công nghệ',
  'thu hút đầu tư vào khu công nghệ cao',
];
/** Task k is longer than task k - 1, so the sync's shortest-first order is 0 … 11 and batch b holds tasks 4b … 4b + 3. */
const taskText = (k: number) => `Nhiệm vụ ${String(k).padStart(2, '0')}: ${Array.from({ length: k + 1 }, (_, j) => CLAUSES[j % CLAUSES.length]).join(', ')}.`;
const record = (changed: Record<number, string> = {}) => syntheticRecord({ number: '5/KH-UBND', tasks: ITEMS, taskText: (k) => changed[k] ?? taskText(k) });
const ids = syntheticRecord({ number: '5/KH-UBND', tasks: ITEMS }).items.map((it) => it.id);

let db: Db;
let dir: string;
let index: VectorIndex;

/** The real embedder, telling `onCall` the first task of each batch it is given (texts of other items: -1). */
function watched(onCall: (firstTask: number, texts: string[]) => void | Promise<void>): PassageEmbedder {
  return {
    async embedPassages(texts, o) {
      const first = Array.from({ length: ITEMS }, (_, k) => k).find((k) => taskText(k) === texts[0]) ?? -1;
      await onCall(first, texts);
      return lazyEmbedder.embedPassages(texts, o);
    },
  };
}

const embeddedIds = async () =>
  new Set((await readQuery<{ id: string }>(db, 'MATCH (i:Item) WHERE i.embedding IS NOT NULL RETURN i.id AS id')).map((r) => r.id));

beforeAll(async () => {
  db = await openTestDb();
});

beforeEach(async () => {
  await clearGraph(db);
  await upsertDocument(db, record());
  dir = await mkdtemp(join(tmpdir(), 'search-sync-pipeline-'));
  index = VectorIndex.empty(dir, EMBEDDING_DIMENSIONS);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await disposeEmbedder();
  await closeDb(db);
});

describe('the sync embeds the next batch while one is written', () => {
  it('hands batch n + 1 to the embedder before batch n is written, and writes each text its own vector', async () => {
    const events: string[] = [];
    const computed = new Map<string, Float32Array>();
    const embedder: PassageEmbedder = {
      async embedPassages(texts, o) {
        events.push(`embed ${texts.map((t) => Number(/(\d+):/.exec(t)![1])).join(',')}`);
        const vs = await lazyEmbedder.embedPassages(texts, o);
        texts.forEach((t, i) => computed.set(t, vs[i]!));
        return vs;
      },
    };
    const onProgress = (p: SyncProgress) => p.phase === 'embed' && p.done > 0 && events.push(`written ${p.done}`);
    const result = await syncSearchIndex(db, index, embedder, { batchSize: BATCH, onProgress });
    expect(events).toEqual(['embed 0,1,2,3', 'embed 4,5,6,7', 'written 4', 'embed 8,9,10,11', 'written 8', 'written 12']);
    expect(result).toMatchObject({ embedded: ITEMS, skipped: 0, failed: [], added: ITEMS, size: ITEMS });
    const stored = await readQuery<{ text: string; v: number[] }>(db, 'MATCH (i:Item) RETURN i.text AS text, i.embedding AS v');
    expect(stored).toHaveLength(ITEMS);
    for (const { text, v } of stored) expect(v).toEqual(Array.from(computed.get(text)!));

    // embedAhead 0: the sync as it was, each batch written before the next is embedded.
    events.length = 0;
    await clearGraph(db);
    await upsertDocument(db, record());
    const again = VectorIndex.empty(await mkdtemp(join(dir, 'again-')), EMBEDDING_DIMENSIONS);
    await syncSearchIndex(db, again, embedder, { batchSize: BATCH, embedAhead: 0, onProgress });
    expect(events).toEqual(['embed 0,1,2,3', 'written 4', 'embed 4,5,6,7', 'written 8', 'embed 8,9,10,11', 'written 12']);
  });

  it('skips a text changed while its batch was embedded, writes the others, and embeds the new text at the next sync', async () => {
    const newText = `${taskText(5)} Bổ sung: sửa đổi trong lúc đồng bộ.`;
    let changed = false;
    const embedder = watched(async (first) => {
      // Batch 1 (tasks 4–7) is being embedded: the document is uploaded again with task 5 reworded.
      if (first === 4 && !changed) {
        changed = true;
        await upsertDocument(db, record({ 5: newText }));
      }
    });
    const result = await syncSearchIndex(db, index, embedder, { batchSize: BATCH });
    expect(changed).toBe(true);
    expect(result).toMatchObject({ embedded: ITEMS - 1, skipped: 1, failed: [], size: ITEMS - 1 });
    expect(index.has(ids[5]!)).toBe(false);
    expect(await embeddedIds()).toEqual(new Set(ids.filter((_, k) => k !== 5)));

    expect(await syncSearchIndex(db, index, lazyEmbedder, { batchSize: BATCH })).toMatchObject({ embedded: 1, skipped: 0, added: 1, size: ITEMS });
    const [row] = await readQuery<{ text: string }>(db, 'MATCH (i:Item {id: $id}) WHERE i.embedding IS NOT NULL RETURN i.text AS text', { id: ids[5] });
    expect(row?.text).toBe(newText);
  });

  it('leaves out only the unreadable text of a middle batch while the batches around it are in flight', async () => {
    const embedder = watched((_, texts) => {
      if (texts.includes(taskText(6))) throw new RangeError('Maximum call stack size exceeded');
    });
    const result = await syncSearchIndex(db, index, embedder, { batchSize: BATCH });
    expect(result).toMatchObject({ embedded: ITEMS - 1, skipped: 0, failed: [ids[6]], size: ITEMS - 1 });
    expect(await embeddedIds()).toEqual(new Set(ids.filter((_, k) => k !== 6)));
    expect(await syncSearchIndex(db, index, lazyEmbedder)).toMatchObject({ embedded: 1, failed: [], size: ITEMS });
  });

  it('stops at a write that fails, keeps the batches written before it, and the next sync embeds the rest', async () => {
    // The database goes away once the last batch is handed to the embedder: batch 0 is written
    // by then, batch 1's write fails (a real error from Neo4j: no such database).
    let broken = false;
    const flaky: Db = {
      driver: db.driver,
      queryDeadlineMs: db.queryDeadlineMs,
      writeDeadlineMs: db.writeDeadlineMs,
      get database() {
        return broken ? 'nosuchdatabase' : db.database;
      },
    };
    const embedder = watched((first) => {
      if (first === 8) broken = true;
    });
    await expect(syncSearchIndex(flaky, index, embedder, { batchSize: BATCH })).rejects.toThrow();
    expect(await embeddedIds()).toEqual(new Set(ids.slice(0, BATCH)));
    expect(index.size).toBe(0);
    const result = await syncSearchIndex(db, index, lazyEmbedder, { batchSize: BATCH });
    expect(result).toMatchObject({ embedded: ITEMS - BATCH, failed: [], added: ITEMS, size: ITEMS });
  });
});
