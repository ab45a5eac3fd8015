/**
 * Bounded lineage answers on the real demo corpus: given a budget (`limit`) smaller than the
 * walk, /api/lineage keeps at most that many documents and items, says what it left out
 * (`truncated`, and `leftOut` on each document concerned) and where the full set is; /api/export
 * gives that full set. The demo corpus is far under the default budget, so a small one is given.
 * Real Neo4j, real parser; answers checked against the zod schemas behind /openapi.json.
 */
import { describe, expect, it } from 'vitest';
import { LINEAGE_LIMIT, Subgraph } from '../../api-schema/lineage.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { KL69 } from '../helpers/demo-corpus.js';

const demo = await useDemoApi();
const { server, get } = demo;

type Graph = ReturnType<typeof Subgraph.parse>;

function expectWellFormed(g: Graph) {
  const ids = new Set(g.nodes.map((n) => n.id));
  expect(ids.size).toBe(g.nodes.length);
  for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
}

const documents = (g: Graph) => g.nodes.filter((n) => n.kind === 'document');
/** Items of the walked documents (directive items hung off the walk are not theirs). */
const walkedItems = (g: Graph) => {
  const docs = new Set(documents(g).map((d) => d.id));
  return g.nodes.filter((n) => (n.kind === 'task' || n.kind === 'directive') && docs.has(n.documentId!));
};

describe('a lineage over its budget', () => {
  const walk = { id: KL69, direction: 'down', depth: 3, include: 'items' };

  it('is the full set, not truncated, under the default budget', async () => {
    const g = Subgraph.parse((await get('/api/lineage', walk)).body);
    expect(g.truncated).toBeNull();
    expect(g.nodes.some((n) => n.leftOut)).toBe(false);
    expect(walkedItems(g).length + documents(g).length).toBeLessThan(LINEAGE_LIMIT.default);
  });

  it('keeps every document and the items of the nearest documents up to the budget, and counts the rest', async () => {
    const full = Subgraph.parse((await get('/api/export', walk)).body);
    expect(full.truncated).toBeNull();
    const limit = documents(full).length + 25;
    const r = await get('/api/lineage', { ...walk, limit });
    expect(r.status).toBe(200);
    const g = Subgraph.parse(r.body);
    expectWellFormed(g);
    expect(documents(g).map((d) => d.id).sort()).toEqual(documents(full).map((d) => d.id).sort());
    // The budget counts documents and the items read as theirs (CONTAINS); the directive items kept
    // tasks carry out hang off the walk beside them, as in any answer.
    const contained = new Set(g.edges.filter((e) => e.type === 'CONTAINS').map((e) => e.target));
    expect(documents(g).length + contained.size).toBeLessThanOrEqual(limit);

    const t = g.truncated!;
    expect(t).not.toBeNull();
    expect(t.limit).toBe(limit);
    expect(t.total).toEqual({ documents: documents(full).length, items: walkedItems(full).length });
    expect(t.shown).toEqual({ documents: documents(g).length, items: walkedItems(g).length });
    expect(t.leftOut.documents).toBe(0);
    expect(t.leftOut.items).toBe(t.total.items - t.shown.items);
    expect(t.leftOut.items).toBeGreaterThan(0);

    // Each document says how many of its items were left out, of which kind.
    const fullItemsOf = (id: string) => walkedItems(full).filter((i) => i.documentId === id);
    let counted = 0;
    for (const d of documents(g)) {
      const shown = new Set(walkedItems(g).filter((i) => i.documentId === d.id).map((i) => i.id));
      const missing = fullItemsOf(d.id).filter((i) => !shown.has(i.id));
      if (missing.length === 0) {
        expect(d.leftOut, d.id).toBeUndefined();
        continue;
      }
      expect(d.leftOut, d.id).toEqual({
        items: missing.length,
        tasks: missing.filter((i) => i.isTask).length,
        directives: missing.filter((i) => i.isDirective).length,
      });
      counted += d.leftOut!.items;
    }
    expect(counted).toBe(t.leftOut.items);
    expect(t.leftOut.tasks).toBe(documents(g).reduce((n, d) => n + (d.leftOut?.tasks ?? 0), 0));

    // The root's own items come first.
    expect(walkedItems(g).filter((i) => i.documentId === KL69)).toHaveLength(fullItemsOf(KL69).length);
  });

  it('points to the download of the full set, which /api/export gives', async () => {
    const g = Subgraph.parse((await get('/api/lineage', { ...walk, limit: 12 })).body);
    const url = new URL(g.truncated!.download, server.base);
    expect(url.pathname).toBe('/api/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ id: KL69, direction: 'down', depth: '3', include: 'items' });
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; /);
    const full = Subgraph.parse(await r.json());
    expect(full.truncated).toBeNull();
    expect(documents(full)).toHaveLength(g.truncated!.total.documents);
    expect(walkedItems(full)).toHaveLength(g.truncated!.total.items);
  });

  it('keeps the documents nearest to the root when there are more documents than the budget', async () => {
    const full = Subgraph.parse((await get('/api/export', { ...walk, include: 'documents' })).body);
    const g = Subgraph.parse((await get('/api/lineage', { ...walk, include: 'documents', limit: 3 })).body);
    expectWellFormed(g);
    expect(g.nodes).toHaveLength(3);
    expect(g.nodes[0]!.id).toBe(KL69);
    expect(Math.max(...g.nodes.map((n) => n.distance!))).toBeLessThanOrEqual(1);
    expect(g.truncated).toMatchObject({
      shown: { documents: 3, items: 0 },
      total: { documents: full.nodes.length, items: 0 },
      leftOut: { documents: full.nodes.length - 3, items: 0 },
    });
  });

  it('bounds the tasks implementing a directive item too', async () => {
    const item = { id: `${KL69}#5.2`, direction: 'down', depth: 1, include: 'agencies' };
    const full = Subgraph.parse((await get('/api/export', item)).body);
    const fullItems = full.nodes.filter((n) => n.kind === 'task' || n.kind === 'directive');
    expect(fullItems.length).toBeGreaterThan(2);
    const g = Subgraph.parse((await get('/api/lineage', { ...item, limit: 4 })).body);
    expectWellFormed(g);
    const items = g.nodes.filter((n) => n.kind === 'task' || n.kind === 'directive');
    expect(items.length + documents(g).length).toBeLessThanOrEqual(4);
    expect(items.map((i) => i.id)).toContain(item.id);
    expect(g.truncated).toMatchObject({ limit: 4, total: { items: fullItems.length }, shown: { items: items.length } });
    expect(g.truncated!.leftOut.items).toBe(fullItems.length - items.length);
    expect(documents(g).reduce((n, d) => n + (d.leftOut?.items ?? 0), 0)).toBeLessThanOrEqual(g.truncated!.leftOut.items);
  });

  it('refuses a budget out of range, and a budget on the export', async () => {
    for (const limit of [0, LINEAGE_LIMIT.max + 1, 'all']) {
      const r = await get('/api/lineage', { ...walk, limit });
      expect(r.status, String(limit)).toBe(400);
      expect(r.body.error).toContain('limit');
    }
    const r = await get('/api/export', { ...walk, limit: 10 });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('limit');
  });

  it('documents the budget and the full download in /openapi.json', async () => {
    const api = (await get('/openapi.json')).body;
    const limit = api.paths['/api/lineage'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: LINEAGE_LIMIT.max, default: LINEAGE_LIMIT.default });
    expect(api.paths['/api/export'].get.description).toMatch(/full set/);
    expect(api.paths['/api/export'].get.parameters.some((p: { name: string }) => p.name === 'limit')).toBe(false);
    expect(api.components.schemas.Subgraph.properties.truncated).toBeDefined();
  });
});
