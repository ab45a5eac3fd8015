import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, readQuery, writeQuery, type Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { openTestDb } from '../helpers/test-db.js';
import { clearGraph, graphCounts } from '../helpers/graph-counts.js';
import { documentNode, syntheticRecord } from '../helpers/synthetic-record.js';

const db: Db = await openTestDb();
afterAll(() => closeDb(db));
beforeEach(() => clearGraph(db));

const kl69 = documentNode({ number: '69-KL/TW', issuerPath: 'tw', typeCode: 'kl', level: 'central', province: null });

describe('migrate', () => {
  it('is a no-op the second time', async () => {
    await migrate(db);
    const schema = () => readQuery(db, 'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name');
    const before = await schema();
    const again = await migrate(db);
    expect(again.created).toEqual([]);
    expect(await schema()).toEqual(before);
    expect(before.map((r) => r.name)).toEqual(expect.arrayContaining(['item_text', 'item_embedding', 'document_id']));
  });
});

describe('upsertDocument', () => {
  it('writes a whole document and leaves counts identical when repeated', async () => {
    const record = syntheticRecord({ number: '12/KH-UBND', tasks: 25, implements: [kl69] });
    const summary = await upsertDocument(db, record);
    expect(summary.items).toBe(25);
    const first = await graphCounts(db);
    expect(first).toMatchObject({ ':Document': 2, ':Task': 25, ':Agency': 2, '-CONTAINS-': 25, '-LEADS-': 25, '-IMPLEMENTS-': 1 });
    await upsertDocument(db, record);
    expect(await graphCounts(db)).toEqual(first);
  });

  it('leaves nothing of a document behind when it fails part-way', async () => {
    await upsertDocument(db, syntheticRecord({ number: '1/KH-UBND', tasks: 3 }));
    const before = await graphCounts(db);
    // Two agencies with one name break this extra constraint only after the document and its
    // items have been written inside the transaction.
    await writeQuery(db, 'CREATE CONSTRAINT test_agency_name IF NOT EXISTS FOR (a:Agency) REQUIRE a.name IS UNIQUE');
    try {
      const bad = syntheticRecord({ number: '2/KH-UBND', tasks: 5, implements: [kl69], agencies: ['Sở Nội vụ', 'Sở Y tế'] });
      bad.agencies[1] = { ...bad.agencies[1]!, name: 'Sở Nội vụ' };
      await expect(upsertDocument(db, bad)).rejects.toThrow(/already exists|constraint/i);
    } finally {
      await writeQuery(db, 'DROP CONSTRAINT test_agency_name IF EXISTS');
    }
    expect(await graphCounts(db)).toEqual(before);
    const left = await readQuery(db, "MATCH (n) WHERE n.id STARTS WITH 'vn/tinh-thu/ubnd/kh/2/' OR n.id STARTS WITH 'vn/tw' RETURN n.id");
    expect(left).toEqual([]);
  });

  it('rejects a record with two items of one id before touching the graph', async () => {
    const record = syntheticRecord({ number: '3/KH-UBND', tasks: 2 });
    record.items[1] = { ...record.items[1]!, id: record.items[0]!.id };
    await expect(upsertDocument(db, record)).rejects.toThrow(/Duplicate item id/);
    expect(await graphCounts(db)).toEqual({});
  });

  it('replaces the items of a changed document and keeps untouched ones', async () => {
    await upsertDocument(db, syntheticRecord({ number: '4/KH-UBND', tasks: 10 }));
    await upsertDocument(db, syntheticRecord({ number: '4/KH-UBND', tasks: 6, agencies: ['Sở Tài chính'] }));
    const counts = await graphCounts(db);
    expect(counts[':Task']).toBe(6);
    // Sở Khoa học và Công nghệ led tasks only in the old version, so it is gone.
    expect(counts[':Agency']).toBe(1);
  });

  it('resolves a bare citation to the dated document and absorbs an earlier yearless stub', async () => {
    const bareId = kl69.numberKey!;
    const bare = { ...kl69, id: bareId, year: null, date: null };
    const a = syntheticRecord({ number: '5/KH-UBND', tasks: 1, implements: [{ ...bare, id: bareId, year: null }] });
    await upsertDocument(db, a);
    expect((await readQuery(db, 'MATCH (d:Document {stub: true}) RETURN d.id AS id')).map((r) => r.id)).toEqual([bareId]);
    const b = syntheticRecord({ number: '6/KH-UBND', tasks: 1, implements: [kl69] });
    const summary = await upsertDocument(db, b);
    expect(summary.mergedStubs).toEqual([bareId]);
    const rows = await readQuery<{ id: string; n: number }>(
      db,
      'MATCH (d:Document)<-[:IMPLEMENTS]-(:Document) RETURN d.id AS id, count(*) AS n',
    );
    expect(rows).toEqual([{ id: kl69.id, n: 2 }]);
    const c = syntheticRecord({ number: '7/KH-UBND', tasks: 1, implements: [{ ...bare, id: bareId, year: null }] });
    await upsertDocument(db, c);
    expect(await readQuery(db, 'MATCH (d:Document {numberKey: $k}) RETURN d.id AS id', { k: kl69.numberKey })).toEqual([
      { id: kl69.id },
    ]);
  });

  it('fills a stub when the cited document is ingested with its text', async () => {
    await upsertDocument(db, syntheticRecord({ number: '8/KH-UBND', tasks: 1, implements: [kl69] }));
    const full = syntheticRecord({ number: '69-KL/TW', issuerPath: 'tw', tasks: 2 });
    full.document = { ...kl69, text: 'Kết luận 69' };
    full.items = full.items.map((i) => ({ ...i, documentId: kl69.id, id: i.id.replace(/^[^#]+/, kl69.id), isDirective: true, isTask: false }));
    full.agencyEdges = [];
    full.agencies = [];
    await upsertDocument(db, full);
    const rows = await readQuery(db, 'MATCH (d:Document {id: $id}) RETURN d.stub AS stub, d.text AS text', { id: kl69.id });
    expect(rows).toEqual([{ stub: false, text: 'Kết luận 69' }]);
    // A later citation of it as a stub does not overwrite the text.
    await upsertDocument(db, syntheticRecord({ number: '9/KH-UBND', tasks: 1, implements: [kl69] }));
    expect(await readQuery(db, 'MATCH (d:Document {id: $id}) RETURN d.stub AS stub, d.text AS text', { id: kl69.id })).toEqual(rows);
  });
});

describe('deleteDocument', () => {
  it('removes its items but not agencies or documents others still use', async () => {
    const a = syntheticRecord({ number: '10/KH-UBND', tasks: 4, implements: [kl69], agencies: ['Sở Tài chính', 'Sở Nội vụ'] });
    const b = syntheticRecord({ number: '11/KH-UBND', tasks: 3, implements: [kl69], agencies: ['Sở Tài chính'] });
    await upsertDocument(db, a);
    await upsertDocument(db, b);
    const summary = await deleteDocument(db, a.document.id);
    expect(summary).toMatchObject({ found: true, itemsDeleted: 4, keptAsStub: false });
    const counts = await graphCounts(db);
    expect(counts[':Task']).toBe(3);
    const agencies = await readQuery(db, 'MATCH (a:Agency) RETURN a.name AS name');
    expect(agencies).toEqual([{ name: 'Sở Tài chính' }]);
    const docs = await readQuery(db, 'MATCH (d:Document) RETURN d.id AS id ORDER BY id');
    expect(docs.map((d) => d.id).sort()).toEqual([b.document.id, kl69.id].sort());
  });

  it('keeps a cited document as a stub and removes an unused stub with its last citer', async () => {
    const parent = syntheticRecord({ number: '20-KH/TU', issuerPath: 'tinh-thu/tu', tasks: 2, implements: [kl69] });
    const child = syntheticRecord({ number: '21/KH-UBND', tasks: 2, implements: [parent.document] });
    await upsertDocument(db, parent);
    await upsertDocument(db, child);
    expect(await deleteDocument(db, parent.document.id)).toMatchObject({ keptAsStub: true, itemsDeleted: 2 });
    // 69-KL/TW was cited only by the parent.
    expect(await readQuery(db, 'MATCH (d:Document {id: $id}) RETURN d.id', { id: kl69.id })).toEqual([]);
    expect(await readQuery(db, 'MATCH (d:Document {id: $id}) RETURN d.stub AS stub', { id: parent.document.id })).toEqual([
      { stub: true },
    ]);
    expect(await deleteDocument(db, 'vn/none')).toMatchObject({ found: false });
  });
});
