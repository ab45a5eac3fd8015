/**
 * Errors read in Vietnamese in the browser: a link to a document that is not in the graph, and a
 * deadline view asked for a day that does not exist, on the real stack.
 */
import { describe, expect, it } from 'vitest';
import { eventually, pageErrors } from '../helpers/ui-browser.js';
import { useUiSession } from '../helpers/ui-session.js';

const ui = useUiSession();

describe('error pages', () => {
  it('says in Vietnamese that a linked document is not in the graph', async () => {
    await ui.page.goto(`${ui.stack.base}/#/lineage?root=${encodeURIComponent('vn/tw/kl/99/2024')}`);
    const box = ui.page.locator('.state-error').first();
    await eventually(() => box.innerText().catch(() => '')).toContain('Không tìm thấy');
    expect(await box.innerText()).toContain('Không có văn bản hoặc mục nào có mã “vn/tw/kl/99/2024”');
    expect(await box.innerText()).not.toMatch(/no document|with id/);
  });

  it('says which parameter is wrong', async () => {
    await ui.page.goto(`${ui.stack.base}/#/deadlines?asOf=2025-12-01&province=${encodeURIComponent('x'.repeat(300))}`);
    await ui.page.locator('#deadline-tasks .state-error').waitFor();
    expect(await ui.page.locator('#deadline-tasks .state-error').innerText()).toContain('Tham số “province” không hợp lệ');
    expect(pageErrors(ui.page)).toEqual([]);
  });
});
