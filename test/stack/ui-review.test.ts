/**
 * Link review in a real browser on the real stack (issue 12): in the audit view, reject Quảng
 * Bình's II.1.a.2 as an implementation of 69-KL/TW §1.1 (it continues action programme
 * 19-CTr/TU, i.e. turning the resolutions into plans: §1.2, not the Party's leadership of §1.1)
 * from the heatmap cell, and add Bắc Giang's III.3.3 to §2.2 (mobilising investment and funds for
 * S&T, §2.2's policies attracting resources from businesses; the linker proposes §3.1 only) from
 * the task's details with the directive picker; the heatmap changes. Then both documents are deleted and uploaded again
 * through the API, and the corpus re-ingested from scratch: both decisions are still shown.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import type { Heatmap } from '../../web/src/types.js';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { useUiSession } from '../helpers/ui-session.js';

const KL69 = 'vn/tw/kl/69/2024';
const QB_DOC = 'vn/quang-binh/ubnd/kh/untitled-f98f4cc6c9aa';
const BG_DOC = 'vn/bac-giang/tu/kh/untitled-216c0d7342e2';
const QB_II_1_A_2 = `${QB_DOC}#ii.1.a.2`;
const BG_III_3_3 = `${BG_DOC}#iii.3.3`;
const S11 = `${KL69}#1.1`;
const S22 = `${KL69}#2.2`;
const S31 = `${KL69}#3.1`;
const enc = encodeURIComponent;

const ui = useUiSession();

const apiHeatmap = async () => (await (await fetch(`${ui.stack.base}/api/audit/heatmap?documentId=${enc(KL69)}`)).json()) as Heatmap;
/** The number a heatmap cell shows. */
const drawnCell = (directiveId: string, province: string) =>
  ui.page
    .locator(`tr[data-directive-id="${directiveId}"] button.cell[data-province="${province}"]`)
    .innerText({ timeout: 2_000 })
    .then(Number)
    .catch(() => NaN);

async function write(method: 'POST' | 'DELETE', path: string, body?: Buffer) {
  const res = await fetch(`${ui.stack.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ui.stack.apiToken}`, ...(body ? { 'content-type': 'text/plain; charset=utf-8' } : {}) },
    body: body as BodyInit | undefined,
  });
  return res.status;
}

/** Both decisions, as the audit view and the task's details show them. */
async function expectDecisionsShown(before: { qb11: number; bg22: number }) {
  await ui.page.goto(`${ui.stack.base}/#/audit?cell=${enc(S11)}&province=${enc('Quảng Bình')}`);
  await ui.page.locator('#heatmap table.heatmap').waitFor();
  await eventually(() => drawnCell(S11, 'Quảng Bình')).toBe(before.qb11 - 1);
  await eventually(() => drawnCell(S22, 'Bắc Giang')).toBe(before.bg22 + 1);
  const rejected = ui.page.locator(`#cell-rejected .evidence-item[data-item-id="${QB_II_1_A_2}"]`);
  await rejected.waitFor();
  expect(await rejected.innerText()).toContain('Đã bác bỏ');
  expect(await rejected.innerText()).toContain('Kiểm toán viên A');
  await ui.page.goto(`${ui.stack.base}/#/audit?node=${enc(BG_III_3_3)}`);
  const added = ui.page.locator(`#task-review li[data-directive-id="${S22}"]`);
  await added.waitFor();
  expect(await added.getAttribute('data-status')).toBe('added');
  expect(await added.innerText()).toContain('Người duyệt thêm');
}

describe('link review', () => {
  let before: { qb11: number; bg22: number };

  it('rejects a link from the heatmap cell: the cell empties', async () => {
    const map = await apiHeatmap();
    const row = (id: string) => map.rows.find((r) => r.directive.id === id)!;
    before = { qb11: row(S11).cells['Quảng Bình'] ?? 0, bg22: row(S22).cells['Bắc Giang'] ?? 0 };
    expect(before.qb11).toBeGreaterThan(0);

    await ui.page.goto(`${ui.stack.base}/#/audit?cell=${enc(S11)}&province=${enc('Quảng Bình')}`);
    const item = ui.page.locator(`#cell-evidence .evidence-item[data-item-id="${QB_II_1_A_2}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('proposed');
    expect(await item.innerText()).toContain('Đề xuất tự động, chưa duyệt');

    // Without a name nothing is sent, and the form says why.
    await ui.page.fill('#cell-review-reviewer', '');
    await item.locator('button[data-decision="reject"]').click();
    expect(await ui.page.locator('#cell-review-message').innerText()).toContain('Cần nhập tên người duyệt');
    // A wrong token: refused, said in Vietnamese.
    await ui.page.fill('#cell-review-reviewer', 'Kiểm toán viên A');
    await ui.page.fill('#cell-review-token', 'sai-ma');
    await item.locator('button[data-decision="reject"]').click();
    await eventually(() => ui.page.locator('#cell-review-message').innerText()).toContain('Mã truy cập (API token) không đúng');
    expect(await drawnCell(S11, 'Quảng Bình')).toBe(before.qb11);

    await ui.page.fill('#cell-review-token', ui.stack.apiToken);
    await ui.page.fill('#cell-review-comment', 'II.1.a.2 là cụ thể hóa nghị quyết (§1.2), không phải §1.1');
    await item.locator('button[data-decision="reject"]').click();
    await eventually(() => drawnCell(S11, 'Quảng Bình')).toBe(before.qb11 - 1);
    const rejected = ui.page.locator(`#cell-rejected .evidence-item[data-item-id="${QB_II_1_A_2}"]`);
    await rejected.waitFor();
    expect(await rejected.getAttribute('data-status')).toBe('rejected');
    expect(await ui.page.locator(`tr[data-directive-id="${S11}"] button.cell[data-province="Quảng Bình"]`).getAttribute('data-rejected')).toBe('1');
    await screenshot(ui.page, 'review-cell-rejected');
  });

  it('adds a missing link from the task\'s details with the directive picker: the gap fills', async () => {
    await ui.page.goto(`${ui.stack.base}/#/audit?node=${enc(BG_III_3_3)}`);
    const section = ui.page.locator('#task-review');
    await section.locator(`li[data-directive-id="${S31}"]`).waitFor();
    // The name and token were kept for the session.
    expect(await ui.page.inputValue('#task-review-reviewer')).toBe('Kiểm toán viên A');
    await ui.page.fill('#task-review-reviewer', 'Kiểm toán viên B');
    await ui.page.fill('#task-review-picker', 'thu hut nguon luc tu doanh nghiep');
    const option = section.locator(`.picker-item[data-key="${S22}"]`);
    await option.waitFor();
    expect(await section.locator('.picker-item').count()).toBeLessThan(5);
    await option.locator('button.picker-add').click();
    await section.locator(`li[data-directive-id="${S22}"][data-status="added"]`).waitFor();
    await eventually(() => drawnCell(S22, 'Bắc Giang')).toBe(before.bg22 + 1);
    await screenshot(ui.page, 'review-task-added');
  });

  it('shows both decisions after the documents are deleted and uploaded again', async () => {
    expect(await write('DELETE', `/api/documents?id=${enc(QB_DOC)}`)).toBe(200);
    expect(await write('DELETE', `/api/documents?id=${enc(BG_DOC)}`)).toBe(200);
    for (const f of ['000_7e0883046d7fbb4f.txt', '004_d3aaec19ab7e37bf.txt']) {
      expect(await write('POST', `/api/documents?fileName=${f}`, await readFile(join(REPO_ROOT, 'data/corpus', f)))).toBe(201);
    }
    await expectDecisionsShown(before);
  });

  it('shows both decisions after a full re-ingest of the corpus', async () => {
    const db = ui.stack.db;
    await db.driver.executeQuery('MATCH (n) WHERE NOT n:Review AND NOT n:ReviewEvent DETACH DELETE n', {}, { database: db.database });
    const outcomes = await ingestFiles(db, await discoverFiles([join(REPO_ROOT, 'data/corpus')]), { maxBytes: 5 * 1024 * 1024 });
    expect(outcomes.filter((o) => o.status !== 'ingested')).toEqual([]);
    await expectDecisionsShown(before);
    expect(pageErrors(ui.page)).toEqual([]);
  });
});
