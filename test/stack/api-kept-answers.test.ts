/**
 * Lineage and heatmap answers are kept while the graph stands where it stood
 * (server/queries/kept-answers.ts, graph-store/graph-version.ts): a document written by anyone —
 * here straight through the graph store on another connection, as `npm run ingest` beside the
 * server would — shows in the very next answer. Real Neo4j, real parser.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, type Db } from '../../graph-store/db.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { Heatmap } from '../../api-schema/audit.js';
import { Subgraph } from '../../api-schema/lineage.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { KL69 } from '../helpers/demo-corpus.js';
import { documentNode, syntheticRecord } from '../helpers/synthetic-record.js';
import { openTestDb } from '../helpers/test-db.js';

const { get } = await useDemoApi();
/** Another connection: writes through it are not this server's. */
const other: Db = await openTestDb();

afterAll(async () => {
  await closeDb(other);
});

describe('kept answers', () => {
  it('answer the same while nothing is written', async () => {
    const first = await get('/api/lineage', { id: KL69 });
    const again = await get('/api/lineage', { id: KL69 });
    expect(again.text).toBe(first.text);
    expect((await get('/api/audit/heatmap')).text).toBe((await get('/api/audit/heatmap')).text);
  });

  it('show a document written by another process in the next answer', async () => {
    const before = Subgraph.parse((await get('/api/lineage', { id: KL69, direction: 'down', depth: 1, include: 'documents' })).body);
    const heatBefore = Heatmap.parse((await get('/api/audit/heatmap')).body);
    const kl69 = documentNode({ id: KL69, number: '69-KL/TW', issuerPath: 'tw', typeCode: 'kl', level: 'central', province: null });
    const plan = syntheticRecord({ number: '77/KH-UBND', tasks: 3, implements: [kl69] });
    await upsertDocument(other, plan);

    const after = Subgraph.parse((await get('/api/lineage', { id: KL69, direction: 'down', depth: 1, include: 'documents' })).body);
    expect(before.nodes.some((n) => n.id === plan.document.id)).toBe(false);
    expect(after.nodes.find((n) => n.id === plan.document.id)?.distance).toBe(1);
    const heatAfter = Heatmap.parse((await get('/api/audit/heatmap')).body);
    expect(heatAfter.provinces).toContain('Tỉnh Thử');
    expect(heatBefore.provinces).not.toContain('Tỉnh Thử');
  });
});
