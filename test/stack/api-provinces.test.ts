/**
 * The 2025 province merger on the demo corpus (issue 11, item 1): every province of the corpus was
 * merged on 1 July 2025 (Nghị quyết 202/2025/QH15; ../shared/reference/provinces-2025.md):
 * Bình Thuận → Lâm Đồng, Quảng Bình → Quảng Trị, Kon Tum → Quảng Ngãi, Bắc Giang → Bắc Ninh,
 * Bắc Kạn → Thái Nguyên. Documents keep the province as written and gain the 2025 unit; filters
 * take either, with or without tone marks. Real Neo4j, real parser, the real search service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { migrate } from '../../graph-store/migrate.js';
import { Provinces } from '../../api-schema/documents.js';
import { BT_3229, ingestDemoCorpus } from '../helpers/demo-corpus.js';
import { openTestDb } from '../helpers/test-db.js';
import { TestServer } from '../helpers/test-server.js';
import { openRealSearch, type RealSearch } from '../helpers/ui-search.js';

logger.level = 'error';

/** Written from the resolution's list, not from the code. */
const MERGED_INTO: Record<string, string> = {
  'Bình Thuận': 'Lâm Đồng',
  'Quảng Bình': 'Quảng Trị',
  'Kon Tum': 'Quảng Ngãi',
  'Bắc Giang': 'Bắc Ninh',
  'Bắc Kạn': 'Thái Nguyên',
};

const db: Db = await openTestDb();
const server = new TestServer();
const get = server.get;
let search: RealSearch;

beforeAll(async () => {
  await ingestDemoCorpus(db);
  // The province facts are written by migrate; the test helper cleared them with the graph.
  await migrate(db);
  search = await openRealSearch(db);
  await server.start({ db, config: loadConfig({ ...process.env, API_TOKEN: 'test-token' }), webDir: '/nonexistent', search: search.service });
}, 300_000);

afterAll(async () => {
  server.stop();
  search?.close();
  await closeDb(db);
});

describe('the merger in the graph', () => {
  it('has the 63 provinces and the 34 units of 2025, each of the 63 merged into one unit on 2025-07-01', async () => {
    const [counts] = await readQuery<{ historical: number; current: number; merges: number; dates: string[] }>(
      db,
      `RETURN COUNT { (p:Province {era: 'historical'}) } AS historical, COUNT { (p:Province {era: '2025'}) } AS current,
              COUNT { (:Province {era: 'historical'})-[:MERGED_INTO]->(:Province {era: '2025'}) } AS merges,
              COLLECT { MATCH ()-[m:MERGED_INTO]->() RETURN DISTINCT m.date } AS dates`,
    );
    expect(counts).toEqual({ historical: 63, current: 34, merges: 63, dates: ['2025-07-01'] });
    const lamDong = await readQuery<{ name: string }>(
      db,
      "MATCH (p:Province {era: 'historical'})-[:MERGED_INTO]->(:Province {era: '2025', name: 'Lâm Đồng'}) RETURN p.name AS name ORDER BY name",
    );
    expect(lamDong.map((r) => r.name)).toEqual(['Bình Thuận', 'Lâm Đồng', 'Đắk Nông']);
  });

  it('keeps the province as written on documents and items and adds the 2025 unit', async () => {
    const rows = await readQuery<{ province: string; current: string; itemCurrent: string[] }>(
      db,
      `MATCH (d:Document) WHERE d.province IS NOT NULL AND NOT coalesce(d.stub, false)
       RETURN d.province AS province, d.currentProvince AS current,
              COLLECT { MATCH (d)-[:CONTAINS]->(i:Item) RETURN DISTINCT i.currentProvince } AS itemCurrent`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      expect(r.current, r.province).toBe(MERGED_INTO[r.province]);
      expect(r.itemCurrent, r.province).toEqual([MERGED_INTO[r.province]]);
    }
  });
});

describe('GET /api/provinces', () => {
  it('gives each province of the corpus with the 2025 unit it belongs to', async () => {
    const r = await get('/api/provinces');
    expect(r.status).toBe(200);
    const body = Provinces.parse(r.body);
    expect(Object.fromEntries(body.map((p) => [p.province, p.currentProvince]))).toEqual(MERGED_INTO);
    for (const p of body) expect(p.mergedOn).toBe('2025-07-01');
  });

  it('rolls the provinces up into the units of 2025 with provinces=current', async () => {
    const historical = Provinces.parse((await get('/api/provinces')).body);
    const r = await get('/api/provinces', { provinces: 'current' });
    const body = Provinces.parse(r.body);
    expect(body.map((p) => p.province).sort()).toEqual(Object.values(MERGED_INTO).sort());
    const lamDong = body.find((p) => p.province === 'Lâm Đồng')!;
    const binhThuan = historical.find((p) => p.province === 'Bình Thuận')!;
    expect(lamDong).toMatchObject({ predecessors: ['Bình Thuận'], documents: binhThuan.documents, tasks: binhThuan.tasks });
    expect((await get('/api/provinces', { provinces: 'future' })).status).toBe(400);
  });
});

describe('province filters', () => {
  it('finds Bình Thuận documents by "Lâm Đồng" (its 2025 unit) and by "binh thuan"', async () => {
    for (const province of ['Lâm Đồng', 'binh thuan', 'tỉnh Bình Thuận']) {
      const r = await get('/api/documents', { province, limit: 100 });
      expect(r.status).toBe(200);
      const ids = r.body.items.map((d: { id: string }) => d.id);
      expect(ids, province).toContain(BT_3229);
      expect(new Set(r.body.items.map((d: { province: string }) => d.province)), province).toEqual(new Set(['Bình Thuận']));
    }
    // Read as written, "Lâm Đồng" is the old province alone: the corpus has none of its documents.
    expect((await get('/api/documents', { province: 'Lâm Đồng', provinces: 'historical' })).body.total).toBe(0);
    // Kon Tum is in Quảng Ngãi, not Lâm Đồng.
    const quangNgai = await get('/api/documents', { province: 'quang ngai', limit: 100 });
    expect(new Set(quangNgai.body.items.map((d: { province: string }) => d.province))).toEqual(new Set(['Kon Tum']));
  });

  it('search with province=Lâm Đồng returns Bình Thuận tasks, and province=binh thuan works', async () => {
    for (const province of ['Lâm Đồng', 'binh thuan']) {
      const r = await get('/api/search', { q: 'hỗ trợ khởi nghiệp đổi mới sáng tạo', province });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const provinces = new Set(r.body.hits.map((h: { item: { province: string } }) => h.item.province));
      expect(r.body.hits.length, province).toBeGreaterThan(2);
      expect(provinces, province).toEqual(new Set(['Bình Thuận']));
    }
    const asWritten = await get('/api/search', { q: 'hỗ trợ khởi nghiệp đổi mới sáng tạo', province: 'Lâm Đồng', provinces: 'historical' });
    expect(asWritten.status).toBe(200);
    expect(asWritten.body.hits).toEqual([]);
  });
});

describe('the heatmap by 2025 unit', () => {
  it('rolls the 69-KL/TW columns up into Lâm Đồng, Quảng Trị, Quảng Ngãi and Bắc Ninh with the same counts', async () => {
    const historical = (await get('/api/audit/heatmap')).body;
    const current = (await get('/api/audit/heatmap', { provinces: 'current' })).body;
    expect(historical.era).toBe('historical');
    expect(current.era).toBe('current');
    expect(current.provinces).toEqual(expect.arrayContaining(['Lâm Đồng', 'Quảng Trị', 'Quảng Ngãi', 'Bắc Ninh']));
    expect(current.provinces).toEqual(historical.provinces.map((p: string) => MERGED_INTO[p]).sort((a: string, b: string) => a.localeCompare(b, 'vi')));
    const byId = new Map(historical.rows.map((r: any) => [r.directive.id, r]));
    for (const row of current.rows) {
      const before: any = byId.get(row.directive.id);
      for (const [p, n] of Object.entries<number>(before.cells)) expect(row.cells[MERGED_INTO[p]!], `${row.directive.id} ${p}`).toBe(n);
      expect(row.tasks).toBe(before.tasks);
    }
  });

  it('gives a cell of a 2025 unit the tasks of the province merged into it, and lists by unit', async () => {
    const heat = (await get('/api/audit/heatmap', { provinces: 'current' })).body;
    const row = heat.rows.find((r: any) => r.cells['Lâm Đồng'] > 0);
    const unit = await get('/api/audit/cell', { directiveId: row.directive.id, province: 'Lâm Đồng', provinces: 'current' });
    const asWritten = await get('/api/audit/cell', { directiveId: row.directive.id, province: 'Bình Thuận' });
    expect(unit.body.tasks.length).toBe(row.cells['Lâm Đồng']);
    expect(unit.body.tasks.map((t: any) => t.task.id)).toEqual(asWritten.body.tasks.map((t: any) => t.task.id));
    // Read as written, "Lâm Đồng" is the old province alone, of which the corpus has nothing.
    expect((await get('/api/audit/cell', { directiveId: row.directive.id, province: 'Lâm Đồng' })).body.tasks).toEqual([]);

    const gaps = (await get('/api/audit/unimplemented', { provinces: 'current', province: 'lam dong' })).body.items;
    const gapsAsWritten = (await get('/api/audit/unimplemented', { province: 'Bình Thuận' })).body.items;
    expect(gaps.map((g: any) => g.directive.id).sort()).toEqual(gapsAsWritten.map((g: any) => g.directive.id).sort());
    expect(new Set(gaps.map((g: any) => g.province))).toEqual(new Set(gaps.length ? ['Lâm Đồng'] : []));
  });
});
