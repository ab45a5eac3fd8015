/**
 * A real browser for the UI tests: Debian's chromium driven by playwright-core (no bundled
 * browser download here), a fresh profile each time, screenshots under test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';

export { CHROMIUM, clickGraphNode, launchBrowser, type Browser } from './chromium.js';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

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

/** expect.poll with a patience fit for a browser on a shared 2-core machine. */
export const eventually = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
