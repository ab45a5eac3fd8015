/**
 * The lineage view in real headless Chromium on the scale graph (the UI the app serves): time
 * from navigation to the default view (20-NQ/TW and 69-KL/TW, its documents in collapsed province
 * groups) drawn and idle; a click on a province group to its documents drawn; a click on the
 * group's first document (an API answer) to what is under it drawn. Each from the click to the
 * graph idle again (polled on animation frames), the layout's animation not waited for.
 *
 * Where the time goes: the view's User Timing measures (web/src/perf-marks.ts: waiting for
 * answers, what is shown, Cytoscape's elements, layout, style, outline, paint), summed by phase,
 * and each API answer's time and size. A UI built before the measures existed reports none.
 */
import type { Page } from 'playwright-core';
import { clickGraphNode, launchBrowser } from '../../test/helpers/chromium.js';

/** Milliseconds by phase (`lineage:<phase>` measures summed), for one navigation or click. */
export type Phases = Record<string, number>;

export interface BrowserTimings {
  firstViewMs: number;
  firstViewPhases: Phases;
  /** The API requests of the first view: path, ms from start to end of the response, bytes as sent. */
  firstViewRequests: { path: string; ms: number; bytes: number }[];
  /** The same view loaded again: the server's answers kept, nothing in the page. */
  againMs: number;
  againPhases: Phases;
  groups: number;
  nodesShown: number;
  groupOpenMs: number[];
  groupOpenPhases: Phases[];
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

/** The view's measures since the last call, summed by phase (the paint measure lands a frame or two after idle). */
async function phases(page: Page): Promise<Phases> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('lineage:')) out[m.name.slice(8)] = (out[m.name.slice(8)] ?? 0) + m.duration;
    performance.clearMeasures();
    return out;
  });
}

async function clickTimed(page: Page, id: string, done: (id: string) => boolean | Promise<boolean>): Promise<number> {
  // The view frames what changed 270 ms after drawing it: the click waits for that (not timed).
  await page.waitForTimeout(400);
  await page.evaluate(() => performance.clearMeasures());
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
    const out: BrowserTimings = { firstViewMs: 0, firstViewPhases: {}, firstViewRequests: [], againMs: 0, againPhases: {}, groups: 0, nodesShown: 0, groupOpenMs: [], groupOpenPhases: [], planOpenMs: [], errors };
    const page = await browser.page({ width: 1280, height: 800 });
    page.on('pageerror', (e) => errors.push(e.message));
    const t = performance.now();
    await page.goto(`${base}/`);
    await idle(page);
    out.firstViewMs = performance.now() - t;
    out.firstViewPhases = await phases(page);
    out.firstViewRequests = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.name.includes('/api/'))
        .map((r) => ({ path: decodeURIComponent(new URL(r.name).pathname + new URL(r.name).search), ms: r.responseEnd - r.startTime, bytes: r.encodedBodySize })),
    );
    const t2 = performance.now();
    await page.reload();
    await idle(page);
    out.againMs = performance.now() - t2;
    out.againPhases = await phases(page);
    const groups = await page.evaluate(() => window.__lineage!.cy.nodes('.group-closed').map((n) => n.id()));
    out.groups = groups.length;
    out.nodesShown = await page.evaluate(() => window.__lineage!.cy.nodes().length);
    for (const g of groups.slice(0, rounds)) {
      // Opened: the group is a box with its documents in it.
      out.groupOpenMs.push(await clickTimed(page, g, (id) => window.__lineage!.cy.getElementById(id).isParent()));
      out.groupOpenPhases.push(await phases(page));
      const plan = await page.evaluate((id) => window.__lineage!.cy.getElementById(id).children('[kind = "document"]').first().id(), g);
      out.planOpenMs.push(await clickTimed(page, plan, (id) => window.__lineage!.cy.getElementById(id).hasClass('expanded')));
    }
    return out;
  } finally {
    await browser.close();
  }
}
