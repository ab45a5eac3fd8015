/**
 * The HNSW index stays consistent with the graph: every item embedded and indexed after a sync,
 * changed items re-embedded, replaced and deleted ones gone, the saved index reloaded as is, and
 * a corrupt or missing one rebuilt from the vectors Neo4j holds. Real Neo4j, real model; a part
 * of the corpus (three documents, ~60 items) keeps the embedding short.
 */
import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSIONS } from '../../graph-schema/index.js';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { ingestBytes, ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import { disposeEmbedder, embedQuery } from '../../search/embedder.js';
import { VectorIndex } from '../../search/index-store.js';
import { lazyEmbedder } from '../../search/open.js';
import { HybridSearchService } from '../../search/service.js';
import { syncSearchIndex } from '../../search/sync.js';
import { clearGraph } from '../helpers/graph-counts.js';
import { openTestDb } from '../helpers/test-db.js';

const corpus = (f: string) => join(REPO_ROOT, 'data/corpus', f);
const KON_TUM_FILE = '002_406f77f05690ad63.txt';
const KON_TUM = 'vn/kon-tum/tu/kh/44';
const FILES = [corpus('national/kl-69-KLTW-2024.md'), corpus('000_7e0883046d7fbb4f.txt'), corpus(KON_TUM_FILE)];
const opts = { maxBytes: 5_000_000 };

let db: Db;
let dir: string;
let index: VectorIndex;
let probes: Float32Array[];

const graphItemIds = async () =>
  new Set((await readQuery<{ id: string }>(db, 'MATCH (i:Item) RETURN i.id AS id')).map((r) => r.id));
const sync = () => syncSearchIndex(db, index, lazyEmbedder);
const top = (ix: VectorIndex, v: Float32Array) => ix.search(v, 10);

beforeAll(async () => {
  db = await openTestDb();
  await clearGraph(db);
  expect((await ingestFiles(db, FILES, opts)).map((o) => o.status)).toEqual(['ingested', 'ingested', 'ingested']);
  dir = await mkdtemp(join(tmpdir(), 'search-index-'));
  index = VectorIndex.empty(dir, EMBEDDING_DIMENSIONS);
  probes = await Promise.all(['hỗ trợ khởi nghiệp', 'hop tac quoc te', 'tuyên truyền Kết luận 69'].map((q) => embedQuery(q)));
});

afterAll(async () => {
  await disposeEmbedder();
  await closeDb(db);
  await rm(dir, { recursive: true, force: true });
});

describe('search index consistency', () => {
  it('embeds and indexes every item after ingest + sync', async () => {
    const result = await sync();
    const ids = await graphItemIds();
    expect(ids.size).toBeGreaterThan(50);
    expect(result).toMatchObject({ embedded: ids.size, added: ids.size, removed: 0, size: ids.size, saved: true });
    expect(index.size).toBe(ids.size);
    expect(new Set(index.ids())).toEqual(ids);
    const [row] = await readQuery<{ missing: number; dims: number[] }>(
      db,
      'MATCH (i:Item) RETURN count(CASE WHEN i.embedding IS NULL THEN 1 END) AS missing, collect(DISTINCT size(i.embedding)) AS dims',
    );
    expect(row).toEqual({ missing: 0, dims: [EMBEDDING_DIMENSIONS] });
    // Nothing changed: a second sync embeds nothing and does not rewrite the files.
    expect(await sync()).toMatchObject({ embedded: 0, added: 0, removed: 0, saved: false });
  });

  it('re-embeds a changed item and drops the vectors of replaced ones when a document is re-ingested', async () => {
    const original = await readFile(corpus(KON_TUM_FILE), 'utf8');
    const lines = original.split('\n');
    const changedLine = lines.findIndex((l) => l.startsWith('Khuyến khích, hỗ trợ phát triển hệ sinh thái khởi nghiệp'));
    const droppedLine = lines.findIndex((l) => l.startsWith('Nghiên cứu phát triển các giải pháp công nghệ gắn với chuyển đổi số'));
    expect(changedLine).toBeGreaterThan(0);
    expect(droppedLine).toBe(changedLine + 1);
    const before = await readQuery<{ id: string; text: string }>(db, 'MATCH (i:Item {documentId: $d}) RETURN i.id AS id, i.text AS text', { d: KON_TUM });
    const changedId = before.find((i) => i.text.startsWith('Khuyến khích, hỗ trợ'))!.id;
    const oldVector = index.vectorOf(changedId)!;

    lines[changedLine] = lines[changedLine]!.replace('Khuyến khích, hỗ trợ', 'Ưu tiên ngân sách để hỗ trợ');
    lines.splice(droppedLine, 1);
    const outcome = await ingestBytes(db, Buffer.from(lines.join('\n')), KON_TUM_FILE, opts);
    expect(outcome.status).toBe('ingested');

    const after = await graphItemIds();
    const gone = before.map((i) => i.id).filter((id) => !after.has(id));
    expect(gone.length).toBeGreaterThan(0);
    const result = await sync();
    expect(result.embedded).toBeGreaterThanOrEqual(1);
    expect(result.removed).toBeGreaterThanOrEqual(gone.length + 1);
    expect(index.size).toBe(after.size);
    expect(new Set(index.ids())).toEqual(after);
    for (const id of gone) expect(index.has(id), id).toBe(false);
    // The changed item's vector is the new text's, the one Neo4j now holds.
    const newVector = index.vectorOf(changedId)!;
    const [stored] = await readQuery<{ v: number[] }>(db, 'MATCH (i:Item {id: $id}) RETURN i.embedding AS v', { id: changedId });
    expect(newVector[0]).not.toBeCloseTo(oldVector[0]!, 6);
    newVector.slice(0, 8).forEach((x, d) => expect(x).toBeCloseTo(stored!.v[d]!, 5));
    // Searching with the old vector no longer finds the item with similarity 1.
    expect(index.search(oldVector, 1)[0]!.score).toBeLessThan(0.999);
  });

  it('removes the vectors of a deleted document', async () => {
    const ids = (await readQuery<{ id: string }>(db, 'MATCH (i:Item {documentId: $d}) RETURN i.id AS id', { d: KON_TUM })).map((r) => r.id);
    expect((await deleteDocument(db, KON_TUM)).found).toBe(true);
    const result = await sync();
    expect(result).toMatchObject({ embedded: 0, added: 0, removed: ids.length });
    for (const id of ids) expect(index.has(id)).toBe(false);
    expect(new Set(index.ids())).toEqual(await graphItemIds());
    // and the search service hides nothing it should show, nor shows the deleted document
    const service = new HybridSearchService(db, index, lazyEmbedder);
    const hits = await service.search('hệ sinh thái khởi nghiệp', { kind: 'any' }, 20);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.item.documentId === KON_TUM)).toBe(false);
  });

  it('reloads the saved index from disk with the same results', () => {
    const { index: reloaded, status } = VectorIndex.open(dir, EMBEDDING_DIMENSIONS);
    expect(status).toEqual({ state: 'loaded' });
    expect(reloaded.size).toBe(index.size);
    for (const v of probes) {
      const a = top(index, v);
      const b = top(reloaded, v);
      expect(b.map((h) => h.id)).toEqual(a.map((h) => h.id));
      b.forEach((h, i) => expect(h.score).toBeCloseTo(a[i]!.score, 6));
    }
  });

  it('rebuilds a corrupt index from the vectors in Neo4j, without re-embedding', async () => {
    const expected = probes.map((v) => top(index, v).map((h) => h.id));
    const files = VectorIndex.files(dir);
    const bytes = fs.readFileSync(files.index);
    fs.writeFileSync(files.index, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const opened = VectorIndex.open(dir, EMBEDDING_DIMENSIONS);
    expect(opened.status.state).toBe('corrupt');
    expect(opened.index.size).toBe(0);
    index = opened.index;
    const result = await sync();
    const ids = await graphItemIds();
    expect(result).toMatchObject({ embedded: 0, added: ids.size, removed: 0, size: ids.size, saved: true });
    expect(probes.map((v) => top(index, v).map((h) => h.id))).toEqual(expected);
    expect(VectorIndex.open(dir, EMBEDDING_DIMENSIONS).status.state).toBe('loaded');
  });

  it('rebuilds when the id map is missing or not JSON', async () => {
    const files = VectorIndex.files(dir);
    fs.writeFileSync(files.map, '{ "format": 1, "entries": [');
    expect(VectorIndex.open(dir, EMBEDDING_DIMENSIONS).status.state).toBe('corrupt');
    fs.rmSync(files.map);
    const opened = VectorIndex.open(dir, EMBEDDING_DIMENSIONS);
    expect(opened.status).toEqual({ state: 'missing' });
    index = opened.index;
    const ids = await graphItemIds();
    expect(await sync()).toMatchObject({ embedded: 0, added: ids.size, size: ids.size });
    expect(new Set(index.ids())).toEqual(ids);
  });

  it('picks up a newer index another process saved', async () => {
    const other = VectorIndex.open(dir, EMBEDDING_DIMENSIONS).index;
    const someId = [...other.ids()][0]!;
    other.remove(someId);
    // mtime resolution: make sure the stamp differs even on coarse file systems
    await new Promise((r) => setTimeout(r, 20));
    other.save();
    expect(index.has(someId)).toBe(true);
    expect(index.reloadIfChangedOnDisk()).toBe(true);
    expect(index.has(someId)).toBe(false);
    // the next sync puts it back, since the graph still has it
    expect(await sync()).toMatchObject({ added: 1, removed: 0 });
    expect(index.has(someId)).toBe(true);
  });

  it('leaves out an item the embedder cannot read and indexes the others', async () => {
    // The real embedder, failing on one text as the tokenizer once did on a 1 MB line.
    const text = 'Nội dung thử nghiệm mà bộ mã hóa không đọc được: kiểm tra việc cô lập lỗi.';
    const outcome = await ingestBytes(db, Buffer.from(`ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 77/KH-UBND\nThái Bình, ngày 01 tháng 02 năm 2025\nKẾ HOẠCH\nI. NHIỆM VỤ\n1. ${text}\n2. Tổ chức tuyên truyền Kết luận số 69-KL/TW.\n`), 'poison.txt', opts);
    expect(outcome.status).toBe('ingested');
    const poisoned = {
      async embedPassages(texts: string[], o?: { batchSize?: number }) {
        if (texts.some((t) => t.includes('bộ mã hóa không đọc được'))) throw new RangeError('Maximum call stack size exceeded');
        return lazyEmbedder.embedPassages(texts, o);
      },
    };
    const result = await syncSearchIndex(db, index, poisoned);
    expect(result.failed).toHaveLength(1);
    const [poisonedItem] = await readQuery<{ id: string }>(db, 'MATCH (i:Item) WHERE i.text CONTAINS $t RETURN i.id AS id', { t: 'bộ mã hóa không đọc được' });
    expect(result.failed).toEqual([poisonedItem!.id]);
    const ids = await graphItemIds();
    expect(new Set(index.ids())).toEqual(new Set([...ids].filter((id) => id !== result.failed[0])));
    // With an embedder that reads it, the next sync catches up.
    expect(await sync()).toMatchObject({ embedded: 1, failed: [] });
    expect(new Set(index.ids())).toEqual(ids);
  });

  it('after an upload compares only its document, appends the change to the journal, and reloads to the same index', async () => {
    const doc = 'vn/thai-binh/ubnd/kh/78/2025';
    const text = 'ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 78/KH-UBND\nThái Bình, ngày 03 tháng 02 năm 2025\nKẾ HOẠCH\nI. NHIỆM VỤ\n1. Xây dựng nền tảng dữ liệu nông nghiệp số của tỉnh.\n2. Đào tạo kỹ năng số cho cán bộ cấp xã.\n';
    const outcome = await ingestBytes(db, Buffer.from(text), 'thai-binh-78.txt', opts);
    expect(outcome).toMatchObject({ status: 'ingested', documentId: doc });
    const result = await syncSearchIndex(db, index, lazyEmbedder, { documents: [doc] });
    expect(result).toMatchObject({ scope: 'documents', embedded: 2, added: 2, removed: 0, savedAs: 'journal' });
    expect(fs.existsSync(VectorIndex.files(dir).journal)).toBe(true);
    expect(new Set(index.ids())).toEqual(await graphItemIds());
    const { index: reloaded } = VectorIndex.open(dir, EMBEDDING_DIMENSIONS);
    expect(new Set(reloaded.ids())).toEqual(new Set(index.ids()));
    const probe = await embedQuery('dữ liệu nông nghiệp số');
    expect(top(reloaded, probe)).toEqual(top(index, probe));
    expect(top(index, probe)[0]!.id.startsWith(`${doc}#`)).toBe(true);
    // Deleting it: the same, scoped to the deleted document.
    await deleteDocument(db, doc);
    expect(await syncSearchIndex(db, index, lazyEmbedder, { documents: [doc] })).toMatchObject({ scope: 'documents', removed: 2, savedAs: 'journal' });
    expect(new Set(index.ids())).toEqual(await graphItemIds());
  });

  it("finds by its words what another process uploaded and synced, and forgets what it deleted", async () => {
    // The server's search (this process) and an `npm run ingest` (another index object, same directory).
    const service = new HybridSearchService(db, VectorIndex.open(dir, EMBEDDING_DIMENSIONS).index, lazyEmbedder).withRanking({ mode: 'lexical' });
    await service.warm();
    const other = VectorIndex.open(dir, EMBEDDING_DIMENSIONS).index;
    const doc = 'vn/ha-nam/ubnd/kh/91/2025';
    const text = 'ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 91/KH-UBND\nHà Nam, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nI. NHIỆM VỤ\n1. Lập bản đồ số vùng trồng dược liệu của tỉnh.\n';
    const lexicalFinds = async () => (await service.lexicalHits('bản đồ số vùng trồng dược liệu', { kind: 'any' }, 10)).some((h) => h.id.startsWith(`${doc}#`));
    expect(await lexicalFinds()).toBe(false);
    expect(await ingestBytes(db, Buffer.from(text), 'ha-nam-91.txt', opts)).toMatchObject({ status: 'ingested', documentId: doc });
    await new Promise((r) => setTimeout(r, 20)); // a save stamp the server can tell from its own
    await syncSearchIndex(db, other, lazyEmbedder, { documents: [doc] });
    // The server notices the newer index at its next search (checked at most once a second).
    await new Promise((r) => setTimeout(r, 1_100));
    const found = await service.search('ban do so vung trong duoc lieu', { kind: 'any' }, 5);
    expect(found[0]?.item.documentId).toBe(doc);
    expect(await lexicalFinds()).toBe(true);
    await deleteDocument(db, doc);
    await new Promise((r) => setTimeout(r, 20));
    await syncSearchIndex(db, other, lazyEmbedder, { documents: [doc] });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await service.search('bản đồ số vùng trồng dược liệu', { kind: 'any' }, 5)).some((h) => h.item.documentId === doc)).toBe(false);
    expect(await lexicalFinds()).toBe(false);
  });

  it('shows a lead another process changed without changing any text', async () => {
    // The server's search (this process), and an `npm run ingest` of a corrected copy: the lead is a
    // column of the plan's table, so no item's text (and no vector) changes and the index is not saved.
    const service = new HybridSearchService(db, VectorIndex.open(dir, EMBEDDING_DIMENSIONS).index, lazyEmbedder).withRanking({ mode: 'lexical' });
    const other = VectorIndex.open(dir, EMBEDDING_DIMENSIONS).index;
    const plan = (lead: string, coordinating: string) =>
      Buffer.from(
        'ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 92/KH-UBND\nHà Nam, ngày 06 tháng 3 năm 2025\nKẾ HOẠCH\nBảo tồn nguồn gen cây trồng bản địa\n' +
          'Số TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n' +
          `1\tXây dựng cơ sở dữ liệu nguồn gen cây dược liệu bản địa của tỉnh\t${lead}\t${coordinating}\tNăm 2025\n`,
      );
    const agriculture = 'Sở Nông nghiệp và Phát triển nông thôn';
    const science = 'Sở Khoa học và Công nghệ';
    const leadShown = async () => {
      const [hit] = await service.search('cơ sở dữ liệu nguồn gen cây dược liệu bản địa', { kind: 'task' }, 1);
      return hit?.item.leads.map((a) => a.name);
    };
    expect(await ingestBytes(db, plan(agriculture, science), 'ha-nam-92.txt', opts)).toMatchObject({ status: 'ingested' });
    await syncSearchIndex(db, other, lazyEmbedder);
    await service.warm();
    expect(await leadShown()).toEqual([agriculture]);
    const documentId = 'vn/ha-nam/ubnd/kh/92/2025';
    expect(await ingestBytes(db, plan(science, agriculture), 'ha-nam-92.txt', opts)).toMatchObject({ status: 'ingested', documentId });
    expect(await syncSearchIndex(db, other, lazyEmbedder)).toMatchObject({ embedded: 0, saved: false });
    // The server looks for documents written elsewhere at most once a second, on a search, and
    // does not hold that search up for it: a later search shows the new lead.
    await expect.poll(leadShown, { timeout: 5_000 }).toEqual([science]);
    await deleteDocument(db, documentId);
    await syncSearchIndex(db, index, lazyEmbedder);
  });

  it('compares everything when the graph changed beyond the documents it was told of', async () => {
    // Another document written without a sync (an ingest with --no-index), then a scoped sync for
    // an unrelated one: the item count gives it away.
    expect((await ingestFiles(db, [corpus(KON_TUM_FILE)], opts))[0]!.status).toBe('ingested');
    const result = await syncSearchIndex(db, index, lazyEmbedder, { documents: ['vn/none/ubnd/kh/1'] });
    expect(result.scope).toBe('all');
    expect(result.added).toBeGreaterThan(10);
    expect(new Set(index.ids())).toEqual(await graphItemIds());
  });
});
