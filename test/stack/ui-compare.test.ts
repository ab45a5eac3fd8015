/**
 * Comparing two provinces in a real browser (issue 11): the same rows and tasks as the API, the
 * filter that keeps only the items one province has tasks for and the other not, and the way in
 * from the audit view. Real stack, demo corpus.
 */
import { describe, expect, it } from 'vitest';
import type { ProvinceComparison } from '../../web/src/types.js';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { useUiSession } from '../helpers/ui-session.js';

const ui = useUiSession();

const drawn = () =>
  ui.page.locator('#compare-body table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-directive-id'),
      sides: Array.from(tr.querySelectorAll('td.compare-side')).map((td) => Array.from(td.querySelectorAll('.compare-task')).map((li) => li.getAttribute('data-item-id'))),
    })),
  );

describe('compare two provinces', () => {
  it('shows both provinces against the same directive items, and only the differences when asked', async () => {
    await ui.page.goto(`${ui.stack.base}/#/audit`);
    await ui.page.locator('#heatmap table.heatmap').waitFor();
    await ui.page.click('#audit-compare');
    await ui.page.locator('#compare-a option[value="Bình Thuận"]').waitFor({ state: 'attached' });
    await ui.page.selectOption('#compare-a', 'Bình Thuận');
    await ui.page.locator('#compare-b option[value="Kon Tum"]').waitFor({ state: 'attached' });
    await ui.page.selectOption('#compare-b', 'Kon Tum');
    const cmp = (await (await fetch(`${ui.stack.base}/api/audit/compare?a=${encodeURIComponent('Bình Thuận')}&b=${encodeURIComponent('Kon Tum')}`)).json()) as ProvinceComparison;
    const want = cmp.rows.map((r) => ({ id: r.directive.id, sides: r.tasks.map((s) => s.map((t) => t.task.id)) }));
    await eventually(drawn).toEqual(want);
    expect(await ui.page.locator('#compare-body thead th[data-side="a"]').innerText()).toBe('Bình Thuận');
    await screenshot(ui.page, 'compare-binh-thuan-kon-tum');

    await ui.page.check('#compare-diff');
    const oneSided = want.filter((r) => (r.sides[0]!.length > 0) !== (r.sides[1]!.length > 0));
    await eventually(drawn).toEqual(oneSided);
    expect(ui.page.url()).toContain('diff=1');
    expect(pageErrors(ui.page)).toEqual([]);
  });
});
