/**
 * A document and the relinking of the plans that implement it are one transaction
 * (graph-store/ingest-write.ts): when relinking fails half way, nothing of the document is in the
 * graph, as after a process killed mid-write.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { parseFile } from '../../ingest/parse-file.js';
import { ingestFiles, ingestRecord } from '../../ingest/pipeline.js';
import { lexicalSimilarity } from '../../ingest/link/lexical-similarity.js';
import type { TextSimilarity } from '../../ingest/link/similarity.js';
import { openTestDb } from '../helpers/test-db.js';
import { clearGraph, graphCounts } from '../helpers/graph-counts.js';

const corpus = join(import.meta.dirname, '../../data/corpus');
const KL69_FILE = join(corpus, 'national/kl-69-KLTW-2024.md');
const KL69 = 'vn/tw/kl/69/2024';
let db: Db;

beforeAll(async () => {
  db = await openTestDb();
  await clearGraph(db);
  // The provincial plans first: 69-KL/TW arrives after the plans that carry it out.
  const plans = (await discoverFiles([corpus])).filter((f) => !f.includes('/national/'));
  const outcomes = await ingestFiles(db, plans, { maxBytes: 5_000_000 });
  expect(outcomes.map((o) => o.status)).toEqual(plans.map(() => 'ingested'));
});
afterAll(() => closeDb(db));

/** Provinces whose tasks carry out a paragraph of 69-KL/TW. */
const provincesLinkedTo69 = async () =>
  (
    await readQuery<{ province: string }>(
      db,
      'MATCH (t:Task)-[:IMPLEMENTS]->(:Directive {documentId: $id}) RETURN DISTINCT t.province AS province ORDER BY province',
      { id: KL69 },
    )
  ).map((r) => r.province);

describe('one write transaction per document', () => {
  it('leaves the graph as it was when relinking the implementers fails, and relinks them when it does not', async () => {
    const parsed = await parseFile(KL69_FILE, 5_000_000);
    if (!parsed.ok) throw new Error(parsed.error);
    const record = parsed.record;
    const ownTexts = new Set(record.items.map((i) => i.text));
    // Linking 69-KL/TW's own items works; linking any other document's tasks (the relink) fails.
    const failingRelink: TextSimilarity = {
      name: 'fails-on-other-documents',
      matrix: (left, right) =>
        left.every((t) => ownTexts.has(t)) ? lexicalSimilarity.matrix(left, right) : Promise.reject(new Error('relink failed')),
    };
    const before = await graphCounts(db);
    const [stub] = await readQuery<{ stub: boolean }>(db, 'MATCH (d:Document {id: $id}) RETURN d.stub AS stub', { id: KL69 });
    expect(stub).toEqual({ stub: true });
    expect(await provincesLinkedTo69()).toEqual([]);

    await expect(ingestRecord(db, KL69_FILE, record, failingRelink)).rejects.toThrow('relink failed');
    expect(await graphCounts(db)).toEqual(before);
    const [after] = await readQuery(db, 'MATCH (d:Document {id: $id}) RETURN d.stub AS stub, d.text IS NULL AS noText', { id: KL69 });
    expect(after).toEqual({ stub: true, noText: true });

    const outcome = await ingestRecord(db, KL69_FILE, record);
    expect(outcome.status).toBe('ingested');
    // As when 69-KL/TW comes first (ingest-corpus.test.ts): Bắc Kạn's plan carries out other documents.
    expect(await provincesLinkedTo69()).toEqual(['Bình Thuận', 'Bắc Giang', 'Kon Tum', 'Quảng Bình']);
  });
});
