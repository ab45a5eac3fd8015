/**
 * One hit per text, in a real browser on the real stack: the demo corpus plus 03/NQ-CP and its
 * Phụ lục II crawled as a file of its own (data/wild). A staff query for the atomic-energy law,
 * typed without tone marks, shows row 15 of that appendix once, saying where else the same text is
 * written; the link opens that other copy's details.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { eventually, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { openRealSearch, type RealSearch } from '../helpers/ui-search.js';
import { useUiSession } from '../helpers/ui-session.js';

const WILD = join(REPO_ROOT, 'data/wild/docs');
const FILES = ['vnmasterplan__NQCP03__Kehoachgoc.md', 'vnmasterplan__NQCP03__NQ03_PL2_Nhiem_vu.md'];

const ui = useUiSession();
let search: RealSearch | undefined;

afterAll(() => search?.close());

describe('search folds copies of one text', () => {
  it('shows the appendix row once, naming and linking its other copy', async () => {
    const outcomes = await ingestFiles(ui.stack.db, await discoverFiles(FILES.map((f) => join(WILD, f))), { maxBytes: 5_000_000 });
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);
    search = await openRealSearch(ui.stack.db);
    ui.stack.deps.search = search.service;

    await ui.page.goto(`${ui.stack.base}/#/search?q=${encodeURIComponent('luat nang luong nguyen tu')}`);
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    const texts = await ui.page.locator('#search-results .hit .hit-text').allInnerTexts();
    expect(texts.filter((t) => t.startsWith('Dự án Luật Năng lượng nguyên tử'))).toHaveLength(1);
    expect(texts[0]).toMatch(/^Dự án Luật Năng lượng nguyên tử/);

    const first = ui.page.locator('#search-results .hit').first();
    const also = first.locator('.also-in');
    // Row 15 under II of Phụ lục II, in each copy; the appendix file has no number of its own.
    const title = await first.locator('.hit-title').innerText();
    const other = title.startsWith('03/NQ-CP') ? 'Văn bản không rõ số hiệu' : '03/NQ-CP';
    expect(title).toMatch(/(03\/NQ-CP|Văn bản không rõ số hiệu) § Phụ lục 2\.II\.15$/);
    expect(await also.innerText()).toBe(`Cùng nội dung ở: ${other} § Phụ lục 2.II.15`);
    const link = also.locator('a.twin-link');
    expect(await link.count()).toBe(1);
    const twinId = (await link.getAttribute('data-node-id'))!;
    expect(twinId).not.toBe(await first.getAttribute('data-item-id'));
    await screenshot(ui.page, 'search-folded-copies-1280x800');

    await link.click();
    const panel = ui.page.locator('#details');
    await eventually(() => panel.locator('.item-text').innerText(), 15_000).toMatch(/^Dự án Luật Năng lượng nguyên tử/);
    expect(new URLSearchParams(new URL(ui.page.url()).hash.split('?')[1]).get('node')).toBe(twinId);
    expect(pageErrors(ui.page)).toEqual([]);
  }, 600_000);
});
