/**
 * The pages `npm start` prints, opened in Chromium: the same startSandbox() that main.ts runs, seeded,
 * with the demo sync SUP ↔ DEV listed on the settings page and the panel loading on SUP-1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';

const root = join(import.meta.dirname, '..', '..');
let sandbox: RunningSandbox;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ dir: mkdtempSync(join(tmpdir(), 'lockstep-pages-')), root, jiraPort: 0, forgePort: 0, log: (l) => problems.push(`runtime: ${l}`) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

async function open(url: string) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  expect((await page.goto(url))?.status()).toBe(200);
  return page;
}

describe('pages printed by npm start', () => {
  it('the SUP settings page lists the demo sync with DEV on beta', async () => {
    const page = await open(sandbox.info.pages.alpha.settings);
    const app = page.frameLocator('iframe[title="Lockstep"]');
    await app.getByText('DEV', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await app.getByText('on beta').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the SUP-1 issue page shows the demo issue and its Sync info panel', async () => {
    const page = await open(sandbox.info.pages.alpha.issue);
    const summary = String(sandbox.emulator.site('alpha').issue('SUP-1')!.fields['summary']);
    expect(await page.locator('h1').textContent()).toBe(summary);
    const panel = page.frameLocator('iframe[title="Sync info"]');
    await panel.getByText('This issue is not synchronized.').waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
