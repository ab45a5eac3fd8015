/**
 * Journey 3, in a real browser on the real stack: the audit view's heatmap of 69-KL/TW's
 * directive items × provinces (the same numbers as the API), rows sorted by how few provinces
 * implement them, the evidence behind every cell, the directive items a province has no task
 * for, the collective-led tasks, CSV exports; 1280×800 and a narrow window.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Heatmap, HeatmapCell, TaskList, UnimplementedList } from '../../web/src/types.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { ingestBytes } from '../../ingest/pipeline.js';
import { NOTICE_WITHOUT_TASKS } from '../helpers/demo-corpus.js';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { useUiSession } from '../helpers/ui-session.js';

const KL69 = 'vn/tw/kl/69/2024';

const ui = useUiSession();
let heatmap: Heatmap;

beforeAll(async () => {
  heatmap = await api<Heatmap>(`/api/audit/heatmap?documentId=${encodeURIComponent(KL69)}`);
});

async function api<T>(path: string): Promise<T> {
  return (await fetch(`${ui.stack.base}${path}`)).json() as Promise<T>;
}

/** The heatmap as drawn: row ids, and each row's cells (province → number shown). */
const drawnHeatmap = (p: Page) =>
  p.locator('#heatmap table.heatmap tbody tr').evaluateAll((rows) =>
    rows.map((tr) => ({
      id: tr.getAttribute('data-directive-id')!,
      ratio: tr.querySelector('.ratio')!.textContent!,
      cells: Object.fromEntries(Array.from(tr.querySelectorAll('button.cell')).map((b) => [b.getAttribute('data-province')!, Number(b.textContent)])) as Record<string, number>,
      background: Array.from(tr.querySelectorAll('button.cell')).map((b) => getComputedStyle(b).backgroundColor),
    })),
  );

describe('audit', () => {
  it('shows the heatmap of 69-KL/TW directive items × provinces, fewest provinces first', async () => {
    await ui.page.goto(`${ui.stack.base}/#/audit`);
    await ui.page.locator('#heatmap table.heatmap').waitFor();
    const headers = await ui.page.locator('#heatmap thead th.province-col').allInnerTexts();
    expect(headers).toEqual(heatmap.provinces);
    expect([...headers].sort()).toEqual(['Bắc Giang', 'Bình Thuận', 'Kon Tum', 'Quảng Bình'].sort());

    const rows = await drawnHeatmap(ui.page);
    expect(rows.map((r) => r.id)).toEqual(heatmap.rows.map((r) => r.directive.id));
    expect(rows.length).toBeGreaterThan(10);
    for (const [i, r] of rows.entries()) {
      const want = heatmap.rows[i]!;
      expect(r.cells).toEqual(Object.fromEntries(heatmap.provinces.map((p) => [p, want.cells[p] ?? 0])));
      expect(r.ratio).toBe(`${want.provincesImplementing}/${heatmap.provinces.length}`);
    }
    // Sorted by how few provinces implement them.
    const implementing = rows.map((r) => Number(r.ratio.split('/')[0]));
    expect(implementing).toEqual([...implementing].sort((a, b) => a - b));
    // Coloured by count: an empty cell does not look like a full one.
    const zero = rows.flatMap((r) => Object.entries(r.cells).map(([, n], i) => ({ n, bg: r.background[i] })));
    const bgOf = (pred: (n: number) => boolean) => new Set(zero.filter((c) => pred(c.n)).map((c) => c.bg));
    const zeroBg = bgOf((n) => n === 0);
    for (const bg of bgOf((n) => n > 0)) expect(zeroBg.has(bg)).toBe(false);
    await screenshot(ui.page, 'audit-heatmap-1280x800');
  });

  it('lists the tasks behind every cell, with their evidence', async () => {
    const panel = ui.page.locator('#cell-evidence');
    let shot = false;
    for (const row of heatmap.rows) {
      for (const province of heatmap.provinces) {
        await ui.page.locator(`tr[data-directive-id="${row.directive.id}"] button.cell[data-province="${province}"]`).click();
        const cell = await api<HeatmapCell>(`/api/audit/cell?directiveId=${encodeURIComponent(row.directive.id)}&province=${encodeURIComponent(province)}`);
        await eventually(() => panel.locator('.cell-head h3').innerText().catch(() => '')).toContain(province);
        const head = await panel.locator('.cell-head h3').innerText();
        expect(head).toContain(`${row.cells[province] ?? 0} nhiệm vụ`);
        const items = await panel.locator('.evidence-item').evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-item-id'), text: (el as HTMLElement).innerText })));
        expect(items.map((i) => i.id)).toEqual(cell.tasks.map((t) => t.task.id));
        for (const [i, item] of items.entries()) {
          expect(item.text).toContain('Độ khớp');
          expect(item.text).toContain('Cách liên kết');
          if (cell.tasks[i]!.score != null) expect(item.text).toMatch(/Độ khớp:?\s*\d+([,.]\d+)?/);
        }
        if (!shot && cell.tasks.length >= 3) {
          await screenshot(ui.page, 'audit-cell-evidence-1280x800');
          shot = true;
        }
      }
    }
    // The open cell is in the URL.
    expect(new URL(ui.page.url()).hash).toMatch(/cell=.*&province=/);
    expect(pageErrors(ui.page)).toEqual([]);
  }, 180_000);

  it('lists the directive items a province has no task for, and the collective-led tasks, each exportable as CSV', async () => {
    await ui.page.goto(`${ui.stack.base}/#/audit`);
    const list = ui.page.locator('#audit-list');
    const unimplemented = await api<UnimplementedList>(`/api/audit/unimplemented?documentId=${encodeURIComponent(KL69)}`);
    await eventually(() => list.locator('.audit-item').count()).toBe(unimplemented.total);
    expect(await list.locator('.summary').innerText()).toContain(`${unimplemented.total} mục`);

    await ui.page.click('#tab-collective');
    const collective = await api<TaskList>('/api/audit/collective-led');
    expect(collective.total).toBeGreaterThan(0);
    await eventually(() => list.locator('.audit-item').count()).toBe(collective.total);
    const first = await list.locator('.audit-item').first().innerText();
    expect(first).toContain(collective.items[0]!.leads[0]!.name);
    expect(new URL(ui.page.url()).hash).toContain('list=collective');
    await ui.page.locator('#audit-lists').scrollIntoViewIfNeeded();
    await ui.page.evaluate(() => document.getElementById('audit-lists')!.scrollIntoView());
    await screenshot(ui.page, 'audit-collective-led-1280x800');

    const csvHref = await ui.page.locator('.list-toolbar a.csv').getAttribute('href');
    expect(csvHref).toContain('/api/audit/collective-led');
    expect(csvHref).toContain('format=csv');
    const res = await fetch(`${ui.stack.base}${csvHref}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const csv = await res.text();
    expect(csv.trim().split('\n').length).toBeGreaterThan(collective.total);

    // Filtered by province, the export follows the filter.
    await ui.page.selectOption('#audit-list-province', 'Bình Thuận');
    await eventually(async () => new Set(await list.locator('.audit-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-province'))))).toEqual(new Set(['Bình Thuận']));
    const filtered = new URL((await ui.page.locator('.list-toolbar a.csv').getAttribute('href'))!, ui.stack.base);
    expect(filtered.searchParams.get('province')).toBe('Bình Thuận');

    await ui.page.click('#tab-without-lead');
    const withoutLead = await api<TaskList>(`/api/audit/tasks-without-lead?province=${encodeURIComponent('Bình Thuận')}`);
    await eventually(() => list.locator('.audit-item').count()).toBe(withoutLead.total);
    expect(await ui.page.locator('a.csv').first().getAttribute('href')).toContain('/api/audit/heatmap');
  });

  it('is usable in a narrow window (400 px)', async () => {
    const narrow = await ui.browser.page({ width: 400, height: 820 });
    await narrow.goto(`${ui.stack.base}/#/audit?cell=${encodeURIComponent(heatmap.rows[heatmap.rows.length - 1]!.directive.id)}&province=${encodeURIComponent('Bình Thuận')}`);
    await narrow.locator('#heatmap table.heatmap').waitFor();
    await narrow.locator('#cell-evidence .evidence-item').first().waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await narrow.evaluate(() => window.scrollTo(0, 0));
    await screenshot(narrow, 'audit-heatmap-narrow-400');
    await narrow.evaluate(() => document.getElementById('cell-evidence')!.scrollIntoView());
    await screenshot(narrow, 'audit-cell-evidence-narrow-400');
    expect(pageErrors(narrow)).toEqual([]);
    await narrow.close();
  });

  it('shows the columns as the 2025 units when asked, the cell of a unit holding the tasks of the province merged into it', async () => {
    await ui.page.goto(`${ui.stack.base}/#/audit`);
    await ui.page.locator('#heatmap table.heatmap').waitFor();
    await ui.page.selectOption('#audit-era', 'current');
    const current = await api<Heatmap>(`/api/audit/heatmap?documentId=${encodeURIComponent(KL69)}&provinces=current`);
    // Written from the 2025 resolution: Bình Thuận → Lâm Đồng, Quảng Bình → Quảng Trị, Kon Tum → Quảng Ngãi, Bắc Giang → Bắc Ninh.
    await eventually(async () => [...(await ui.page.locator('#heatmap thead th.province-col').allInnerTexts())].sort()).toEqual(['Bắc Ninh', 'Lâm Đồng', 'Quảng Ngãi', 'Quảng Trị'].sort());
    expect(ui.page.url()).toContain('era=current');
    const row = current.rows.find((r) => (r.cells['Lâm Đồng'] ?? 0) > 0)!;
    await ui.page.locator(`tr[data-directive-id="${row.directive.id}"] button.cell[data-province="Lâm Đồng"]`).click();
    const panel = ui.page.locator('#cell-evidence');
    await eventually(() => panel.locator('.cell-head h3').innerText().catch(() => '')).toContain('Lâm Đồng');
    const asWritten = await api<HeatmapCell>(`/api/audit/cell?directiveId=${encodeURIComponent(row.directive.id)}&province=${encodeURIComponent('Bình Thuận')}`);
    expect(await panel.locator('.evidence-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))).toEqual(asWritten.tasks.map((t) => t.task.id));
    // The province filter of the lists offers the units, each with what it was formed from.
    expect(await ui.page.locator('#audit-list-province option[value="Lâm Đồng"]').innerText()).toContain('Bình Thuận');
    expect(new URL((await ui.page.locator('a.csv').first().getAttribute('href'))!, ui.stack.base).searchParams.get('provinces')).toBe('current');
    await screenshot(ui.page, 'audit-heatmap-2025-units');
    expect(pageErrors(ui.page)).toEqual([]);
  });

  it("shows the 20-NQ/TW heatmap rolled up through 69-KL/TW, a cell's tasks with the 69-KL/TW item they pass through", async () => {
    const NQ20 = 'vn/tw/nq/20/2012';
    // 69-KL/TW §6.1 repeats 20-NQ/TW III.6.4; Bắc Giang III.6 carries out §6.1 (issue 12).
    const directiveId = `${NQ20}#b.iii.6.4`;
    await ui.page.goto(`${ui.stack.base}/#/audit?doc=${encodeURIComponent(NQ20)}&cell=${encodeURIComponent(directiveId)}&province=${encodeURIComponent('Bắc Giang')}`);
    const button = ui.page.locator(`tr[data-directive-id="${directiveId}"] button.cell[data-province="Bắc Giang"]`);
    await eventually(() => button.innerText().catch(() => '0').then(Number)).toBeGreaterThan(0);
    const item = ui.page.locator('#cell-evidence .evidence-item', { hasText: 'Tăng cường hợp tác, liên kết với các viện' });
    await item.waitFor();
    expect(await item.locator('.via').innerText()).toMatch(/Thông qua:?\s*69-KL\/TW § 6\.1/);
    expect(pageErrors(ui.page)).toEqual([]);
  });

  it('marks a province with no plan to read (a notice carrying out 69-KL/TW, no task) with dashes, not zeros', async () => {
    const { documentId, fileName, text } = NOTICE_WITHOUT_TASKS;
    expect(await ingestBytes(ui.stack.db, Buffer.from(text), fileName, { maxBytes: 5_000_000 })).toMatchObject({ status: 'ingested', documentId });
    try {
      await ui.page.goto(`${ui.stack.base}/#/audit?doc=${encodeURIComponent(KL69)}`);
      await ui.page.locator('#heatmap table.heatmap').waitFor();
      const header = ui.page.locator('#heatmap thead th.province-col.no-tasks');
      expect(await header.innerText()).toContain('Lạng Sơn');
      expect(await header.getAttribute('title')).toMatch(/chưa có nhiệm vụ nào để đối chiếu/);
      const rows = ui.page.locator('#heatmap tbody tr');
      const n = await rows.count();
      expect(n).toBe(heatmap.rows.length);
      // Every row: a dash for Lạng Sơn, no button to open, and the ratio counts only provinces with a plan.
      expect(await ui.page.locator('#heatmap tbody span.cell.no-tasks[data-province="Lạng Sơn"]').allInnerTexts()).toEqual(Array(n).fill('–'));
      expect(await ui.page.locator('#heatmap tbody button.cell[data-province="Lạng Sơn"]').count()).toBe(0);
      for (const ratio of await ui.page.locator('#heatmap tbody .ratio').allInnerTexts()) expect(ratio).toMatch(/\/4$/);
      expect(await ui.page.locator('#heatmap .no-tasks-legend').innerText()).toContain('Lạng Sơn');
      await screenshot(ui.page, 'audit-heatmap-province-without-tasks');
      expect(pageErrors(ui.page)).toEqual([]);
    } finally {
      await deleteDocument(ui.stack.db, documentId);
    }
  });
});
