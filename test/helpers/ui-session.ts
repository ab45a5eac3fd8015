/**
 * What every browser test file starts with: the real stack (ui-stack.ts), Chromium and a
 * 1280×800 page, opened before the file's tests and closed after them. The fields are filled in
 * by the time the first test runs.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Browser, launchBrowser } from './ui-browser.js';
import { startUiStack, type UiStack } from './ui-stack.js';

export interface UiSession {
  stack: UiStack;
  browser: Browser;
  page: Page;
}

export function useUiSession(): UiSession {
  const ui = {} as UiSession;
  beforeAll(async () => {
    ui.stack = await startUiStack();
    ui.browser = await launchBrowser();
    ui.page = await ui.browser.page({ width: 1280, height: 800 });
  }, 240_000);
  afterAll(async () => {
    await ui.browser?.close();
    await ui.stack?.close();
  });
  return ui;
}
