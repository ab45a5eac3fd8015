/**
 * Journey 2, in a real browser on the real stack with the real search service (search/open.ts,
 * multilingual-e5-small + Neo4j full-text): while the index is not attached the page says so and
 * retries; then "khoi nghiep doi moi sang tao" typed without tone marks finds tasks of at least
 * three provinces, best match first (grouped by province and document on request), the passage
 * highlighted and each hit explained in words, never by raw scores; "Nhiệm vụ tương tự" on one
 * of them lists tasks of other provinces the same way; a query nothing answers says so; filters
 * narrow the hits; 1280×800 and a narrow window.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { openRealSearch, type RealSearch } from '../helpers/ui-search.js';
import { useUiSession } from '../helpers/ui-session.js';

const QUERY = 'khoi nghiep doi moi sang tao';
/** The words a hit's match is given in (web/src/match-words.ts). */
const MATCH_WORDS = /Rất sát|Rất giống|Liên quan|Ít liên quan/;
/** A raw score as the view used to print them ("0,913", "13,325"). */
const RAW_SCORE = /\d[.,]\d{3}/;

const ui = useUiSession();
let search: RealSearch | undefined;
let searchError: Error | undefined;

afterAll(() => search?.close());

/** Build the real service once (model load + index of the corpus); remember why when it cannot be. */
async function attachSearch(): Promise<void> {
  if (!search && !searchError) {
    try {
      search = await openRealSearch(ui.stack.db);
    } catch (err) {
      searchError = err as Error;
    }
  }
  if (searchError) throw searchError;
  ui.stack.deps.search = search!.service;
}

const hits = (p: Page) =>
  p.locator('#search-results .hit').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-item-id')!,
      province: el.getAttribute('data-province'),
      kind: el.getAttribute('data-kind'),
      marks: el.querySelectorAll('.hit-text mark').length,
      match: el.getAttribute('data-match'),
      text: (el as HTMLElement).innerText,
    })),
  );

describe('search', () => {
  it('says the search index is not ready (503) and retries, until the service is attached', async () => {
    ui.stack.deps.search = undefined;
    await ui.page.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent(QUERY)}`);
    const state = ui.page.locator('#search-results .state-unavailable');
    await state.waitFor();
    expect(await state.innerText()).toContain('Chỉ mục tìm kiếm chưa sẵn sàng');
    expect(await state.innerText()).toMatch(/Tự động thử lại sau \d+ giây/);
    await screenshot(ui.page, 'search-index-not-ready-1280x800');

    await attachSearch();
    await ui.page.click('#search-results .state-unavailable button');
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
  }, 600_000);

  it('finds tasks of at least three provinces for a query typed without tone marks', async () => {
    await attachSearch();
    await ui.page.goto(`${ui.stack.base}/#/search`);
    await ui.page.fill('#search-q', QUERY);
    await ui.page.press('#search-q', 'Enter');
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    expect(decodeURIComponent(new URL(ui.page.url()).hash)).toContain(`q=${QUERY.replace(/ /g, '+')}`);

    const found = await hits(ui.page);
    const taskProvinces = new Set(found.filter((h) => h.kind === 'task').map((h) => h.province));
    expect(taskProvinces.size).toBeGreaterThanOrEqual(3);
    // Best match first, in one list: no province groups unless asked for.
    expect(await ui.page.locator('#search-results .hit-list').count()).toBe(1);
    expect(await ui.page.locator('#search-results .group').count()).toBe(0);
    expect(found[0]!.match).toBe('strong');
    // The matching passage highlighted (in its tone-marked form), and each hit explained in words.
    expect(found.filter((h) => h.marks > 0).length).toBeGreaterThan(0);
    const marked = await ui.page.locator('#search-results .hit-text mark').allInnerTexts();
    expect(marked.join(' ').toLowerCase()).toMatch(/khởi|nghiệp|đổi|mới|sáng|tạo/);
    const first = found[0]!.text;
    for (const label of ['Mục', 'Nguồn']) expect(first).toContain(label);
    expect(first).toMatch(/dòng \d+/);
    for (const h of found) {
      expect(h.text).toMatch(MATCH_WORDS);
      expect(h.text).not.toMatch(RAW_SCORE);
      for (const label of ['Điểm tổng hợp', 'Ngữ nghĩa', 'Từ khóa:']) expect(h.text).not.toContain(label);
    }
    await screenshot(ui.page, 'search-results-1280x800');
    expect(pageErrors(ui.page)).toEqual([]);
  }, 120_000);

  it('groups the same hits by province, then document, on request', async () => {
    await attachSearch();
    const before = (await hits(ui.page)).map((h) => h.id).sort();
    await ui.page.selectOption('select[name=group]', 'province');
    await ui.page.waitForFunction(() => location.hash.includes('group=province'));
    await ui.page.locator('#search-results .group').first().waitFor();
    const found = await hits(ui.page);
    expect(found.map((h) => h.id).sort()).toEqual(before);
    const groupTitles = await ui.page.locator('#search-results .group > .group-title').allInnerTexts();
    expect(groupTitles.length).toBe(new Set(found.map((h) => h.province || 'Trung ương')).size);
    expect(await ui.page.locator('#search-results .doc-group .doc-title').count()).toBeGreaterThanOrEqual(groupTitles.length);
    await screenshot(ui.page, 'search-results-by-province-1280x800');
    await ui.page.selectOption('select[name=group]', '');
    await ui.page.locator('#search-results .hit-list').waitFor();
  }, 120_000);

  it('says so when nothing answers the query', async () => {
    await attachSearch();
    await ui.page.goto(`${ui.stack.base}/#/search?q=xyzqwv`);
    const empty = ui.page.locator('#search-results .state-empty');
    await empty.waitFor({ timeout: 60_000 });
    expect(await empty.innerText()).toContain('Không có kết quả nào đủ liên quan đến “xyzqwv”');
    expect(await ui.page.locator('#search-results .hit').count()).toBe(0);
    await screenshot(ui.page, 'search-nothing-relevant-1280x800');
    await ui.page.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent(QUERY)}`);
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
  }, 120_000);

  it('shows tasks like one of them, from other provinces, most alike first and in words', async () => {
    await attachSearch();
    const task = (await hits(ui.page)).find((h) => h.kind === 'task')!;
    await ui.page.locator(`#search-results .hit[data-item-id="${task.id}"] .similar-link`).click();
    const panel = ui.page.locator('#similar');
    await panel.locator('.hit').first().waitFor({ timeout: 60_000 });
    expect(new URL(ui.page.url()).hash).toContain(`similar=${encodeURIComponent(task.id)}`);
    const similar = await panel.locator('.hit').evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-item-id'), province: el.getAttribute('data-province'), text: (el as HTMLElement).innerText })),
    );
    expect(similar.length).toBeGreaterThan(0);
    for (const h of similar) {
      expect(h.province).not.toBe(task.province);
      expect(h.id).not.toBe(task.id);
      expect(h.text).toMatch(/Rất giống|Liên quan|Ít liên quan/);
      expect(h.text).not.toMatch(RAW_SCORE);
    }
    expect(await panel.locator('.group').count()).toBe(0);
    await eventually(() => panel.locator('.similar-source').innerText()).toContain(task.province!);
    await screenshot(ui.page, 'search-similar-1280x800');
    // Grouped by province on request, like the results.
    await ui.page.selectOption('select[name=group]', 'province');
    await panel.locator('.group').first().waitFor();
    const groups = await panel.locator('.group').evaluateAll((els) =>
      els.map((el) => ({ province: el.getAttribute('data-province'), hits: el.querySelectorAll('.hit').length })),
    );
    for (const g of groups) {
      expect(g.hits).toBeGreaterThan(0);
      expect(g.province).not.toBe(task.province);
    }
    expect(groups.reduce((n, g) => n + g.hits, 0)).toBe(similar.length);
    await ui.page.selectOption('select[name=group]', '');
  }, 120_000);

  it('narrows hits with the filters (province, kind, lead)', async () => {
    await attachSearch();
    await ui.page.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent(QUERY)}`);
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    await ui.page.selectOption('select[name=province]', 'Bình Thuận');
    await ui.page.waitForFunction(() => location.hash.includes('province='));
    await ui.page.locator('#search-results .hit').first().waitFor();
    await eventually(async () => [...new Set((await hits(ui.page)).map((h) => h.province))]).toEqual(['Bình Thuận']);
    await ui.page.selectOption('select[name=kind]', 'task');
    await ui.page.waitForFunction(() => location.hash.includes('kind=task'));
    await eventually(async () => [...new Set((await hits(ui.page)).map((h) => h.kind))]).toEqual(['task']);
  }, 120_000);

  it('shows tasks and directive items by default, every paragraph when asked, each named for what it is', async () => {
    await attachSearch();
    // A target of 380/KH-UBND (data/corpus/001_85caa70bca5e72ab.txt line 65), under "Mục tiêu cụ thể".
    const q = 'Phấn đấu mức chi cho khoa học và công nghệ đạt trên 1% trong tổng chi ngân sách của tỉnh';
    const target = (list: Awaited<ReturnType<typeof hits>>) => list.find((h) => h.text.includes('Phấn đấu mức chi cho khoa học'));
    await ui.page.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent(q)}`);
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    const byDefault = await hits(ui.page);
    expect(target(byDefault)).toBeUndefined();
    expect(new Set(byDefault.map((h) => h.kind))).not.toContain('paragraph');
    await ui.page.selectOption('select[name=kind]', 'all');
    await ui.page.waitForFunction(() => location.hash.includes('kind=all'));
    await eventually(async () => target(await hits(ui.page))?.kind).toBe('paragraph');
    const badge = ui.page.locator('#search-results .hit[data-kind=paragraph] .badge').first();
    expect(await badge.innerText()).toBe('Đoạn văn');
  }, 120_000);

  it('is usable in a narrow window (400 px)', async () => {
    await attachSearch();
    const narrow = await ui.browser.page({ width: 400, height: 820 });
    await narrow.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent(QUERY)}`);
    await narrow.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(narrow, 'search-results-narrow-400');
    await narrow.close();
  }, 120_000);
});
