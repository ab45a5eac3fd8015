/**
 * A real browser for the UI tests: Debian's chromium driven by playwright-core (no bundled
 * browser download here), a fresh profile each time, screenshots under test-results/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'ui-test-profile-'));
  // Playwright wants the profile as launchPersistentContext's first argument, not as --user-data-dir.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  return {
    async page(viewport = { width: 1280, height: 800 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
      });
      (page as Page & { uiErrors: string[] }).uiErrors = errors;
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Script errors seen on any page of this browser (uncaught exceptions, console.error). */
export const pageErrors = (page: Page): string[] => (page as Page & { uiErrors?: string[] }).uiErrors ?? [];

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Wait until the lineage graph has no pending expansion and no running animation. */
export async function graphSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__lineage, null, { timeout: 20_000 });
  await page.evaluate(() => window.__lineage!.settled());
  await page.waitForFunction(() => document.querySelector('#cy')?.getAttribute('aria-busy') !== 'true');
  await page.waitForTimeout(450); // layout animation (250 ms) and the framing that follows it
}

/** The graph's nodes as the user sees them: id, kind, label, province. */
export function graphNodes(page: Page): Promise<{ id: string; kind: string; vk: string; display: string; province: string | null; expanded: boolean }[]> {
  return page.evaluate(() =>
    window.__lineage!.cy.nodes().map((n) => ({
      id: n.id(),
      kind: n.data('kind'),
      vk: n.data('vk'),
      display: n.data('display'),
      province: n.data('province'),
      expanded: n.hasClass('expanded'),
    })),
  );
}

/** Click a node on the canvas, where it is drawn (brought into view first). */
export async function clickGraphNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const { cy } = window.__lineage!;
    const node = cy.getElementById(nodeId);
    if (node.empty()) throw new Error(`no node ${nodeId} in the graph`);
    const r = node.renderedBoundingBox({});
    const inside = r.x1 >= 0 && r.y1 >= 0 && r.x2 <= cy.width() && r.y2 <= cy.height();
    if (!inside || r.w < 20) {
      cy.zoom(Math.max(cy.zoom(), 0.8));
      cy.center(node);
    }
    const p = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

/** expect.poll with a patience fit for a browser on a shared 2-core machine. */
export const eventually = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
