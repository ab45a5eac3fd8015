/**
 * The lineage view in real headless Chromium on the scale graph (the UI the app serves): time
 * from navigation to the default view (20-NQ/TW and 69-KL/TW, its documents in collapsed province
 * groups) drawn and idle; a click on a province group to its documents drawn; a click on the
 * group's first document (an API answer) to what is under it drawn. Each from the click to the
 * graph idle again (polled on animation frames), the layout's animation not waited for.
 */
import type { Page } from 'playwright-core';
import { clickGraphNode, launchBrowser } from '../../test/helpers/chromium.js';

export interface BrowserTimings {
  firstViewMs: number;
  /** The API requests of the first view: path and ms from start to end of the response. */
  firstViewRequests: { path: string; ms: number }[];
  /** The same view loaded again: the server's answers kept, nothing in the page. */
  againMs: number;
  groups: number;
  nodesShown: number;
  groupOpenMs: number[];
  planOpenMs: number[];
  errors: string[];
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__lineage, null, { timeout: 60_000, polling: 'raf' });
  await page.evaluate(() => window.__lineage!.settled());
  await page.waitForFunction(() => document.querySelector('#cy')?.getAttribute('aria-busy') !== 'true' && window.__lineage!.cy.nodes().length > 0, null, {
    timeout: 60_000,
    polling: 'raf',
  });
}

async function clickTimed(page: Page, id: string, done: (id: string) => boolean | Promise<boolean>): Promise<number> {
  // The view frames what changed 270 ms after drawing it: the click waits for that (not timed).
  await page.waitForTimeout(400);
  const t = performance.now();
  await clickGraphNode(page, id);
  await page.waitForFunction(done, id, { timeout: 60_000, polling: 'raf' });
  await idle(page);
  return performance.now() - t;
}

export async function browserTimings(base: string, rounds: number): Promise<BrowserTimings> {
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    const out: BrowserTimings = { firstViewMs: 0, firstViewRequests: [], againMs: 0, groups: 0, nodesShown: 0, groupOpenMs: [], planOpenMs: [], errors };
    const page = await browser.page({ width: 1280, height: 800 });
    page.on('pageerror', (e) => errors.push(e.message));
    const t = performance.now();
    await page.goto(`${base}/`);
    await idle(page);
    out.firstViewMs = performance.now() - t;
    out.firstViewRequests = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.name.includes('/api/'))
        .map((r) => ({ path: decodeURIComponent(new URL(r.name).pathname + new URL(r.name).search), ms: r.responseEnd - r.startTime })),
    );
    const t2 = performance.now();
    await page.reload();
    await idle(page);
    out.againMs = performance.now() - t2;
    const groups = await page.evaluate(() => window.__lineage!.cy.nodes('.group-closed').map((n) => n.id()));
    out.groups = groups.length;
    out.nodesShown = await page.evaluate(() => window.__lineage!.cy.nodes().length);
    for (const g of groups.slice(0, rounds)) {
      // Opened: the group is a box with its documents in it.
      out.groupOpenMs.push(await clickTimed(page, g, (id) => window.__lineage!.cy.getElementById(id).isParent()));
      const plan = await page.evaluate((id) => window.__lineage!.cy.getElementById(id).children('[kind = "document"]').first().id(), g);
      out.planOpenMs.push(await clickTimed(page, plan, (id) => window.__lineage!.cy.getElementById(id).hasClass('expanded')));
    }
    return out;
  } finally {
    await browser.close();
  }
}
