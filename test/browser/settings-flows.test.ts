/**
 * Lockstep's project settings page in Chromium against the sandbox `npm start` runs (the demo sync SUP ↔ DEV):
 * the sync list (light and dark), a same-site sync created through the wizard and configured tab by tab
 * (a direction and a value map, reviewed and saved), started and sharing an issue; a warning after a
 * migration-style custom field id change on the partner, fixed with its suggestion; a cross-site sync
 * through an invitation code; Health, Errors (with Retry all) and Audit; and a non-admin refused.
 * Screenshots go to test-results/settings/.
 */
import { join } from 'node:path';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import type { Pair } from '../../src/ports/pairs';
import { settingsPageUrl } from '../../sandbox/forge/ui/urls';
import { PEOPLE } from '../../sandbox/jira/sites';
import type { RunningSandbox } from '../../sandbox/start';
import { sandboxRest, until } from '../support/browser';
import { useBrowserSandbox } from '../support/browser-sandbox';

const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'test-results', 'settings');
const DEMO = 'demo-sup-dev';
const CONFIG_TABS = ['Issue types', 'Fields', 'Workflows', 'Comments', 'Attachments', 'Links', 'Users', 'Filters', 'Advanced'];
let sandbox: RunningSandbox;
let browser: Browser;
let forgeOrigin: string;
let opsSync: string; // SUP's end of the same-site sync SUP ↔ OPS, made in the wizard
const problems: string[] = [];

const env = useBrowserSandbox(root, shots, 'lockstep-settings-');
beforeAll(() => { ({ sandbox, browser, forgeOrigin } = env); });

const rest = (site: 'alpha' | 'beta') => sandboxRest(sandbox.info.sites[site]);

/** Opens a project's Lockstep settings page and waits for the app to finish loading. */
async function openSettings(site: 'alpha' | 'beta', projectKey: string, options: { as?: string; query?: string } = {}): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(e.message));
  const url = settingsPageUrl(forgeOrigin, site, projectKey, 'lockstep-settings', options.as ?? 'ada');
  const withQuery = options.query ? `${url}${url.includes('?') ? '&' : '?'}${options.query}` : url;
  expect((await page.goto(withQuery))?.status()).toBe(200);
  const app = page.frameLocator('iframe[title="Lockstep"]');
  await app.getByRole('heading', { level: 1, name: 'Lockstep' }).waitFor({ timeout: 15_000 });
  await app.locator('main[aria-busy="false"]').waitFor({ timeout: 15_000 });
  return { page, app };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const syncRow = (app: FrameLocator, partner: string) => app.getByRole('row').filter({ has: app.getByRole('link', { name: partner }) });

/** From the list, opens a sync's page and one of its tabs. */
async function openSync(app: FrameLocator, partner: string, tab?: string | RegExp) {
  await app.getByRole('link', { name: partner }).click();
  await app.getByRole('heading', { level: 2, name: `Sync with ${partner}` }).waitFor();
  if (tab) await app.getByRole('tab', { name: tab }).click();
}

/** Configuration tab, loaded; then the inner config tab whose name contains `name`. */
async function configTab(app: FrameLocator, name: string) {
  await app.getByRole('region', { name: 'Save configuration' }).waitFor();
  await app.locator('[aria-label="Sync configuration"][aria-busy="false"]').waitFor();
  const tab = app.getByRole('tab', { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
}

/** Save changes → Review changes → Save; returns the review list's lines. */
async function saveReviewed(app: FrameLocator): Promise<string[]> {
  await app.getByRole('button', { name: 'Save changes' }).click();
  const review = app.getByRole('dialog', { name: 'Review changes' });
  await review.waitFor();
  const lines = await review.getByRole('list', { name: 'Changes' }).getByRole('listitem').allTextContents();
  await review.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText('Saved. The change is in the audit log.').waitFor();
  await review.waitFor({ state: 'detached' });
  return lines;
}

describe('Lockstep settings in the browser', () => {
  it('lists the demo sync of SUP, running, in light and dark theme', async () => {
    const { page, app } = await openSettings('alpha', 'SUP');
    await app.getByRole('heading', { level: 2, name: /^Syncs/ }).waitFor();
    const row = syncRow(app, 'DEV on beta');
    await row.getByText('Running', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Pause sync with DEV' }).waitFor();
    await row.getByRole('button', { name: 'Stop sync with DEV' }).waitFor();
    await row.getByRole('button', { name: 'Delete sync with DEV' }).waitFor();
    await shot(page, '01-sync-list');
    await page.close();

    const dark = await openSettings('alpha', 'SUP', { query: 'theme=dark' });
    await syncRow(dark.app, 'DEV on beta').getByText('Running', { exact: true }).waitFor();
    await expect(dark.app.locator('html').getAttribute('data-color-mode')).resolves.toBe('dark');
    await shot(dark.page, '02-sync-list-dark');
    await dark.page.close();
  });

  it('creates a same-site sync with OPS in the wizard and shows its suggested configuration, tab by tab', async () => {
    sandbox.emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', description: 'Ops.', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId], admins: [PEOPLE.ada.accountId] });
    const { page, app } = await openSettings('alpha', 'SUP');
    await app.getByRole('button', { name: 'Create sync' }).click();
    const wizard = app.getByRole('dialog', { name: 'Create sync' });
    await wizard.getByRole('group', { name: 'Where is the other project?' }).getByRole('radio', { name: 'On this site' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    const partner = wizard.getByRole('combobox', { name: 'Partner project' });
    await partner.fill('Operations');
    await partner.press('Enter');
    await wizard.getByRole('button', { name: 'Create sync', exact: true }).click();
    await wizard.waitFor({ state: 'detached' });

    // The wizard opens the new sync's page; back on the list it is a draft.
    await app.getByRole('heading', { level: 2, name: 'Sync with OPS on this site' }).waitFor();
    await app.getByRole('button', { name: 'All syncs' }).click();
    const row = syncRow(app, 'OPS on this site');
    await row.getByText('Draft', { exact: true }).waitFor();
    opsSync = await until('the OPS connection', async () => (await sandbox.runtime.runAs('alpha', () => kvsConnections.listForProject('SUP'))).find((c) => c.partnerProject === 'OPS')?.id);

    await openSync(app, 'OPS on this site', 'Configuration');
    await app.getByText(/This is a suggested configuration/).waitFor();
    for (const [i, name] of CONFIG_TABS.entries()) {
      await configTab(app, name);
      await shot(page, `${10 + i}-config-${name.toLowerCase().replace(/ /g, '-')}`);
    }
    // A suggestion is saved as it is: the review says the configuration is created.
    expect(await saveReviewed(app)).toEqual(['Configuration created']);
    await expect(app.getByText(/This is a suggested configuration/).count()).resolves.toBe(0);
    await page.close();
  });

  it('maps Summary one way and a Priority value, reviews and saves the configuration', async () => {
    const { page, app } = await openSettings('alpha', 'SUP');
    await openSync(app, 'OPS on this site', 'Configuration');
    await configTab(app, 'Fields');
    await app.getByRole('radiogroup', { name: 'Direction of Summary' }).getByRole('radio', { name: 'To OPS only' }).check();

    await app.getByRole('button', { name: 'Edit value map of Priority' }).click();
    const map = app.getByRole('dialog', { name: 'Value map of Priority' });
    await map.waitFor();
    for (const [label, value] of [['New value on SUP', 'High'], ['New value on OPS', 'Highest']] as const) {
      await map.getByRole('combobox', { name: label }).fill(value);
      // Typing "High" also offers "Highest": pick the exact option from the menu (portalled to the frame's body).
      await app.getByRole('option', { name: value, exact: true }).click();
    }
    // Under load the modal inside the iframe can sit below the page's viewport, where Playwright will not click; the button is the same.
    await map.getByRole('button', { name: 'Add value mapping' }).dispatchEvent('click');
    await map.getByRole('table', { name: 'Value mappings of Priority' }).getByRole('combobox', { name: 'Value on OPS, row 1' }).waitFor();
    await page.screenshot({ path: join(shots, '19-value-map.png') });
    await map.getByRole('button', { name: 'Done' }).click();
    await map.waitFor({ state: 'detached' });
    await app.getByRole('button', { name: 'Edit value map of Priority' }).filter({ hasText: '1 mapped' }).waitFor();

    const lines = await saveReviewed(app);
    expect(lines.join('\n')).toMatch(/Summary/);
    expect(lines.join('\n')).toMatch(/Priority/);
    const saved = (await sandbox.runtime.runAs('alpha', () => kvsConnections.config(opsSync)))!;
    expect(saved.fields.find((f) => f.kind === 'system' && f.field === 'summary')?.direction).toBe('to-partner');
    expect(saved.fields.find((f) => f.kind === 'system' && f.field === 'priority')?.valueMap).toEqual([{ local: 'High', partner: 'Highest' }]);
    await page.close();
  });

  it('starts the OPS sync, and a new SUP issue gets its partner in OPS', async () => {
    // The wizard made two mirrored connections; the first save on SUP's side gave OPS's side the suggested configuration.
    const mirror = await sandbox.runtime.runAs('alpha', async () => kvsConnections.config((await kvsConnections.partnerConnectionId(opsSync))!));
    expect(mirror).toMatchObject({ local: { projectKey: 'OPS' }, partner: { site: 'same', projectKey: 'SUP' } });

    const { page, app } = await openSettings('alpha', 'SUP');
    const row = syncRow(app, 'OPS on this site');
    await row.getByRole('button', { name: 'Start sync with OPS' }).click();
    await app.getByRole('region', { name: 'Notifications' }).getByRole('status').first().waitFor();
    await row.getByText('Running', { exact: true }).waitFor();

    const created = await rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Printer on fire', priority: { name: 'High' } } });
    expect(created.status).toBe(201);
    const id = String(created.body!['id']);
    const pair = await until('the OPS partner of the new issue', () => sandbox.runtime.runAs('alpha', () => kvsPairs.byLocal(opsSync, id)), 20_000).catch(async (e: unknown) => {
      const parked = await sandbox.runtime.runAs('alpha', async () => [...(await kvsSyncState.listParked(opsSync)), ...(await kvsSyncState.listParked(`${opsSync}-r`))]);
      const syncs = await sandbox.runtime.runAs('alpha', async () => [...(await kvsConnections.listForProject('SUP')), ...(await kvsConnections.listForProject('OPS'))]);
      throw new Error(`${String(e)}; parked ${JSON.stringify(parked)}; syncs ${JSON.stringify(syncs)}`);
    });
    expect(pair.partnerIssueKey).toMatch(/^OPS-\d+$/);
    const partner = sandbox.emulator.site('alpha').issue(pair.partnerIssueKey)!;
    expect(partner.fields['summary']).toBe('Printer on fire');
    await page.close();
  });

  it('warns when a partner custom field changed id, and the suggested fix re-points the mapping', async () => {
    const beta = sandbox.emulator.site('beta');
    const old = [...beta.customFields.values()].find((f) => f.name === 'Customer')!;
    const before = (await sandbox.runtime.runAs('alpha', () => kvsConnections.config(DEMO)))!;
    expect(before.fields.some((f) => f.kind === 'custom' && f.partner.id === old.id)).toBe(true);
    // A migration: the field is recreated on beta under a new id, same name and type.
    beta.customFields.delete(old.id);
    const fresh = beta.addCustomField({ name: old.name, kind: old.kind, description: old.description, options: old.options.map((o) => o.value) });
    expect(fresh.id).not.toBe(old.id);

    const { page, app } = await openSettings('alpha', 'SUP');
    await openSync(app, 'DEV on beta', 'Configuration');
    await configTab(app, 'Fields');
    await expect(app.getByRole('tab', { name: /^Fields/ }).textContent()).resolves.toMatch(/warning/);
    const warning = app.getByText(`Custom field "Customer" (${old.id}) no longer exists on`);
    await warning.waitFor();
    await shot(page, '20-warning');

    await app.getByRole('button', { name: `Apply fix: Use "Customer" (same name, now ${fresh.id})` }).click();
    await warning.waitFor({ state: 'detached' });
    const lines = await saveReviewed(app);
    expect(lines.join('\n')).toMatch(/Customer/);
    const after = (await sandbox.runtime.runAs('alpha', () => kvsConnections.config(DEMO)))!;
    const customer = after.fields.find((f) => f.kind === 'custom' && f.local.name === 'Customer');
    expect(customer).toMatchObject({ partner: { id: fresh.id, name: 'Customer' } });
    await expect(app.getByRole('tab', { name: /^Fields/ }).textContent()).resolves.not.toMatch(/warning/);
    await shot(page, '21-warning-fixed');
    await page.close();
  });

  it('connects SUP on alpha with QA on beta through an invitation code', async () => {
    sandbox.emulator.site('beta').addProject({ key: 'QA', name: 'Quality', description: 'QA.', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.dana.accountId], admins: [PEOPLE.ada.accountId] });
    const sup = await openSettings('alpha', 'SUP');
    await sup.app.getByRole('button', { name: 'Create sync' }).click();
    let wizard = sup.app.getByRole('dialog', { name: 'Create sync' });
    await wizard.getByRole('radio', { name: 'On another Jira site' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('group', { name: 'How do you want to connect?' }).getByRole('radio', { name: 'Create an invitation code' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Create code' }).click();
    const codeBox = wizard.getByRole('textbox', { name: 'Invitation code for the partner' });
    await codeBox.waitFor();
    const code = await codeBox.inputValue();
    expect(code).toMatch(/^LSI1/);
    await wizard.getByRole('button', { name: 'Done' }).click();
    await wizard.waitFor({ state: 'detached' });

    const qa = await openSettings('beta', 'QA');
    await qa.app.getByRole('button', { name: 'Create sync' }).click();
    wizard = qa.app.getByRole('dialog', { name: 'Create sync' });
    await wizard.getByRole('radio', { name: 'On another Jira site' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: 'Paste an invitation code' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'Invitation code' }).fill(code);
    await wizard.getByRole('button', { name: 'Connect' }).click();
    await wizard.waitFor({ state: 'detached' });
    // The invited side names the partner site by its URL (here the emulator's http://127.0.0.1:<port>/alpha).
    const alphaUrl = sandbox.emulator.site('alpha').baseUrl;
    await qa.app.getByRole('heading', { level: 2, name: `Sync with SUP on ${alphaUrl}` }).waitFor();
    await qa.app.getByRole('button', { name: 'All syncs' }).click();
    await qa.app.getByRole('link', { name: `SUP on ${alphaUrl}` }).waitFor();

    // A reload of the host page starts the frame afresh, on the list (the frame's #sync=… hash is not kept).
    await sup.page.reload();
    await sup.app.locator('main[aria-busy="false"]').waitFor();
    await sup.app.getByRole('link', { name: /^QA on / }).waitFor();
    const accepted = (await sandbox.runtime.runAs('alpha', () => kvsConnections.listForProject('SUP'))).find((c) => c.partnerProject === 'QA');
    const invited = (await sandbox.runtime.runAs('beta', () => kvsConnections.listForProject('QA'))).find((c) => c.partnerProject === 'SUP');
    expect(accepted?.id).toBeDefined();
    expect(invited?.id).toBe(accepted?.id);
    await shot(sup.page, '30-cross-site');
    await shot(qa.page, '31-cross-site-partner');
    await sup.page.close();
    await qa.page.close();
  });

  it('shows the demo sync’s Health, Errors (retried once mended) and Audit', async () => {
    const { page, app } = await openSettings('alpha', 'SUP');
    await openSync(app, 'DEV on beta', 'Health');
    await app.getByRole('button', { name: 'Refresh health' }).waitFor();
    await app.getByRole('img', { name: /^Activity over the last 24 hours/ }).waitFor();
    await shot(page, '40-health');

    // An error on beta: alpha no longer knows the key beta signs with, so it refuses beta's next change.
    const creds = await sandbox.runtime.runAs('alpha', async () => ({ summary: (await kvsConnections.get(DEMO))!, key: (await kvsConnections.signingKey(DEMO))!, url: (await kvsConnections.partnerInboxUrl(DEMO))! }));
    await sandbox.runtime.runAs('alpha', () => kvsConnections.save(creds.summary, { signingKey: 'YnJva2VuLWtleS1icm9rZW4ta2V5LWJyb2tlbi1rZXktMQ', partnerInboxUrl: creds.url }));
    const pair: Pair = (await sandbox.runtime.runAs('beta', () => kvsPairs.list(DEMO, { limit: 1 }))).pairs[0]!;
    expect((await rest('beta')('PUT', `/rest/api/3/issue/${pair.localIssueKey}`, { fields: { labels: ['settings-retry'] } })).status).toBe(204);
    await until('the refusal to be parked', async () => (await sandbox.runtime.runAs('beta', () => kvsSyncState.listParked(DEMO))).length > 0);

    const dev = await openSettings('beta', 'DEV');
    await openSync(dev.app, 'SUP on alpha', /^Errors/);
    const table = dev.app.getByRole('table', { name: 'Sync errors' });
    await table.waitFor();
    const rows = table.getByRole('row').filter({ hasText: pair.localIssueKey });
    await expect(rows.count()).resolves.toBeGreaterThan(0);
    await dev.app.getByRole('tab', { name: /^Errors \(\d+\)$/ }).waitFor();
    await rows.first().getByRole('button', { name: new RegExp(`^Retry the .* change of ${pair.localIssueKey}`) }).waitFor();
    await shot(dev.page, '41-errors');

    await sandbox.runtime.runAs('alpha', () => kvsConnections.save(creds.summary, { signingKey: creds.key, partnerInboxUrl: creds.url }));
    await dev.app.getByRole('button', { name: 'Retry all' }).click();
    await dev.app.getByRole('region', { name: 'Notifications' }).getByRole('status').first().waitFor();
    await until('the retried change on alpha', async () => JSON.stringify(sandbox.emulator.site('alpha').issue(pair.partnerIssueKey)!.fields['labels']) === '["settings-retry"]');
    await dev.app.getByRole('button', { name: 'Refresh errors' }).click();
    await table.waitFor({ state: 'detached' });
    await shot(dev.page, '41-errors-retried');
    await dev.page.close();

    await app.getByRole('tab', { name: 'Audit' }).click();
    const audit = app.getByRole('table', { name: 'Audit log' });
    await audit.waitFor();
    const configRow = audit.getByRole('row').filter({ hasText: 'Ada Admin' }).filter({ hasText: 'Customer' });
    await expect(configRow.count()).resolves.toBeGreaterThan(0);
    await shot(page, '42-audit');
    const all = await audit.getByRole('row').count();
    await app.getByRole('textbox', { name: 'Filter' }).fill('Customer');
    await app.getByText(/ of \d+ loaded entries match\./).waitFor();
    const filtered = await audit.getByRole('row').count();
    expect(filtered).toBeGreaterThan(1); // the header row and at least one entry
    expect(filtered).toBeLessThan(all);
    await shot(page, '43-audit-filtered');
    await page.close();
  });

  it('refuses a project member who is not an admin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    expect((await page.goto(settingsPageUrl(forgeOrigin, 'alpha', 'SUP', 'lockstep-settings', 'sam')))?.status()).toBe(200);
    const app = page.frameLocator('iframe[title="Lockstep"]');
    await app.getByRole('alert').filter({ hasText: 'Only administrators of this project can configure Lockstep.' }).waitFor({ timeout: 15_000 });
    await expect(app.getByRole('alert').textContent()).resolves.toMatch(/^Fix this: /);
    await expect(app.getByRole('button', { name: 'Create sync' }).count()).resolves.toBe(0);
    await shot(page, '50-refused');
    await page.close();
    expect(problems).toEqual([]);
  });
});
