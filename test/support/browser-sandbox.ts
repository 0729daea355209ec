/**
 * A browser suite's life cycle against the sandbox `npm start` runs: the sandbox in a fresh directory and
 * Chromium started before the suite, pages screenshotted when their test failed and closed after each test,
 * both stopped at the end. The returned object is filled in once the suite's `beforeAll` has run.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { launchChromium } from './browser';

export interface BrowserSandbox {
  sandbox: RunningSandbox;
  browser: Browser;
  /** Origin of the sandbox's host pages (settings page, issue pages). */
  forgeOrigin: string;
}

export function useBrowserSandbox(root: string, shots: string, dirPrefix: string): BrowserSandbox {
  const env = {} as BrowserSandbox;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    env.sandbox = await startSandbox({ dir: mkdtempSync(join(tmpdir(), dirPrefix)), root, jiraPort: 0, forgePort: 0, log: () => {} });
    env.forgeOrigin = new URL(env.sandbox.info.pages.index).origin;
    env.browser = await launchChromium();
  });
  /** A failed test leaves its pages open: keep what they showed, then close them. */
  afterEach(async (context) => {
    const pages = env.browser.contexts().flatMap((c) => c.pages());
    if (context.task.result?.state === 'fail') {
      for (const [i, page] of pages.entries()) await page.screenshot({ path: join(shots, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    for (const page of pages) await page.close();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.sandbox?.stop();
  });
  return env;
}
