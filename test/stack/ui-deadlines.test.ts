/**
 * The deadlines view in a real browser on the real stack: provinces × years of deadline with the
 * overdue counts as of a chosen day (the same numbers as the API), a click on a count opening its
 * tasks, and the 2025 units. Demo corpus plus two real plans with dated tasks (dated-plans.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/pipeline.js';
import type { DeadlineGrid } from '../../web/src/types.js';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { DATED_PLAN_FILES, NGHE_AN_DUE_30_11 } from '../helpers/dated-plans.js';
import { useUiSession } from '../helpers/ui-session.js';

const ui = useUiSession();

beforeAll(async () => {
  const outcomes = await ingestFiles(ui.stack.db, DATED_PLAN_FILES, { maxBytes: 5_000_000 });
  expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);
});

const api = async <T>(path: string): Promise<T> => (await fetch(`${ui.stack.base}${path}`)).json() as Promise<T>;

describe('deadlines', () => {
  it('shows tasks by year of deadline per province with those overdue on the chosen day, and opens them', async () => {
    await ui.page.goto(`${ui.stack.base}/#/deadlines?asOf=2025-12-01`);
    await ui.page.locator('#deadline-grid table').waitFor();
    const grid = await api<DeadlineGrid>('/api/deadlines?asOf=2025-12-01');
    const rows = await ui.page.locator('#deadline-grid tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-province')));
    expect(rows).toEqual(grid.provinces.map((p) => p.province));
    const ngheAn = ui.page.locator('#deadline-grid tr[data-province="Nghệ An"]');
    expect(await ngheAn.locator('td[data-year="2025"] button').innerText()).toBe(`${grid.provinces.find((p) => p.province === 'Nghệ An')!.years['2025']!.due} (1)`);

    await ngheAn.locator('td.total-overdue button').click();
    const items = ui.page.locator('#deadline-tasks .audit-item');
    await eventually(() => items.count()).toBe(1);
    expect(await items.first().innerText()).toContain(NGHE_AN_DUE_30_11.text);
    expect(await items.first().innerText()).toContain('30/11/2025 (đã qua)');
    expect(await ui.page.locator('#deadline-list h2').innerText()).toContain('quá hạn tính đến 01/12/2025');
    await screenshot(ui.page, 'deadlines-overdue-1280x800');

    // The day before the deadline nothing had passed it.
    await ui.page.fill('#deadline-as-of', '2025-11-29');
    await ui.page.locator('#deadline-as-of').dispatchEvent('change');
    await eventually(() => ui.page.locator('#deadline-tasks').innerText()).toContain('Không có nhiệm vụ nào');
    expect(ui.page.url()).toContain('asOf=2025-11-29');
  });

  it('rolls the provinces up into the 2025 units', async () => {
    await ui.page.goto(`${ui.stack.base}/#/deadlines?asOf=2025-12-01`);
    await ui.page.locator('#deadline-grid table').waitFor();
    await ui.page.selectOption('#deadline-era', 'current');
    await eventually(async () => ui.page.locator('#deadline-grid tr[data-province="Lâm Đồng"]').count()).toBe(1);
    expect(await ui.page.locator('#deadline-grid tr[data-province="Bình Thuận"]').count()).toBe(0);
    expect(pageErrors(ui.page)).toEqual([]);
  });
});
