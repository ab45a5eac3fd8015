/**
 * Issue 12, items 3 and 4 on the demo corpus (real ingest, real Neo4j, the real app): the links an
 * auditor checked by reading, and the 20-NQ/TW heatmap rolled up through 69-KL/TW. Expected values
 * come from reading data/corpus (see the comments), not from the linker's output.
 */
import { describe, expect, it } from 'vitest';
import { readQuery } from '../../graph-store/db.js';
import { Heatmap, HeatmapCell, UnimplementedList } from '../../api-schema/audit.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { KL69 } from '../helpers/demo-corpus.js';

const { db, get } = await useDemoApi();

const NQ20 = 'vn/tw/nq/20/2012';
const QD709 = 'vn/ttg/qd/709/2024';
const QUANG_BINH_PLAN = 'vn/quang-binh/ubnd/kh/untitled-f98f4cc6c9aa';

/** The 69-KL/TW items a task opening with `start` is linked to, by section. */
async function linksOf(start: string): Promise<string[]> {
  const rows = await readQuery<{ id: string }>(
    db,
    `MATCH (t:Task)-[:IMPLEMENTS]->(i:Item) WHERE t.text STARTS WITH $start RETURN i.id AS id ORDER BY id`,
    { start },
  );
  return rows.map((r) => r.id);
}

describe('links an auditor checked by reading', () => {
  it('Bắc Giang III.6 (cooperation with institutes at home and abroad, joint ventures with foreign firms) → 69-KL/TW §6.1 and §6.2', async () => {
    expect(await linksOf('Tăng cường hợp tác, liên kết với các viện, trường đại học')).toEqual([`${KL69}#6.1`, `${KL69}#6.2`]);
    const gaps = UnimplementedList.parse((await get('/api/audit/unimplemented', { documentId: KL69, province: 'Bắc Giang' })).body);
    expect(gaps.items.map((g) => g.directive.id)).not.toContain(`${KL69}#6.1`);
  });

  it('Quảng Bình II.6.b (honouring its scientists living abroad and in other provinces) is not about joint ventures (§6.2)', async () => {
    const links = await linksOf('Sở Nội vụ chủ trì, phối hợp với Sở Ngoại vụ');
    expect(links).toContain(`${KL69}#6.1`);
    expect(links).not.toContain(`${KL69}#6.2`);
  });

  it('709/QĐ-TTg (a stub) implements 69-KL/TW, with the sentence of the Quảng Bình plan that says so', async () => {
    const [edge] = await readQuery<{ evidence: string; sourceDocument: string }>(
      db,
      `MATCH (:Document {id: $from})-[r:IMPLEMENTS]->(:Document {id: $to}) RETURN r.evidence AS evidence, r.sourceDocument AS sourceDocument`,
      { from: QD709, to: KL69 },
    );
    expect(edge?.sourceDocument).toBe(QUANG_BINH_PLAN);
    expect(edge?.evidence).toMatch(/709\/QĐ-TTg/i);
    expect(edge?.evidence).toMatch(/69-KL\/TW/i);
  });

  it('no province task is linked straight to a 20-NQ/TW item: plans carry out 69-KL/TW, which carries 20-NQ/TW on', async () => {
    const [row] = await readQuery<{ n: number }>(
      db,
      `MATCH (t:Task)-[:IMPLEMENTS]->(i:Item {documentId: $id}) WHERE t.province IS NOT NULL RETURN count(*) AS n`,
      { id: NQ20 },
    );
    expect(row!.n).toBe(0);
  });
});

describe('the 20-NQ/TW heatmap rolls up through 69-KL/TW', () => {
  it('shows the provinces that reach 20-NQ/TW through 69-KL/TW', async () => {
    const map = Heatmap.parse((await get('/api/audit/heatmap', { documentId: NQ20 })).body);
    const reached = new Set(map.rows.flatMap((r) => Object.entries(r.cells).filter(([, n]) => n > 0).map(([p]) => p)));
    for (const p of ['Bắc Giang', 'Bình Thuận', 'Kon Tum', 'Quảng Bình']) expect(reached, p).toContain(p);
    // 69-KL/TW §6.1 repeats 20-NQ/TW III.6.4 ("mạng lưới đại diện khoa học và công nghệ … ở nước
    // ngoài"); Bắc Giang III.6, Kon Tum's "Sáu là" and Quảng Bình II.6.a carry out §6.1.
    const network = map.rows.find((r) => r.directive.id === `${NQ20}#b.iii.6.4`)!;
    for (const p of ['Bắc Giang', 'Kon Tum', 'Quảng Bình']) expect(network.cells[p], p).toBeGreaterThan(0);
    // §5.3 (tech exchanges, techmarts, intermediaries) carries on III.5.2; Bình Thuận II.6.2.2 carries out §5.3.
    const exchanges = map.rows.find((r) => r.directive.id === `${NQ20}#b.iii.5.2`)!;
    expect(exchanges.cells['Bình Thuận']).toBeGreaterThan(0);
  });

  it("a cell's evidence shows the 69-KL/TW item each task reaches it through", async () => {
    const cell = HeatmapCell.parse((await get('/api/audit/cell', { directiveId: `${NQ20}#b.iii.6.4`, province: 'Bắc Giang' })).body);
    const task = cell.tasks.find((t) => t.task.text.startsWith('Tăng cường hợp tác, liên kết với các viện'))!;
    expect(task.via?.map((v) => v.id)).toEqual([`${KL69}#6.1`]);
    expect(task.via?.[0]).toMatchObject({ documentId: KL69, documentNumber: '69-KL/TW' });
    // The 69-KL/TW heatmap's own cells are direct links: nothing to pass through.
    const own = HeatmapCell.parse((await get('/api/audit/cell', { directiveId: `${KL69}#6.1`, province: 'Bắc Giang' })).body);
    expect(own.tasks.length).toBeGreaterThan(0);
    for (const t of own.tasks) expect(t.via).toEqual([]);
  });

  it('keeps the heatmap and the unimplemented list in agreement for 20-NQ/TW too', async () => {
    const map = Heatmap.parse((await get('/api/audit/heatmap', { documentId: NQ20 })).body);
    const list = UnimplementedList.parse((await get('/api/audit/unimplemented', { documentId: NQ20 })).body);
    const empty = map.rows.flatMap((r) => Object.entries(r.cells).filter(([, n]) => n === 0).map(([p]) => `${p}|${r.directive.id}`));
    expect(list.items.map((r) => `${r.province}|${r.directive.id}`).sort()).toEqual(empty.sort());
  });
});
