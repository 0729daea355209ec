/**
 * The built Custom UI in a real browser against a real sandbox: the settings page and the issue panel
 * load the real @forge/bridge, which talks to the sandbox through the injected `__bridge`.
 */
import { join } from 'node:path';
import { type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { issuePageUrl, settingsPageUrl } from '../../sandbox/forge/ui/host';
import { PEOPLE } from '../../sandbox/jira/sites';
import { startUiHost, type UiHost } from '../support/ui-host';

const root = join(import.meta.dirname, '..', '..');
// Texts the apps render: static/settings/src/SyncTable.tsx (EMPTY_TEXT), static/panel/src/App.tsx (NOT_SYNCED_TEXT),
// static/shared/errors.ts ("Fix this: …") with src/forge/resolvers/settings.ts's message.
const EMPTY_TEXT = 'No syncs yet — this project is not synchronized with any other project.';
const NOT_SYNCED_TEXT = 'This issue is not synchronized.';
const NOT_ADMIN_TEXT = 'Fix this: Only administrators of this project can configure Lockstep.';

let browser: Browser;
let host: UiHost;
let forge: UiHost['forge'];
let issueKey: string;
const runtimeLog: string[] = [];

beforeAll(async () => {
  host = await startUiHost(root, { summary: 'Checkout fails on Safari', description: 'Steps: pay, fail.' }, (line) => runtimeLog.push(line));
  ({ forge, issueKey } = host);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** A page that records every console error, uncaught exception and CSP report of the host page and its frames. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if ((message.type() === 'error' || /Content.Security.Policy/i.test(text))) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { page, problems };
}

function frameOf(page: Page, title: string): Promise<Frame> {
  return page.locator(`iframe[title="${title}"]`).elementHandle().then(async (handle) => (await handle!.contentFrame())!);
}

describe('Custom UI in the sandbox', () => {
  it('shows a project admin the settings app with no syncs yet', async () => {
    const { page, problems } = await openPage(settingsPageUrl(forge.origin, 'alpha', 'SUP', 'lockstep-settings', 'ada'));
    const app = page.frameLocator('iframe[title="Lockstep"]');
    await app.getByText(EMPTY_TEXT).waitFor({ timeout: 10_000 });
    expect(await app.getByText('Support Desk (SUP)').count()).toBe(1);
    expect(await app.getByRole('alert').count()).toBe(0);
    // The frame sized itself to its content through the host page.
    await page.waitForFunction(() => (document.querySelector('iframe[title="Lockstep"]') as HTMLIFrameElement | null)?.style.height !== '');
    expect(problems, runtimeLog.join('\n')).toEqual([]);
    await page.close();
  });

  it("shows someone who is not a project admin the resolver's refusal, and remembers who is viewing", async () => {
    const { page, problems } = await openPage(settingsPageUrl(forge.origin, 'alpha', 'SUP', 'lockstep-settings', 'omar'));
    const alert = page.frameLocator('iframe[title="Lockstep"]').getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain(NOT_ADMIN_TEXT);
    expect(problems).toEqual([]);
    await page.goto(settingsPageUrl(forge.origin, 'alpha', 'SUP', 'lockstep-settings'));
    expect(await page.locator('#viewer').inputValue()).toBe('omar');
    await page.close();
  });

  it('shows the Sync info panel on an issue, and requestJira acts as the viewing user', async () => {
    const { page, problems } = await openPage(issuePageUrl(forge.origin, 'alpha', issueKey, 'sam'));
    expect(await page.locator('h1').textContent()).toBe('Checkout fails on Safari');
    const panel = await frameOf(page, 'Sync info');
    await panel.getByText(NOT_SYNCED_TEXT).waitFor({ timeout: 10_000 });
    const me = await panel.evaluate(async () => {
      const bridge = (window as unknown as { __bridge: { callBridge: (name: string, payload?: unknown) => Promise<any> } }).__bridge;
      const reply = await bridge.callBridge('fetchProduct', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { method: 'GET', body: null, headers: [['accept', 'application/json']] }, isMultipartFormData: false });
      const context = await bridge.callBridge('getContext');
      return { status: reply.status, accountId: JSON.parse(reply.body).accountId, extension: context.extension.type, issue: context.extension.issue.key };
    });
    expect(me).toEqual({ status: 200, accountId: PEOPLE.sam.accountId, extension: 'jira:issuePanel', issue: issueKey });
    expect(problems).toEqual([]);
    await page.close();
  });
});
