/**
 * The Migration tab of Lockstep's settings page in Chromium against the sandbox `npm start` runs (the demo
 * sync alpha SUP ↔ beta DEV, Ada an admin): the nine steps; the sync stopped from step 1; the pair list and
 * the configuration downloaded; the configuration pasted back and opened in the Configuration tab; two
 * issues made on each side while stopped, paired from an uploaded CSV; a summary edited on DEV while
 * stopped, pulled back by a resync where DEV's values win; and the reconciliation's cutover checklist.
 * Screenshots go to test-results/settings/40-migration-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Download, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { settingsPageUrl } from '../../sandbox/forge/ui/urls';
import type { RunningSandbox } from '../../sandbox/start';
import { sandboxRest, until } from '../support/browser';
import { useBrowserSandbox } from '../support/browser-sandbox';

const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'test-results', 'settings');
const DEMO = 'demo-sup-dev';
let sandbox: RunningSandbox;
let browser: Browser;
let forgeOrigin: string;
const problems: string[] = [];
/** The configuration file "Export configuration" saved, pasted back in the import step. */
let configText = '';
/** The issues made while stopped: [SUP key, DEV key] twice. */
const fresh: Array<{ sup: { id: string; key: string }; dev: { id: string; key: string } }> = [];

const env = useBrowserSandbox(root, shots, 'lockstep-migration-');
beforeAll(() => { ({ sandbox, browser, forgeOrigin } = env); });
afterAll(() => {
  expect(problems).toEqual([]);
});

const rest = (site: 'alpha' | 'beta') => sandboxRest(sandbox.info.sites[site]);
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `40-migration-${name}.png`), fullPage: true });

/** SUP's settings page as Ada, on the demo sync's Migration tab with its checklist loaded. */
async function openMigration(): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(e.message));
  expect((await page.goto(settingsPageUrl(forgeOrigin, 'alpha', 'SUP', 'lockstep-settings', 'ada')))?.status()).toBe(200);
  const app = page.frameLocator('iframe[title="Lockstep"]');
  await app.getByRole('heading', { level: 1, name: 'Lockstep' }).waitFor({ timeout: 15_000 });
  await app.locator('main[aria-busy="false"]').waitFor({ timeout: 15_000 });
  await app.getByRole('link', { name: 'DEV on beta' }).click();
  await app.getByRole('heading', { level: 2, name: 'Sync with DEV on beta' }).waitFor();
  await app.getByRole('tab', { name: 'Migration' }).click();
  await app.getByRole('list', { name: 'Migration steps' }).waitFor();
  await app.locator('section[aria-labelledby="lockstep-migration-heading"][aria-busy="false"]').waitFor();
  return { page, app };
}

/** One step of the checklist by its key (`data-step`). */
const step = (app: FrameLocator, key: string) => app.locator(`li[data-step="${key}"]`);

/** Clicks `button` and returns the text of the file the page saved. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const pairOf = (site: 'alpha' | 'beta', localId: string) => sandbox.runtime.runAs(site, () => kvsPairs.byLocal(DEMO, localId));

async function createIssue(site: 'alpha' | 'beta', project: string, summary: string): Promise<{ id: string; key: string }> {
  const created = await rest(site)('POST', '/rest/api/3/issue', { fields: { project: { key: project }, issuetype: { name: 'Task' }, summary } });
  expect(created.status).toBe(201);
  return { id: String(created.body!['id']), key: String(created.body!['key']) };
}

describe('the Migration tab in the browser', () => {
  it('shows the nine steps, stops the sync, and downloads the pair list and the configuration', async () => {
    const { page, app } = await openMigration();
    await expect(app.getByRole('list', { name: 'Migration steps' }).locator(':scope > li').count()).resolves.toBe(9);
    // Running, configured, no warnings: migrate, import and start read as done.
    await app.getByText('3 of 9 steps done').waitFor();
    await shot(page, '01-steps');

    // Step 1: Stop, confirmed as on the sync list.
    await step(app, 'stop').getByRole('button', { name: 'Stop syncing' }).click();
    const confirm = app.getByRole('dialog', { name: 'Stop this sync?' });
    await confirm.getByRole('button', { name: 'Stop', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await step(app, 'stop').and(app.locator('[data-step-state="done"]')).waitFor();
    expect((await sandbox.runtime.runAs('alpha', () => kvsConnections.get(DEMO)))?.state).toBe('stopped');

    const pairs = await downloaded(page, () => step(app, 'download-pairs').getByRole('button', { name: 'Download JSON' }).click());
    expect(pairs.name).toMatch(/^lockstep-pairs-SUP-DEV-\d{4}-\d{2}-\d{2}\.json$/);
    const list = JSON.parse(pairs.text) as { format: string; pairs: Array<Record<string, unknown>> };
    expect(list.format).toBe('lockstep.pairs');
    expect(list.pairs.length).toBe(sandbox.info.data.sharedByDemoSync);
    expect(list.pairs[0]).toMatchObject({ local: { key: expect.stringMatching(/^SUP-\d+$/) }, partner: { key: expect.stringMatching(/^DEV-\d+$/) }, status: 'active' });
    await step(app, 'download-pairs').getByText(/^Saved lockstep-pairs-/).waitFor();

    const config = await downloaded(page, () => step(app, 'export-config').getByRole('button', { name: 'Export configuration' }).click());
    expect(config.name).toMatch(/\.json$/);
    expect(JSON.parse(config.text)).toMatchObject({ format: 'lockstep.sync-config', version: 1, source: { projectKey: 'SUP', partner: { projectKey: 'DEV' } } });
    configText = config.text;
    for (const key of ['stop', 'export-config', 'download-pairs']) await step(app, key).and(app.locator('[data-step-state="done"]')).waitFor();
    // Stopped: start is to do again; stop, both exports, migrate and import are done.
    await app.getByText('5 of 9 steps done').waitFor();
    await step(app, 'start').and(app.locator('[data-step-state="todo"]')).waitFor();
    await shot(page, '02-exported');
  });

  it('imports the exported configuration into the Configuration tab, identical to the saved one, and discards it', async () => {
    expect(configText).not.toBe('');
    const { page, app } = await openMigration();
    await step(app, 'import-config').getByLabel('Or paste the exported configuration').fill(configText);
    await step(app, 'import-config').getByRole('button', { name: 'Import configuration' }).click();
    // The tab switches once the import is read: wait for it rather than read it once.
    await app.getByRole('tab', { name: 'Configuration', selected: true }).waitFor();
    await app.getByText(/^Imported from SUP \(with DEV on beta\), exported /).waitFor();
    await app.getByText('The imported configuration is open below and is not saved yet.', { exact: false }).waitFor();
    const bar = app.getByRole('region', { name: 'Save configuration' });
    // Same site, same ids: the import is exactly the saved configuration, with nothing to fix and nothing to save.
    await bar.getByText('The imported configuration matches the saved one.').waitFor();
    await expect(bar.getByRole('button', { name: 'Save changes' }).isDisabled()).resolves.toBe(true);
    await expect(bar.getByRole('button', { name: /^Apply all suggestions/ }).count()).resolves.toBe(0);
    await shot(page, '03-imported');
    const before = await sandbox.runtime.runAs('alpha', () => kvsConnections.config(DEMO));
    await bar.getByRole('button', { name: 'Discard' }).click();
    await app.getByText(/^Imported from SUP/).waitFor({ state: 'detached' });
    expect(await sandbox.runtime.runAs('alpha', () => kvsConnections.config(DEMO))).toEqual(before);
  });

  it('pairs two issues made on each side while stopped from an uploaded CSV', async () => {
    for (const n of [1, 2]) {
      fresh.push({ sup: await createIssue('alpha', 'SUP', `Made on SUP while stopped ${n}`), dev: await createIssue('beta', 'DEV', `Made on DEV while stopped ${n}`) });
    }
    // Stopped: nothing flows, so they stay unpaired (a moment for any event to have been handled).
    await new Promise((r) => setTimeout(r, 500));
    for (const f of fresh) expect(await pairOf('alpha', f.sup.id)).toBeUndefined();

    const { page, app } = await openMigration();
    const pair = step(app, 'pair');
    await expect(pair.getByRole('radio', { name: 'Upload a file' }).isChecked()).resolves.toBe(true);
    await pair.getByRole('radio', { name: 'Same issue key' }).waitFor();
    await pair.getByRole('radio', { name: 'Field match' }).waitFor();
    const csv = ['local_key,partner_key', ...fresh.map((f) => `${f.sup.key},${f.dev.key}`)].join('\n') + '\n';
    await pair.getByLabel('Pair file').setInputFiles({ name: 'moved.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await pair.getByText(`moved.csv: ${csv.length} characters.`).waitFor();
    await pair.getByRole('button', { name: 'Preview pairs' }).click();

    const preview = pair.getByRole('group', { name: 'Pairing preview' });
    await preview.getByRole('button', { name: 'Will pair (2)' }).waitFor({ timeout: 20_000 });
    await preview.getByRole('button', { name: 'Missing here (0)' }).waitFor();
    await pair.locator('[aria-label="Pairing preview"][aria-busy="false"]').waitFor();
    for (const f of fresh) await preview.getByRole('table', { name: 'Pairing preview rows' }).getByText(f.sup.key, { exact: true }).waitFor();
    await shot(page, '04-pair-preview');

    await preview.getByRole('button', { name: 'Apply pairs (2)' }).click();
    await pair.locator('[data-job-state="done"]').waitFor({ timeout: 20_000 });
    for (const f of fresh) {
      const made = await until(`the pair of ${f.sup.key}`, () => pairOf('alpha', f.sup.id));
      expect(made).toMatchObject({ localIssueKey: f.sup.key, partnerIssueKey: f.dev.key, partnerIssueId: f.dev.id });
      // DEV's side knows it too (cross-site, same connection id).
      expect(await pairOf('beta', f.dev.id)).toMatchObject({ partnerIssueKey: f.sup.key });
    }
    await step(app, 'pair').and(app.locator('[data-step-state="done"]')).waitFor();
    await shot(page, '05-paired');
  });

  it("resyncs Summary with DEV's values winning after an edit on DEV while stopped", async () => {
    const { sup, dev } = fresh[0]!;
    expect((await rest('beta')('PUT', `/rest/api/3/issue/${dev.key}`, { fields: { summary: 'Renamed on DEV while stopped' } })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 300));
    expect(sandbox.emulator.site('alpha').issue(sup.key)!.fields['summary']).toBe('Made on SUP while stopped 1');

    const { page, app } = await openMigration();
    const resync = step(app, 'resync');
    await resync.getByRole('button', { name: 'Clear fields' }).click();
    await resync.getByText('0 of', { exact: false }).waitFor();
    // Atlaskit's toggle draws over its checkbox: click the toggle's label, as a person would.
    await resync.locator('label').filter({ hasText: /^Summary$/ }).click();
    await expect(resync.getByLabel('Summary', { exact: true }).isChecked()).resolves.toBe(true);
    await resync.getByText(/^1 of \d+ chosen\./).waitFor();
    await resync.getByRole('radio', { name: "This project's values win" }).waitFor();
    await resync.getByRole('radio', { name: "DEV's values win" }).check();
    await resync.getByRole('textbox', { name: 'Issues to resync (JQL, optional)' }).fill(`key = ${sup.key}`);
    await resync.getByRole('button', { name: 'Start resync' }).click();
    await resync.locator('[data-job-state="done"]').waitFor({ timeout: 30_000 });
    await until(`${sup.key}'s new summary`, async () => sandbox.emulator.site('alpha').issue(sup.key)!.fields['summary'] === 'Renamed on DEV while stopped');
    // Only that issue: the other one made while stopped kept its own summary.
    expect(sandbox.emulator.site('alpha').issue(fresh[1]!.sup.key)!.fields['summary']).toBe('Made on SUP while stopped 2');
    await step(app, 'resync').and(app.locator('[data-step-state="done"]')).waitFor();
    await shot(page, '06-resynced');
  });

  it('runs the reconciliation and shows the cutover checklist', async () => {
    const { page, app } = await openMigration();
    const reconcile = step(app, 'reconcile');
    await reconcile.getByRole('button', { name: 'Run reconciliation' }).click();
    await reconcile.locator('[data-job-state="done"]').waitFor({ timeout: 30_000 });
    const checklist = reconcile.getByRole('list', { name: 'Cutover checklist' });
    await checklist.waitFor();
    const items = await checklist.getByRole('listitem').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatch(/^(Pass|Fail)/);
    await reconcile.getByRole('button', { name: 'Export report CSV' }).waitFor();
    const report = await downloaded(page, () => reconcile.getByRole('button', { name: 'Export report CSV' }).click());
    expect(report.text.split('\n')[0]).toBe('section,item,result,detail');
    await shot(page, '07-reconciliation');
  });
});
