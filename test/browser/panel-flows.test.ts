/**
 * The Sync info panel in Chromium against the sandbox `npm start` runs (the demo sync SUP ↔ DEV):
 * an edit made through REST on one side shows up in the partner's panel, Resync, an error produced by
 * breaking the link and retried once it is mended, "Sync this issue" on an unpaired issue, and the
 * panel in each state (synced, pending, error, not synced) saved as screenshots under test-results/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import type { Pair } from '../../src/ports/pairs';
import { issuePageUrl } from '../../sandbox/forge/ui/urls';
import { PEOPLE } from '../../sandbox/jira/sites';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { launchChromium, sandboxRest, until } from '../support/browser';

const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'test-results', 'panel');
const SYNC = 'demo-sup-dev';
let sandbox: RunningSandbox;
let browser: Browser;
let forgeOrigin: string;
let pair: Pair; // DEV side of one demo pair: local = DEV issue on beta, partner = SUP issue on alpha
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sandbox = await startSandbox({ dir: mkdtempSync(join(tmpdir(), 'lockstep-panel-')), root, jiraPort: 0, forgePort: 0, log: () => {} });
  forgeOrigin = new URL(sandbox.info.pages.index).origin;
  pair = (await sandbox.runtime.runAs('beta', () => kvsPairs.list(SYNC, { limit: 1 }))).pairs[0]!;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const rest = (site: 'alpha' | 'beta') => sandboxRest(sandbox.info.sites[site]);

async function openPanel(site: 'alpha' | 'beta', key: string, as = 'ada'): Promise<{ page: Page; panel: FrameLocator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => problems.push(e.message));
  expect((await page.goto(issuePageUrl(forgeOrigin, site, key, as)))?.status()).toBe(200);
  const panel = page.frameLocator('iframe[title="Sync info"]');
  await panel.locator('main[aria-busy="false"]').waitFor({ timeout: 15_000 });
  return { page, panel };
}

const lastReceived = (panel: FrameLocator) => panel.locator('dt:text-is("Last received") + dd time').getAttribute('datetime');

describe('Sync info panel in the browser', () => {
  it('shows a synced issue, and the partner’s panel follows an edit made through the REST API', async () => {
    const { page, panel } = await openPanel('beta', pair.localIssueKey);
    await panel.getByText('Up to date').waitFor();
    await expect(panel.getByRole('link', { name: `${pair.partnerIssueKey} (opens in a new tab)` }).getAttribute('href')).resolves.toBe(`${sandbox.emulator.site('alpha').baseUrl}/browse/${pair.partnerIssueKey}`);
    await panel.getByRole('button', { name: `Copy ${pair.partnerIssueKey}` }).waitFor();
    await page.screenshot({ path: join(shots, '1-synced.png'), fullPage: true });
    const before = await lastReceived(panel);

    expect((await rest('alpha')('PUT', `/rest/api/3/issue/${pair.partnerIssueKey}`, { fields: { summary: 'Edited on alpha through REST' } })).status).toBe(204);
    await until('the edit to reach beta', async () => sandbox.emulator.site('beta').issue(pair.localIssueKey)!.fields['summary'] === 'Edited on alpha through REST');
    await page.reload();
    await panel.getByText('Up to date').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Edited on alpha through REST');
    const after = await lastReceived(panel);
    expect(Date.parse(after!)).toBeGreaterThan(Date.parse(before!));
    await page.screenshot({ path: join(shots, '2-after-edit.png'), fullPage: true });
    await page.close();
  });

  it('resyncs on request', async () => {
    const { page, panel } = await openPanel('beta', pair.localIssueKey);
    // Drift on alpha behind Jira's back (no event): the resync from beta puts beta's values back.
    sandbox.emulator.site('alpha').issue(pair.partnerIssueKey)!.fields['summary'] = 'Drifted';
    await panel.getByRole('button', { name: `Resync with ${pair.partnerIssueKey}` }).click();
    await panel.getByRole('status').filter({ hasText: `Resync of ${pair.localIssueKey} sent to ${pair.partnerIssueKey}.` }).waitFor();
    await until('the resync to land', async () => sandbox.emulator.site('alpha').issue(pair.partnerIssueKey)!.fields['summary'] === 'Edited on alpha through REST');
    await page.screenshot({ path: join(shots, '3-resync.png'), fullPage: true });
    await page.close();
  });

  it('shows an error when the partner refuses a change, and Retry delivers it once the link is mended', async () => {
    // Break it: alpha no longer knows the key beta signs with, so it refuses beta's next change (401).
    const creds = await sandbox.runtime.runAs('alpha', async () => ({ summary: (await kvsConnections.get(SYNC))!, key: (await kvsConnections.signingKey(SYNC))!, url: (await kvsConnections.partnerInboxUrl(SYNC))! }));
    await sandbox.runtime.runAs('alpha', () => kvsConnections.save(creds.summary, { signingKey: 'YnJva2VuLWtleS1icm9rZW4ta2V5LWJyb2tlbi1rZXktMQ', partnerInboxUrl: creds.url }));
    expect((await rest('beta')('PUT', `/rest/api/3/issue/${pair.localIssueKey}`, { fields: { labels: ['needs-retry'] } })).status).toBe(204);
    await until('the refusal to be parked', async () => (await sandbox.runtime.runAs('beta', () => kvsSyncState.listParked(SYNC))).length > 0);

    const { page, panel } = await openPanel('beta', pair.localIssueKey);
    await panel.getByText('Error', { exact: true }).waitFor();
    await panel.getByText(/partner refused with 401/).waitFor();
    await page.screenshot({ path: join(shots, '4-error.png'), fullPage: true });

    await sandbox.runtime.runAs('alpha', () => kvsConnections.save(creds.summary, { signingKey: creds.key, partnerInboxUrl: creds.url }));
    await panel.getByRole('button', { name: `Retry sync with ${pair.partnerIssueKey}` }).click();
    await panel.getByRole('status').filter({ hasText: `1 failed change of ${pair.localIssueKey} queued again.` }).waitFor();
    await until('the retried change on alpha', async () => JSON.stringify(sandbox.emulator.site('alpha').issue(pair.partnerIssueKey)!.fields['labels']) === '["needs-retry"]');
    await page.reload();
    await panel.getByText('Up to date').waitFor();
    await page.screenshot({ path: join(shots, '5-retried.png'), fullPage: true });
    await page.close();
  });

  it('shows Pending while the sync is paused', async () => {
    const pause = (state: string) => sandbox.runtime.invokeResolver({ site: 'beta', moduleKey: 'lockstep-settings', accountId: PEOPLE.ada.accountId, functionKey: 'setConnectionState', payload: { connectionId: SYNC, state }, context: { accountId: PEOPLE.ada.accountId, extension: { project: { key: 'DEV' } } } });
    expect(await pause('paused')).toMatchObject({ status: 'ok' });
    const { page, panel } = await openPanel('beta', pair.localIssueKey);
    await panel.getByText('Pending').waitFor();
    await page.screenshot({ path: join(shots, '6-pending.png'), fullPage: true });
    expect(await pause('running')).toMatchObject({ status: 'ok' });
    await page.close();
  });

  it('offers an unsynced issue, and "Sync this issue" creates its partner', async () => {
    const unsynced = await until('an unsynced SUP issue', async () => {
      for (const issue of sandbox.emulator.site('alpha').issuesOf(sandbox.emulator.site('alpha').projectByKey('SUP')!.id)) {
        if (!(await sandbox.runtime.runAs('alpha', () => kvsPairs.byLocal(SYNC, issue.id)))) return issue;
      }
      return undefined;
    });
    const { page, panel } = await openPanel('alpha', unsynced.key, 'sam');
    await panel.getByText('This issue is not synchronized.').waitFor();
    await panel.getByText('Not synced with DEV (beta)').waitFor();
    await page.screenshot({ path: join(shots, '7-not-synced.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Sync this issue with DEV on beta' }).click();
    await panel.getByRole('status').filter({ hasText: `${unsynced.key} sent to DEV` }).waitFor();
    const made = await until('the partner issue', () => sandbox.runtime.runAs('alpha', () => kvsPairs.byLocal(SYNC, unsynced.id)));
    await page.reload();
    await panel.getByRole('link', { name: `${made.partnerIssueKey} (opens in a new tab)` }).waitFor();
    await page.screenshot({ path: join(shots, '8-synced-from-offer.png'), fullPage: true });
    await page.close();
  });

  it('tells someone outside the project they cannot see the issue, before any resolver runs', async () => {
    const page = await browser.newPage();
    const res = await page.goto(issuePageUrl(forgeOrigin, 'beta', pair.localIssueKey, 'omar'));
    expect(res?.status()).toBe(403);
    await page.close();
    expect(problems).toEqual([]);
  });
});
