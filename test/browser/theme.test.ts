/**
 * Dark theme end to end: the sandbox host page opened with ?theme=dark renders dark, and the built issue
 * panel, calling view.theme.enable() through the real @forge/bridge, gets the dark colour mode and tokens.
 */
import { join } from 'node:path';
import { type Browser, type Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { issuePageUrl } from '../../sandbox/forge/ui/host';
import { startUiHost, type UiHost } from '../support/ui-host';

const root = join(import.meta.dirname, '..', '..');
let browser: Browser;
let host: UiHost;
let forge: UiHost['forge'];
let issueKey: string;

beforeAll(async () => {
  host = await startUiHost(root, { summary: 'Dark mode check', description: 'x' });
  ({ forge, issueKey } = host);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Relative luminance (0 black … 1 white) of a computed `rgb(r, g, b)` / `rgba(…)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not an rgb colour: ${color}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const bodyBackground = (frame: Frame | import('playwright-core').Page) => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('dark theme', () => {
  it('opens the issue page with ?theme=dark: the page and the panel frame render dark', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    expect((await page.goto(`${issuePageUrl(forge.origin, 'alpha', issueKey)}?theme=dark`))?.status()).toBe(200);

    expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    expect(await page.locator('#theme').inputValue()).toBe('dark');
    await expect.poll(async () => luminance(await bodyBackground(page)), { timeout: 10_000 }).toBeLessThan(0.05);

    const panel = (await (await page.locator('iframe[title="Sync info"]').elementHandle())!.contentFrame())!;
    await panel.waitForSelector('html[data-color-mode="dark"]', { state: 'attached', timeout: 15_000 });
    expect(await panel.locator('html').getAttribute('data-theme')).toBe('dark:dark light:light');
    await expect.poll(async () => luminance(await bodyBackground(panel)), { timeout: 10_000 }).toBeLessThan(0.05);
    const text = await panel.evaluate(() => getComputedStyle(document.body).color);
    expect(luminance(text)).toBeGreaterThan(0.4);
    expect(problems).toEqual([]);
    await page.close();
  });
});
