import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { documentAudit } from '../../graph-store/audit-reads.js';
import { openTestDb } from '../helpers/test-db.js';
import { clearGraph, graphCounts } from '../helpers/graph-counts.js';

const corpus = join(import.meta.dirname, '../../data/corpus');
const KL69 = 'vn/tw/kl/69/2024';
const opts = { maxBytes: 5_000_000 };
let db: Db;
let files: string[];

beforeAll(async () => {
  db = await openTestDb();
  await clearGraph(db);
  files = await discoverFiles([corpus]);
  const outcomes = await ingestFiles(db, files, opts);
  expect(outcomes.map((o) => o.status)).toEqual(files.map(() => 'ingested'));
});
afterAll(() => closeDb(db));

const provinceDoc = (file: string) => readQuery<{ id: string }>(db, 'MATCH (d:Document {sourceFile: $f}) RETURN d.id AS id', { f: file });

describe('the demo corpus in Neo4j', () => {
  it('has one node for 69-KL/TW, with its text, whatever the spelling', async () => {
    const rows = await readQuery(db, "MATCH (d:Document) WHERE d.numberKey = 'vn/tw/kl/69' RETURN d.id AS id, d.stub AS stub");
    expect(rows).toEqual([{ id: KL69, stub: false }]);
    const citers = await readQuery(db, 'MATCH (d:Document)-[:CITES|IMPLEMENTS]->(:Document {id: $id}) RETURN count(DISTINCT d) AS n', { id: KL69 });
    expect(citers[0]!.n).toBeGreaterThanOrEqual(5);
  });

  it("puts 245-KH/TU under Bình Thuận's Tỉnh ủy", async () => {
    const rows = await readQuery(db, "MATCH (d:Document) WHERE d.number STARTS WITH '245' RETURN d.id AS id, d.province AS province");
    expect(rows).toEqual([{ id: 'vn/binh-thuan/tu/kh/245/2024', province: 'Bình Thuận' }]);
  });

  it('lets the four provinces that carry out 69-KL/TW reach it by IMPLEMENTS paths, and not Bắc Kạn', async () => {
    for (const stem of ['000_7e0883046d7fbb4f.txt', '002_406f77f05690ad63.txt', '003_2c04bff435a40578.txt', '004_d3aaec19ab7e37bf.txt']) {
      const [doc] = await provinceDoc(stem);
      const path = await readQuery(db, 'MATCH p = (:Document {id: $from})-[:IMPLEMENTS*1..4]->(:Document {id: $to}) RETURN length(p) AS hops LIMIT 1', {
        from: doc!.id,
        to: KL69,
      });
      expect(path.length, `${stem} should reach 69-KL/TW`).toBe(1);
    }
    const [bacKan] = await provinceDoc('001_85caa70bca5e72ab.txt');
    expect(bacKan!.id).toBe('vn/bac-kan/ubnd/kh/380/2023');
    const toKl = await readQuery(db, 'MATCH p = (:Document {id: $from})-[:IMPLEMENTS*1..5]->(:Document {id: $to}) RETURN p LIMIT 1', { from: bacKan!.id, to: KL69 });
    expect(toKl).toEqual([]);
    const parents = await readQuery<{ id: string }>(db, 'MATCH (:Document {id: $id})-[:IMPLEMENTS]->(p) RETURN p.id AS id ORDER BY id', { id: bacKan!.id });
    expect(parents.map((p) => p.id)).toEqual(['vn/bkhcn/qd/2667/2022', 'vn/ttg/qd/569/2022']);
  });

  it('gives every item a line span inside its document', async () => {
    const bad = await readQuery(
      db,
      `MATCH (d:Document)-[:CONTAINS]->(i:Item)
       WHERE i.lineStart IS NULL OR i.lineEnd < i.lineStart OR i.lineEnd > size(split(d.text, '\n'))
       RETURN i.id AS id`,
    );
    expect(bad).toEqual([]);
    const [{ n }] = (await readQuery<{ n: number }>(db, 'MATCH (i:Item) RETURN count(i) AS n')) as [{ n: number }];
    expect(n).toBeGreaterThan(150);
  });

  it('links provincial tasks to the directive items of 69-KL/TW they carry out', async () => {
    const rows = await readQuery<{ province: string; n: number }>(
      db,
      `MATCH (t:Task)-[:IMPLEMENTS]->(:Directive {documentId: $id}) RETURN t.province AS province, count(DISTINCT t) AS n ORDER BY province`,
      { id: KL69 },
    );
    expect(rows.map((r) => r.province)).toEqual(['Bình Thuận', 'Bắc Giang', 'Kon Tum', 'Quảng Bình']);
  });

  it('leaves counts identical when the corpus is ingested again, twice', async () => {
    const before = await graphCounts(db);
    for (let k = 0; k < 2; k++) {
      const outcomes = await ingestFiles(db, files, opts);
      expect(outcomes.map((o) => o.status)).toEqual(files.map(() => 'unchanged'));
    }
    expect(await graphCounts(db)).toEqual(before);
  });

  it('reports what auditors ask first', async () => {
    const audit = await documentAudit(db);
    const binhThuan = audit.find((a) => a.id === 'vn/binh-thuan/ubnd/kh/3229/2024')!;
    // One task per real task: its appendix rows restate its body tasks (38 by reading, 34–40).
    expect(binhThuan.tasks).toBeGreaterThanOrEqual(34);
    expect(binhThuan.tasks).toBeLessThanOrEqual(40);
    expect(binhThuan.collectiveLedTasks).toBeGreaterThan(0);
    expect(binhThuan.unresolvedCitations).toBeGreaterThan(5);
    const kl = audit.find((a) => a.id === KL69)!;
    expect(kl.directiveItems).toBe(14);
    // A plan of a People's Committee has no directive items, so none can be unimplemented.
    expect(binhThuan).toMatchObject({ directiveItems: 0, directiveItemsNotImplemented: 0 });
    const bacKan = audit.find((a) => a.id === 'vn/bac-kan/ubnd/kh/380/2023')!;
    expect(bacKan).toMatchObject({ tasks: 6, tasksWithoutLead: 6 });
    const nq20 = audit.find((a) => a.id === 'vn/tw/nq/20/2012')!;
    expect(nq20.tasksWithoutLead).toBe(0);
  });
});

describe('a batch with bad files', () => {
  it('reports each bad file with its reason, writes the good ones, and changes a changed document only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-bad-'));
    const good = readFileSync(join(corpus, '001_85caa70bca5e72ab.txt'), 'utf8');
    writeFileSync(join(dir, 'a-empty.txt'), '');
    writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(join(dir, 'c-legacy.txt'), iconv.encode(good.normalize('NFD'), 'windows1258'));
    writeFileSync(join(dir, 'd-noise.txt'), 'Hello world.\nThis is not a policy document at all.\n');
    // The plan's own file, edited: its new version. (Under another name a copy that is not markedly
    // fuller would be kept as another source instead: ingest/which-text.ts.)
    writeFileSync(join(dir, '001_85caa70bca5e72ab.txt'), good.replace('Tập trung nguồn lực', 'Huy động mọi nguồn lực'));
    const before = await graphCounts(db);
    const outcomes = await ingestFiles(db, await discoverFiles([dir]), { maxBytes: 5_000_000 });
    const reasons = Object.fromEntries(outcomes.map((o) => [o.file.split('/').pop(), o.status === 'failed' ? o.error : o.status]));
    expect(reasons['a-empty.txt']).toMatch(/empty/);
    expect(reasons['b-binary.txt']).toMatch(/binary/);
    expect(reasons['c-legacy.txt']).toMatch(/Windows-1258/);
    expect(reasons['d-noise.txt']).toMatch(/not recognisable as a policy document/);
    expect(reasons['001_85caa70bca5e72ab.txt']).toBe('ingested');
    // Same document (same number and issuer), new text: replaced in place, nothing added.
    expect(await graphCounts(db)).toEqual(before);
    const text = await readQuery(db, "MATCH (i:Item {documentId: 'vn/bac-kan/ubnd/kh/380/2023'}) WHERE i.text CONTAINS 'Huy động mọi nguồn lực' RETURN count(i) AS n");
    expect(text[0]!.n).toBe(1);
  });
});
