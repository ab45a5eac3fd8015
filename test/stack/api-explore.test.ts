/**
 * The read API on the real demo corpus: documents, provinces, lineage, items, tasks, agencies,
 * search (with a stand-in SearchService: the real one is tested with the search code), the
 * OpenAPI document and the UI's static serving. Real Neo4j, real parser; responses are also
 * checked against the zod schemas /openapi.json is generated from, so the description cannot drift.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, type Db } from '../../graph-store/db.js';
import type { SearchFilters, SearchHit, SearchService } from '../../search/types.js';
import type { AppDeps } from '../../server/deps.js';
import { AgencyDetail, AgencyPage } from '../../api-schema/agencies.js';
import { DocumentDetail, DocumentPage } from '../../api-schema/documents.js';
import { ItemDetail } from '../../api-schema/items.js';
import { Subgraph } from '../../api-schema/lineage.js';
import { SearchResult, SimilarResult } from '../../api-schema/search.js';
import { BK_380, BT_245, BT_3229, ingestDemoCorpus, KL69, KT_44 } from '../helpers/demo-corpus.js';
import { openTestDb } from '../helpers/test-db.js';
import { TestServer } from '../helpers/test-server.js';

logger.level = 'error';

const SO_KHCN_BT = 'vn/binh-thuan/agency/so-khoa-hoc-va-cong-nghe';

const db: Db = await openTestDb();
const server = new TestServer();
const get = server.get;
let deps: AppDeps;
let webDir = '';

beforeAll(async () => {
  await ingestDemoCorpus(db);
  webDir = await mkdtemp(join(tmpdir(), 'api-web-'));
  deps = { db, config: loadConfig({ ...process.env, API_TOKEN: 'test-token' }), webDir: join(webDir, 'dist') };
  await server.start(deps);
});

afterAll(async () => {
  server.stop();
  await closeDb(db);
  if (webDir) await rm(webDir, { recursive: true, force: true });
});

/** A 400 names the parameter that is wrong. */
async function expect400(path: string, params: Record<string, string | number>, param: string) {
  const r = await get(path, params);
  expect(r.status, `${path} ${JSON.stringify(params)}`).toBe(400);
  expect(r.body.error).toMatch(/^invalid query: /);
  expect(r.body.error).toContain(param);
  expect(r.body.issues.length).toBeGreaterThan(0);
  expect(r.text).not.toMatch(/\bat \w+ \(|node_modules/);
}

describe('GET /api/documents (list)', () => {
  it('lists the seven documents with text and the stubs they cite, central first', async () => {
    const all = await get('/api/documents', { limit: 200 });
    expect(all.status).toBe(200);
    DocumentPage.parse(all.body);
    expect(all.body.total).toBe(all.body.items.length);
    const withText = await get('/api/documents', { stub: false });
    expect(withText.body.total).toBe(7);
    expect(withText.body.items.map((d: any) => d.id)).toEqual(expect.arrayContaining([KL69, 'vn/tw/nq/20/2012', BT_3229, BK_380, KT_44]));
    expect(withText.body.items[0].level).toBe('central');
    const stubs = await get('/api/documents', { stub: true, limit: 200 });
    expect(stubs.body.items.every((d: any) => d.stub)).toBe(true);
    expect(stubs.body.items.map((d: any) => d.id)).toContain(BT_245);
    expect(stubs.body.total + withText.body.total).toBe(all.body.total);
  });

  it('filters by province, level and type', async () => {
    const bt = await get('/api/documents', { province: 'Bình Thuận' });
    expect(bt.body.total).toBeGreaterThan(0);
    expect(bt.body.items.every((d: any) => d.province === 'Bình Thuận')).toBe(true);
    expect(bt.body.items.map((d: any) => d.id)).toEqual(expect.arrayContaining([BT_3229, BT_245]));
    const central = await get('/api/documents', { level: 'central', stub: false });
    expect(central.body.items.map((d: any) => d.id).sort()).toEqual([KL69, 'vn/tw/nq/20/2012']);
    const kl = await get('/api/documents', { typeCode: 'kl' });
    expect(kl.body.items.every((d: any) => d.typeCode === 'kl')).toBe(true);
    expect(kl.body.items.map((d: any) => d.id)).toContain(KL69);
    const none = await get('/api/documents', { province: 'Atlantis' });
    expect(none.body).toEqual({ total: 0, items: [] });
  });

  it('finds title words with or without tone marks, and numbers', async () => {
    const toned = await get('/api/documents', { q: 'khoa học công nghệ', limit: 200 });
    const plain = await get('/api/documents', { q: 'KHOA HOC cong nghe', limit: 200 });
    expect(toned.body.total).toBeGreaterThan(0);
    expect(plain.body).toEqual(toned.body);
    const byNumber = await get('/api/documents', { q: '3229' });
    expect(byNumber.body.items.map((d: any) => d.id)).toEqual([BT_3229]);
    const combined = await get('/api/documents', { q: 'khoa hoc', province: 'Bắc Kạn', stub: false });
    expect(combined.body.items.map((d: any) => d.id)).toEqual([BK_380]);
  });

  it('finds a document by its type and number in words, that document first', async () => {
    // 69-KL/TW's title has neither "kết luận" nor 69: only its identity can find it.
    for (const q of ['ket luan 69', 'Kết luận 69', 'kết luận số 69-KL/TW', 'KL 69']) {
      const r = await get('/api/documents', { q });
      expect(r.status, q).toBe(200);
      expect(r.body.items[0]?.id, q).toBe(KL69);
    }
    for (const q of ['kế hoạch 3229', 'ke hoach so 3229/KH-UBND']) {
      expect((await get('/api/documents', { q })).body.items[0]?.id, q).toBe(BT_3229);
    }
    // The plans that cite 69-KL/TW in their titles still come, after it; a type that does not fit names nothing.
    const cited = await get('/api/documents', { q: 'ket luan 69', limit: 50 });
    expect(cited.body.items.map((d: any) => d.id)).toContain(BT_3229);
    const plans = await get('/api/documents', { q: 'kế hoạch 69' });
    expect(plans.body.items.map((d: any) => d.id)).not.toContain(KL69);
    expect(plans.body.items.map((d: any) => d.id)).toContain(KT_44);
  });

  it('pages with limit and offset', async () => {
    const first = await get('/api/documents', { limit: 3, offset: 0 });
    const second = await get('/api/documents', { limit: 3, offset: 3 });
    expect(first.body.items).toHaveLength(3);
    expect(second.body.total).toBe(first.body.total);
    const ids = new Set(first.body.items.map((d: any) => d.id));
    expect(second.body.items.some((d: any) => ids.has(d.id))).toBe(false);
    const past = await get('/api/documents', { offset: 10_000 });
    expect(past.body.items).toEqual([]);
    expect(past.body.total).toBe(first.body.total);
  });

  it('refuses bad parameters with 400 and the reason', async () => {
    await expect400('/api/documents', { limit: 0 }, 'limit');
    await expect400('/api/documents', { limit: 201 }, 'limit');
    await expect400('/api/documents', { limit: 'ten' }, 'limit');
    await expect400('/api/documents', { offset: -1 }, 'offset');
    await expect400('/api/documents', { level: 'galactic' }, 'level');
    await expect400('/api/documents', { typeCode: 'novel' }, 'typeCode');
    await expect400('/api/documents', { stub: 'maybe' }, 'stub');
    await expect400('/api/documents', { q: '!!!' }, 'q');
    await expect400('/api/documents', { provice: 'Bình Thuận' }, 'provice');
    await expect400('/api/documents', { id: KL69, province: 'Bình Thuận' }, 'province');
    await expect400('/api/documents', { id: KL69, limit: 5 }, 'limit');
    await expect400('/api/documents', { includeText: 'true' }, 'includeText');
    await expect400('/api/documents', { id: '' }, 'id');
    const repeated = await fetch(`${server.base}/api/documents?limit=1&limit=2`);
    expect(repeated.status).toBe(400);
  });
});

describe('GET /api/documents?id= (one)', () => {
  it('returns a plan with its items, agencies, timelines and citations', async () => {
    const r = await get('/api/documents', { id: BT_3229 });
    expect(r.status).toBe(200);
    const d = DocumentDetail.parse(r.body);
    expect(d.document).toMatchObject({ id: BT_3229, number: '3229/KH-UBND', province: 'Bình Thuận', date: '2024-08-27', stub: false });
    expect(d.document.text).toBeUndefined();
    expect(d.document.lineCount).toBeGreaterThan(170);
    // Its appendix rows restate its body tasks: one item each (test/fixtures/expected/003…json, 34–40).
    expect(d.items.length).toBeGreaterThanOrEqual(34);
    expect(d.items.length).toBeLessThanOrEqual(40);
    for (const item of d.items) {
      expect(item.documentId).toBe(BT_3229);
      expect(item.lineStart).toBeLessThanOrEqual(item.lineEnd);
      expect(item.sectionPath.length).toBeGreaterThan(0);
    }
    // Appendix rows carry a lead, coordinating agencies and a timeline.
    const row = d.items.find((i) => i.sectionPath[0] === 'appendix' && i.timeline && i.leads.length && i.coordinating.length);
    expect(row).toBeDefined();
    expect(row!.leads[0]!.raw).toBeTruthy();
    const implemented = d.citationsOut.find((c) => c.kind === 'IMPLEMENTS' && c.document.id === BT_245);
    expect(implemented).toMatchObject({ document: { number: '245-KH/TU', stub: true }, sourceDocument: BT_3229 });
    expect(implemented!.evidence).toContain('245-KH/TU');
    expect(implemented!.lineStart).toBeGreaterThan(0);
  });

  it('shows who cites a document, and its text on request', async () => {
    const r = await get('/api/documents', { id: KL69, includeText: true });
    const d = DocumentDetail.parse(r.body);
    expect(d.document.number).toBe('69-KL/TW');
    expect(d.items.filter((i) => i.isDirective)).toHaveLength(14);
    const citers = d.citationsIn.map((c) => c.document.id);
    expect(citers).toEqual(expect.arrayContaining([KT_44, BT_245]));
    expect(citers).not.toContain(BK_380);
    expect(d.document.text).toContain('69-KL/TW');
    expect(d.document.text!.split('\n')).toHaveLength(d.document.lineCount);
  });

  it('answers 404 for an unknown id', async () => {
    const r = await get('/api/documents', { id: 'vn/tw/kl/999/2099' });
    expect(r.status).toBe(404);
    expect(r.body.error).toContain('vn/tw/kl/999/2099');
  });
});

describe('GET /api/provinces', () => {
  it('lists the five provinces of the corpus with their counts', async () => {
    const r = await get('/api/provinces');
    expect(r.body.map((p: any) => p.province).sort()).toEqual(['Bình Thuận', 'Bắc Giang', 'Bắc Kạn', 'Kon Tum', 'Quảng Bình'].sort());
    expect(r.body.find((p: any) => p.province === 'Kon Tum').tasks).toBeGreaterThanOrEqual(16);
    // It takes no parameters, and says so.
    await expect400('/api/provinces', { province: 'Kon Tum' }, 'province');
  });
});

describe('GET /api/lineage', () => {
  /** Cytoscape refuses an edge whose ends are not nodes, and duplicate ids. */
  function expectWellFormed(g: ReturnType<typeof Subgraph.parse>) {
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.size).toBe(g.nodes.length);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
    for (const e of g.edges) {
      expect(ids.has(e.source), `${e.id}: source`).toBe(true);
      expect(ids.has(e.target), `${e.id}: target`).toBe(true);
    }
  }

  it('reaches from 69-KL/TW down to the provincial plans, through intermediate plans', async () => {
    const r = await get('/api/lineage', { id: KL69, direction: 'down', depth: 3, include: 'documents' });
    expect(r.status).toBe(200);
    const g = Subgraph.parse(r.body);
    expectWellFormed(g);
    expect(g.root).toEqual({ id: KL69, kind: 'document' });
    expect(g.nodes.every((n) => n.kind === 'document')).toBe(true);
    const provinces = new Set(g.nodes.map((n) => n.province).filter(Boolean));
    expect([...provinces].sort()).toEqual(['Bình Thuận', 'Bắc Giang', 'Kon Tum', 'Quảng Bình'].sort());
    // 3229/KH-UBND implements 245-KH/TU, which implements 69-KL/TW: two hops down.
    expect(g.nodes.find((n) => n.id === BT_3229)?.distance).toBe(2);
    expect(g.nodes.find((n) => n.id === BT_245)?.distance).toBe(1);
    expect(g.edges).toContainEqual(expect.objectContaining({ source: BT_3229, target: BT_245, type: 'IMPLEMENTS' }));
    // Quảng Bình's UBND plan comes in through its Tỉnh ủy plan 156-KH/TU.
    const qb = g.nodes.filter((n) => n.province === 'Quảng Bình');
    expect(qb.map((n) => n.distance).sort()).toEqual([1, 2]);
    // Bắc Kạn's 380/KH-UBND implements 569/QĐ-TTg, not 69-KL/TW.
    expect(g.nodes.some((n) => n.id === BK_380 || n.province === 'Bắc Kạn')).toBe(false);
    // Depth 1 stops at the Tỉnh ủy plans.
    const shallow = Subgraph.parse((await get('/api/lineage', { id: KL69, direction: 'down', depth: 1, include: 'documents' })).body);
    expect(shallow.nodes.some((n) => n.id === BT_3229)).toBe(false);
  });

  it('walks up from a plan to what it implements', async () => {
    const g = Subgraph.parse((await get('/api/lineage', { id: BT_3229, direction: 'up', include: 'documents' })).body);
    expectWellFormed(g);
    const dist = Object.fromEntries(g.nodes.map((n) => [n.id, n.distance]));
    expect(dist).toMatchObject({ [BT_3229]: 0, [BT_245]: -1, [KL69]: -2 });
    const bk = Subgraph.parse((await get('/api/lineage', { id: BK_380, direction: 'up', depth: 1, include: 'documents' })).body);
    expect(bk.nodes.map((n) => n.id)).toContain('vn/ttg/qd/569/2022');
    expect(bk.nodes.map((n) => n.id)).not.toContain(KL69);
  });

  it('hangs items, task → directive links and agencies off the documents', async () => {
    const g = Subgraph.parse((await get('/api/lineage', { id: KL69, direction: 'down', depth: 3, include: 'agencies' })).body);
    expectWellFormed(g);
    const kinds = new Set(g.nodes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['agency', 'directive', 'document', 'task']);
    const types = new Set(g.edges.map((e) => e.type));
    expect([...types]).toEqual(expect.arrayContaining(['IMPLEMENTS', 'CONTAINS', 'LEADS', 'COORDINATES']));
    const link = g.edges.find((e) => e.type === 'IMPLEMENTS' && e.target.startsWith(`${KL69}#`));
    expect(link?.score).toBeGreaterThan(0);
    expect(link?.method).toBeTruthy();
    expect(g.nodes.find((n) => n.id === `${KL69}#5.2`)).toMatchObject({ kind: 'directive', documentId: KL69, sectionPath: ['5', '2'] });
    expect(g.nodes.some((n) => n.kind === 'agency' && n.id === SO_KHCN_BT)).toBe(true);
  });

  it("keeps a plan's task → directive links when 69-KL/TW is outside the walk", async () => {
    // 3229/KH-UBND reaches 69-KL/TW only through 245-KH/TU; its tasks still carry out 69's items.
    const g = Subgraph.parse((await get('/api/lineage', { id: BT_3229, direction: 'down', depth: 1, include: 'items' })).body);
    expectWellFormed(g);
    const links = g.edges.filter((e) => e.type === 'IMPLEMENTS' && e.target.startsWith(`${KL69}#`));
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(l.source.startsWith(`${BT_3229}#`)).toBe(true);
    const targets = g.nodes.filter((n) => links.some((l) => l.target === n.id));
    expect(targets.every((n) => n.kind === 'directive' && n.documentId === KL69 && n.distance === null)).toBe(true);
    expect(g.nodes.some((n) => n.id === KL69)).toBe(false);
  });

  it('follows an item through the tasks that implement it', async () => {
    const directive = `${KL69}#5.2`;
    const g = Subgraph.parse((await get('/api/lineage', { id: directive, direction: 'down' })).body);
    expectWellFormed(g);
    expect(g.root).toEqual({ id: directive, kind: 'item' });
    const tasks = g.nodes.filter((n) => n.kind === 'task' && n.distance === 1);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.some((t) => t.documentId === KT_44)).toBe(true);
    expect(g.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([KL69, KT_44]));
    expect(g.edges).toContainEqual(expect.objectContaining({ source: KL69, target: directive, type: 'CONTAINS' }));
  });

  it('refuses bad parameters and unknown ids', async () => {
    await expect400('/api/lineage', { id: KL69, depth: 7 }, 'depth');
    await expect400('/api/lineage', { id: KL69, depth: 0 }, 'depth');
    await expect400('/api/lineage', { id: KL69, direction: 'sideways' }, 'direction');
    await expect400('/api/lineage', { id: KL69, include: 'everything' }, 'include');
    await expect400('/api/lineage', {}, 'id');
    const r = await get('/api/lineage', { id: 'vn/nowhere/kh/1/2024' });
    expect(r.status).toBe(404);
  });
});

describe('GET /api/items and /api/tasks', () => {
  it('shows a task with its source lines and the directive items it implements', async () => {
    const id = `${KT_44}#5.2`;
    const r = await get('/api/items', { id });
    expect(r.status).toBe(200);
    const d = ItemDetail.parse(r.body);
    expect(d.item).toMatchObject({ id, isTask: true, documentId: KT_44, province: 'Kon Tum' });
    expect(d.document.id).toBe(KT_44);
    expect(d.source.lines.map((l) => l.n)).toEqual(
      Array.from({ length: d.item.lineEnd - d.item.lineStart + 1 }, (_, k) => d.item.lineStart + k),
    );
    expect(d.source.lines.map((l) => l.text).join(' ')).toContain(d.item.text.slice(0, 30));
    const link = d.implements.find((l) => l.item.id === `${KL69}#5.2`);
    expect(link).toBeDefined();
    expect(link!.score).toBeGreaterThan(0);
    expect(link!.method).toBeTruthy();
    expect(link!.document.number).toBe('69-KL/TW');
  });

  it('shows a directive item with the tasks implementing it', async () => {
    const d = ItemDetail.parse((await get('/api/items', { id: `${KL69}#5.2` })).body);
    expect(d.item.isDirective).toBe(true);
    expect(d.implementedBy.map((l) => l.item.documentId)).toContain(KT_44);
    expect(d.implementedBy.every((l) => l.item.isTask)).toBe(true);
  });

  it('shows a task with its agencies and timeline, and only tasks', async () => {
    const doc = DocumentDetail.parse((await get('/api/documents', { id: BT_3229 })).body);
    const withLead = doc.items.find((i) => i.isTask && i.leads.length > 0 && i.timeline)!;
    const r = await get('/api/tasks', { id: withLead.id });
    expect(r.status).toBe(200);
    const t = ItemDetail.parse(r.body);
    expect(t.item.leads.map((a) => a.id)).toEqual(withLead.leads.map((a) => a.id));
    expect(t.item.timeline).toEqual(withLead.timeline);
    expect(t.document).toMatchObject({ id: BT_3229, number: '3229/KH-UBND' });
    // A directive paragraph of 69-KL/TW is an item but not a task.
    const notTask = await get('/api/tasks', { id: `${KL69}#5.2` });
    expect(notTask.status).toBe(404);
  });

  it('refuses missing and unknown ids', async () => {
    await expect400('/api/items', {}, 'id');
    await expect400('/api/tasks', { id: `${KT_44}#5.2`, extra: 1 }, 'extra');
    expect((await get('/api/items', { id: `${KL69}#99.99` })).status).toBe(404);
    expect((await get('/api/tasks', { id: 'nope' })).status).toBe(404);
  });
});

describe('GET /api/agencies', () => {
  it('finds agencies by name, tone-insensitively, and by province', async () => {
    const plain = await get('/api/agencies', { q: 'so khoa hoc' });
    const toned = await get('/api/agencies', { q: 'Sở Khoa học' });
    expect(plain.status).toBe(200);
    AgencyPage.parse(plain.body);
    expect(toned.body).toEqual(plain.body);
    expect(plain.body.items.map((a: any) => a.id)).toContain(SO_KHCN_BT);
    const bt = await get('/api/agencies', { province: 'Bình Thuận', limit: 500 });
    expect(bt.body.items.every((a: any) => a.province === 'Bình Thuận')).toBe(true);
    expect(bt.body.total).toBe(bt.body.items.length);
  });

  it('lists collective agencies apart', async () => {
    const r = await get('/api/agencies', { collective: true });
    expect(r.body.total).toBeGreaterThan(0);
    expect(r.body.items.every((a: any) => a.collective)).toBe(true);
    const single = await get('/api/agencies', { collective: false, limit: 500 });
    expect(single.body.items.every((a: any) => !a.collective)).toBe(true);
  });

  it('shows one agency with the tasks it leads and coordinates', async () => {
    const r = await get('/api/agencies', { id: SO_KHCN_BT });
    expect(r.status).toBe(200);
    const a = AgencyDetail.parse(r.body);
    expect(a.agency).toMatchObject({ id: SO_KHCN_BT, name: 'Sở Khoa học và Công nghệ', province: 'Bình Thuận', collective: false });
    expect(a.leads.length).toBe(a.agency.leads);
    expect(a.coordinates.length).toBe(a.agency.coordinates);
    expect(a.leads.length).toBeGreaterThan(0);
    expect(a.leads.every((t) => t.task.isTask && t.document.province === 'Bình Thuận')).toBe(true);
  });

  it('refuses bad parameters and unknown ids', async () => {
    await expect400('/api/agencies', { collective: 'yes' }, 'collective');
    await expect400('/api/agencies', { id: SO_KHCN_BT, q: 'so' }, 'q');
    await expect400('/api/agencies', { limit: 501 }, 'limit');
    expect((await get('/api/agencies', { id: 'vn/agency/bo-khong-ton-tai' })).status).toBe(404);
  });
});

describe('search', () => {
  /** Stands in for the search engineer's service: records what the API asked for. */
  class RecordingSearch implements SearchService {
    calls: { method: string; args: unknown[] }[] = [];
    async search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]> {
      this.calls.push({ method: 'search', args: [query, filters, limit] });
      return [
        {
          item: {
            id: `${KT_44}#5.2`, documentId: KT_44, documentNumber: '44-KH/TU', documentTitle: null, province: 'Kon Tum',
            level: 'province', text: 'Tiếp tục hỗ trợ …', sectionPath: ['5', '2'], sectionTitles: [], lineStart: 23, lineEnd: 23,
            isTask: true, isDirective: true, leads: [],
          },
          alsoIn: [],
          score: 0.9, match: { level: 'strong', probability: 0.9 }, vectorScore: 0.8, lexicalScore: null, matchedTerms: ['hỗ trợ'], highlights: [[10, 16]],
        },
      ];
    }
    async similarTasks(taskId: string, limit: number): Promise<SearchHit[]> {
      this.calls.push({ method: 'similarTasks', args: [taskId, limit] });
      return [];
    }
  }

  it('answers 503 with Retry-After while the index is not ready', async () => {
    deps.search = undefined;
    for (const [path, params] of [
      ['/api/search', { q: 'khởi nghiệp' }],
      ['/api/tasks/similar', { id: `${KT_44}#5.2` }],
    ] as const) {
      const r = await get(path, params);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ error: 'search index is not ready' });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('passes the query, parsed filters and limit to the search service', async () => {
    const service = new RecordingSearch();
    deps.search = service;
    try {
      const r = await get('/api/search', { q: 'khoi nghiep', province: 'Kon Tum', hasLead: false, kind: 'task', level: 'province' });
      expect(r.status).toBe(200);
      const body = SearchResult.parse(r.body);
      expect(body.hits[0]!.item.id).toBe(`${KT_44}#5.2`);
      expect(service.calls[0]).toEqual({
        method: 'search',
        args: ['khoi nghiep', { province: 'Kon Tum', hasLead: false, kind: 'task', level: 'province' }, 20],
      });
      await get('/api/search', { q: 'đổi mới', limit: 5 });
      expect(service.calls[1]!.args).toEqual(['đổi mới', { kind: 'any' }, 5]);

      const similar = await get('/api/tasks/similar', { id: `${KT_44}#5.2`, limit: 3 });
      expect(similar.status).toBe(200);
      expect(SimilarResult.parse(similar.body)).toEqual({ id: `${KT_44}#5.2`, hits: [] });
      expect(service.calls[2]).toEqual({ method: 'similarTasks', args: [`${KT_44}#5.2`, 3] });
      expect((await get('/api/tasks/similar', { id: `${KL69}#5.2` })).status).toBe(404);
    } finally {
      deps.search = undefined;
    }
  });

  it('refuses bad search parameters', async () => {
    deps.search = new RecordingSearch();
    try {
      await expect400('/api/search', {}, 'q');
      await expect400('/api/search', { q: '   ' }, 'q');
      await expect400('/api/search', { q: 'x', hasLead: 'maybe' }, 'hasLead');
      await expect400('/api/search', { q: 'x', kind: 'paragraph' }, 'kind');
      await expect400('/api/search', { q: 'x', level: 'galactic' }, 'level');
      await expect400('/api/search', { q: 'x', limit: 101 }, 'limit');
      await expect400('/api/tasks/similar', { id: `${KT_44}#5.2`, limit: 0 }, 'limit');
    } finally {
      deps.search = undefined;
    }
  });
});

describe('GET /openapi.json', () => {
  it('describes every endpoint, generated from the zod schemas', async () => {
    const r = await get('/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths).sort()).toEqual(
      [
        '/api/agencies', '/api/audit/cell', '/api/audit/collective-led', '/api/audit/compare', '/api/audit/heatmap', '/api/audit/summary',
        '/api/deadlines', '/api/deadlines/tasks',
        '/api/audit/tasks-without-lead', '/api/audit/unimplemented', '/api/audit/unresolved-citations', '/api/documents',
        '/api/export', '/api/items', '/api/lineage', '/api/provinces', '/api/search', '/api/tasks', '/api/tasks/similar',
        '/api/reviews', '/api/reviews/task', '/api/reviews/cell-candidates', '/api/reviews/queue',
      ].sort(),
    );
    const reviews = r.body.paths['/api/reviews'];
    expect(Object.keys(reviews).sort()).toEqual(['get', 'post']);
    expect(reviews.post.security).toEqual([{ bearer: [] }]);
    expect(reviews.post.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(reviews.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404']));
    const docs = r.body.paths['/api/documents'];
    expect(Object.keys(docs).sort()).toEqual(['delete', 'get', 'post']);
    const limit = docs.get.parameters.find((p: any) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });
    expect(docs.post.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(docs.post.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '413', '422']));
    const depth = r.body.paths['/api/lineage'].get.parameters.find((p: any) => p.name === 'depth');
    expect(depth.schema).toMatchObject({ minimum: 1, maximum: 6 });
    expect(r.body.components.schemas.Subgraph).toBeDefined();
    const opIds = Object.values(r.body.paths).flatMap((ops: any) => Object.values(ops).map((o: any) => o.operationId));
    expect(new Set(opIds).size).toBe(opIds.length);
  });
});

describe('the UI at /', () => {
  it('explains itself while web/dist is not built, and serves it once it is', async () => {
    const placeholder = await get('/');
    expect(placeholder.status).toBe(200);
    expect(placeholder.headers.get('content-type')).toContain('text/html');
    expect(placeholder.text).toContain('/openapi.json');
    expect((await get('/explore/somewhere')).status).toBe(404);

    await mkdir(deps.webDir!, { recursive: true });
    await writeFile(join(deps.webDir!, 'index.html'), '<!doctype html><title>explorer</title>');
    await writeFile(join(deps.webDir!, 'app.js'), 'console.log(1)');
    const index = await get('/');
    expect(index.text).toContain('<title>explorer</title>');
    const asset = await get('/app.js');
    expect(asset.headers.get('content-type')).toContain('javascript');
    // A client-side route gets index.html; the API keeps its JSON 404.
    const route = await fetch(`${server.base}/explore/somewhere`, { headers: { accept: 'text/html' } });
    expect(await route.text()).toContain('<title>explorer</title>');
    const api = await get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error).toContain('/api/nothing-here');
  });
});
