/**
 * Two provinces side by side against 69-KL/TW's directive items (issue 11, item 2): every item in
 * reading order, each side holding exactly the tasks its heatmap cell holds; a 2025 unit compares
 * as the provinces merged into it. Real Neo4j, the demo corpus.
 */
import { describe, expect, it } from 'vitest';
import { HeatmapCell } from '../../api-schema/audit.js';
import { ProvinceComparison } from '../../api-schema/compare.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { KL69 } from '../helpers/demo-corpus.js';

const { get } = await useDemoApi();

describe('GET /api/audit/compare', () => {
  it('puts each directive item of 69-KL/TW beside the tasks of each province that implement it', async () => {
    const r = await get('/api/audit/compare', { a: 'Bình Thuận', b: 'Kon Tum' });
    expect(r.status).toBe(200);
    const cmp = ProvinceComparison.parse(r.body);
    expect(cmp.document.id).toBe(KL69);
    expect(cmp.provinces).toEqual(['Bình Thuận', 'Kon Tum']);
    const heat = (await get('/api/audit/heatmap')).body;
    expect(new Set(cmp.rows.map((row) => row.directive.id))).toEqual(new Set(heat.rows.map((row: { directive: { id: string } }) => row.directive.id)));
    // Reading order: ordinals ascending.
    const ordinals = cmp.rows.map((row) => row.directive.ordinal);
    expect(ordinals).toEqual([...ordinals].sort((x, y) => x - y));
    for (const row of cmp.rows) {
      for (const [k, province] of (['Bình Thuận', 'Kon Tum'] as const).entries()) {
        const cell = HeatmapCell.parse((await get('/api/audit/cell', { directiveId: row.directive.id, province })).body);
        expect(row.tasks[k as 0 | 1].map((t) => t.task.id), `${row.directive.id} ${province}`).toEqual(cell.tasks.map((t) => t.task.id));
      }
    }
    expect(cmp.rows.some((row) => row.tasks[0].length > 0 && row.tasks[1].length === 0) || cmp.rows.some((row) => row.tasks[1].length > 0 && row.tasks[0].length === 0)).toBe(true);
  });

  it('compares 2025 units as the provinces merged into them', async () => {
    const units = ProvinceComparison.parse((await get('/api/audit/compare', { a: 'Lâm Đồng', b: 'quang ngai', provinces: 'current' })).body);
    const asWritten = ProvinceComparison.parse((await get('/api/audit/compare', { a: 'Bình Thuận', b: 'Kon Tum' })).body);
    expect(units.rows.map((row) => row.tasks.map((side) => side.map((t) => t.task.id)))).toEqual(asWritten.rows.map((row) => row.tasks.map((side) => side.map((t) => t.task.id))));
  });

  it('answers 404 for an unknown document and 400 without two provinces', async () => {
    expect((await get('/api/audit/compare', { documentId: 'vn/tw/kl/99/2024', a: 'Bình Thuận', b: 'Kon Tum' })).status).toBe(404);
    expect((await get('/api/audit/compare', { a: 'Bình Thuận' })).status).toBe(400);
  });
});
