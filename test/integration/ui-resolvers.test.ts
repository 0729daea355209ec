/**
 * The resolvers the settings page and the Sync info panel call, end to end on two sites: every settings
 * resolver refuses a non-admin before acting, the catalogs come from both sides (the partner's over the
 * signed catalog channel), and the panel's actions (Sync this issue, Pair, Resync, Retry) do what they say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionResolvers } from '../../src/forge/resolvers/connections';
import { syncAdminResolvers } from '../../src/forge/resolvers/sync-admin';
import { migrationResolvers } from '../../src/forge/resolvers/migration';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { PEOPLE } from '../../sandbox/jira/sites';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], (emulator) => {
    // OPS: administered by Ada, Sam a member; QA: Ada is only a member.
    emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', description: 'Ops.', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId], admins: [PEOPLE.ada.accountId] });
    emulator.site('alpha').addProject({ key: 'QA', name: 'Quality', description: 'QA.', template: 'software', leadAccountId: PEOPLE.dana.accountId, members: [PEOPLE.ada.accountId], admins: [PEOPLE.dana.accountId] });
  });
});
afterAll(async () => { await h?.close(); });

type Who = keyof typeof PEOPLE;
async function settings(functionKey: string, payload: unknown = {}, who: Who = 'ada', project = 'SUP', site = 'alpha'): Promise<any> {
  const accountId = PEOPLE[who].accountId;
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}
async function panel(functionKey: string, issueKey: string, payload: unknown = {}, who: Who = 'sam', site = 'alpha'): Promise<any> {
  const accountId = PEOPLE[who].accountId;
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-sync-info', accountId, functionKey, payload, context: { accountId, extension: { issue: { key: issueKey } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}
const setState = (state: string) => settings('setConnectionState', { connectionId: 'sup-dev', state });
async function create(site: 'alpha' | 'beta', summary: string) {
  const res = await h.rest(site)('POST', '/rest/api/3/issue', { fields: { project: { key: site === 'alpha' ? 'SUP' : 'DEV' }, issuetype: { name: 'Task' }, summary } });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}
const summaryOf = async (site: string, key: string) => (await h.rest(site)('GET', `/rest/api/3/issue/${key}`)).body.fields.summary as string;

describe('settings resolvers refuse a non-admin, server-side, before doing anything', () => {
  const names = ['getSettings', ...Object.keys(connectionResolvers(async () => { throw new Error('unused'); })), ...Object.keys(syncAdminResolvers(async () => { throw new Error('unused'); })), ...Object.keys(migrationResolvers(async () => { throw new Error('unused'); }))];

  it('covers every resolver the settings page has', () => {
    expect(names.sort()).toEqual([
      'acceptInvitation', 'actOnSyncError', 'createInvitation', 'createSameSiteConnection', 'deleteConnection', 'getSettings', 'getSyncCatalog', 'getSyncConfig',
      'getSyncHealth', 'listSyncAudit', 'listSyncErrors', 'listSyncableProjects', 'retryAllSyncErrors', 'saveSyncConfig', 'setConnectionState',
      'exportSyncConfig', 'importSyncConfig', 'exportPairs', 'uploadPairFile', 'startPairPreview', 'getPairPreview', 'startPairApply', 'startResync',
      'startReconcile', 'getReconciliation', 'exportReconciliation', 'getSyncJob', 'cancelSyncJob', 'getMigrationStatus', 'startInitialSync',
    ].sort());
  });

  it.each([['sam', 'a project member'], ['omar', 'someone outside the project']] as const)('refuses %s (%s) on every one, and nothing changes', async (who, _role) => {
    const before = await h.runtime.runAs('alpha', async () => ({ summary: await kvsConnections.get('sup-dev'), config: await kvsConnections.config('sup-dev') }));
    const payloads: Record<string, unknown> = {
      acceptInvitation: { code: 'LSI1.x' }, createSameSiteConnection: { partnerProjectKey: 'OPS' }, setConnectionState: { connectionId: 'sup-dev', state: 'stopped' },
      deleteConnection: { connectionId: 'sup-dev' }, importSyncConfig: { connectionId: 'sup-dev', text: '{}' }, exportPairs: { connectionId: 'sup-dev', format: 'json' },
      uploadPairFile: { connectionId: 'sup-dev', text: 'SUP-1,DEV-1' }, startPairPreview: { connectionId: 'sup-dev', source: { match: 'key' } }, startResync: { connectionId: 'sup-dev', jql: '', fields: ['summary'], direction: 'to-partner' },
      saveSyncConfig: { connectionId: 'sup-dev', config: before.config }, actOnSyncError: { connectionId: 'sup-dev', action: 'retry', direction: 'in', messageId: '1-1' },
    };
    for (const name of names) {
      const answer = await settings(name, payloads[name] ?? { connectionId: 'sup-dev' }, who);
      expect(answer, name).toMatchObject({ error: { status: 403, message: 'Only administrators of this project can configure Lockstep.' } });
    }
    const after = await h.runtime.runAs('alpha', async () => ({ summary: await kvsConnections.get('sup-dev'), config: await kvsConnections.config('sup-dev') }));
    expect(after).toEqual(before);
  });

  it('trusts no project the browser names: an admin of SUP is asked about the project in the context, as themselves', async () => {
    // Ada administers SUP; Sam does not administer anything. A context naming SUP does not make Sam an admin.
    expect(await settings('getSyncConfig', { connectionId: 'sup-dev' }, 'sam', 'SUP')).toMatchObject({ error: { status: 403 } });
    // An admin asking through another project's page cannot reach SUP's sync: it answers as if there were none.
    expect(await settings('getSyncConfig', { connectionId: 'sup-dev' }, 'ada', 'OPS')).toMatchObject({ error: { status: 404, message: 'No sync sup-dev in project OPS.' } });
    // And a project Ada is only a member of is refused outright.
    expect(await settings('getSettings', {}, 'ada', 'QA')).toMatchObject({ error: { status: 403 } });
  });
});

describe('catalogs and configuration for the editor', () => {
  it('gives both projects’ catalogs, the partner’s read by beta itself over the signed channel', async () => {
    h.exchanges.length = 0;
    const data = await settings('getSyncCatalog', { connectionId: 'sup-dev' });
    expect(data.partnerError).toBeNull();
    expect(data.local.project).toEqual({ key: 'SUP', name: 'Support Desk' });
    expect(data.partner.project).toEqual({ key: 'DEV', name: 'Engineering' });
    expect(data.partner.site).toBe('beta');
    expect(data.partner.priorities).toContain('High');
    expect(data.partner.customFields.map((f: { name: string }) => f.name)).toContain('Customer');
    expect(data.partner.statuses.map((s: { name: string }) => s.name)).toContain('In Review');
    // beta's own app read DEV: the requests for DEV's statuses were made on beta.
    expect(h.exchanges.some((e) => e.site === 'beta' && e.path === '/rest/api/3/project/DEV/statuses')).toBe(true);
  });

  it('refuses an unsigned catalog request at the web trigger', async () => {
    const url = h.runtime.webTriggerUrl('beta', 'partner-inbox');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lockstep-channel': 'catalog', 'x-lockstep-connection': 'sup-dev', 'x-lockstep-timestamp': String(Date.now()), 'x-lockstep-signature': 'forged' }, body: JSON.stringify({ v: 1, connectionId: 'sup-dev' }) });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('DEV');
  });

  it('lists the other projects the admin administers for a same-site sync', async () => {
    expect(await settings('listSyncableProjects')).toEqual({ projects: [{ key: 'OPS', name: 'Operations' }] });
  });

  it('lists the sync with its direction summary', async () => {
    const data = await settings('getSettings');
    expect(data.syncs).toEqual([expect.objectContaining({ id: 'sup-dev', direction: 'Both ways', state: 'running' })]);
  });
});

describe('Sync info panel actions', () => {
  it('offers an unpaired issue, and "Sync this issue" creates its partner', async () => {
    await setState('paused');
    const issue = await create('alpha', 'Made while paused');
    await h.settle();
    await setState('running');
    const view = await panel('getIssueSync', issue.key);
    expect(view).toMatchObject({ syncs: [], offers: [{ syncId: 'sup-dev', partnerProject: 'DEV' }], canAct: true });
    expect(await panel('syncThisIssue', issue.key, { syncId: 'sup-dev' })).toEqual({ outcome: `${issue.key} sent to DEV; its partner issue is being created.` });
    await h.settle();
    const after = await panel('getIssueSync', issue.key);
    expect(after.offers).toEqual([]);
    expect(after.syncs).toEqual([expect.objectContaining({ syncId: 'sup-dev', partnerKey: expect.stringMatching(/^DEV-/), status: 'up-to-date' })]);
    expect(after.syncs[0].partnerUrl).toBe(`${h.emulator.site('beta').baseUrl}/browse/${after.syncs[0].partnerKey}`);
  });

  it('pairs with an existing partner issue, whose fields then take this issue’s values', async () => {
    await setState('paused');
    const mine = await create('alpha', 'Login page slow');
    const theirs = await create('beta', 'Investigate login latency');
    await h.settle();
    await setState('running');
    expect(await panel('pairWithExistingIssue', mine.key, { syncId: 'sup-dev', partnerKey: 'SUP-1' })).toMatchObject({ error: { status: 409, message: expect.stringContaining('not an issue of DEV') } });
    expect(await panel('pairWithExistingIssue', mine.key, { syncId: 'sup-dev', partnerKey: 'not a key' })).toMatchObject({ error: { status: 400, message: expect.stringContaining('partnerKey') } });
    expect((await panel('pairWithExistingIssue', mine.key, { syncId: 'sup-dev', partnerKey: theirs.key })).outcome).toContain(`Pairing ${mine.key} with ${theirs.key} requested`);
    await h.settle();
    const alphaPair = await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-dev', mine.id));
    const betaPair = await h.runtime.runAs('beta', () => kvsPairs.byLocal('sup-dev', theirs.id));
    expect(alphaPair).toMatchObject({ partnerIssueId: theirs.id, partnerIssueKey: theirs.key });
    expect(betaPair).toMatchObject({ partnerIssueId: mine.id, partnerIssueKey: mine.key });
    expect(await summaryOf('beta', theirs.key)).toBe('Login page slow');
  });

  it('refuses to pair with a partner issue that is already paired, and says why in the partner’s error list', async () => {
    await setState('paused');
    const first = await create('alpha', 'First claimant');
    const second = await create('alpha', 'Second claimant');
    const target = await create('beta', 'Claimed');
    await h.settle();
    await setState('running');
    await panel('pairWithExistingIssue', first.key, { syncId: 'sup-dev', partnerKey: target.key });
    await h.settle();
    await panel('pairWithExistingIssue', second.key, { syncId: 'sup-dev', partnerKey: target.key });
    await h.settle();
    expect(await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-dev', second.id))).toBeUndefined();
    expect(await summaryOf('beta', target.key)).toBe('First claimant');
    const errors = await settings('listSyncErrors', { connectionId: 'sup-dev' }, 'ada', 'DEV', 'beta');
    expect(errors).toEqual([expect.objectContaining({ issueKey: second.key, reason: `${target.key} is already paired with ${first.key}`, attempts: 1 })]);
    expect(await settings('actOnSyncError', { connectionId: 'sup-dev', action: 'skip', direction: 'in', messageId: errors[0].messageId }, 'ada', 'DEV', 'beta')).toEqual({ outcome: `${errors[0].messageId} skipped`, resolved: true });
  });

  it('refuses to pair with a partner issue outside the partner side\'s own filter, and says why there', async () => {
    await setState('paused');
    const mine = await create('alpha', 'Wants a partner');
    const excluded = await create('beta', 'Left out of the sync');
    await h.settle();
    const config = (await h.runtime.runAs('beta', () => kvsConnections.config('sup-dev')))!;
    await h.runtime.runAs('beta', () => kvsConnections.saveConfig('sup-dev', { ...config, advanced: { ...config.advanced, jql: 'labels = synced' } }));
    try {
      await setState('running');
      await panel('pairWithExistingIssue', mine.key, { syncId: 'sup-dev', partnerKey: excluded.key });
      await h.settle();
      expect(await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-dev', mine.id))).toBeUndefined();
      expect(await summaryOf('beta', excluded.key)).toBe('Left out of the sync');
      const errors = await settings('listSyncErrors', { connectionId: 'sup-dev' }, 'ada', 'DEV', 'beta');
      const refused = errors.find((e: { issueKey: string }) => e.issueKey === mine.key);
      expect(refused.reason).toBe(`${excluded.key} is outside this sync's filter here (labels = synced), so ${mine.key} cannot pair with it`);
      await settings('actOnSyncError', { connectionId: 'sup-dev', action: 'skip', direction: 'in', messageId: refused.messageId }, 'ada', 'DEV', 'beta');
    } finally {
      await h.runtime.runAs('beta', () => kvsConnections.saveConfig('sup-dev', config));
    }
  });

  it('resyncs a partner that drifted, and retries a change its partner refused once the cause is fixed', async () => {
    const issue = await create('alpha', 'Original summary');
    await h.settle();
    const pair = (await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-dev', issue.id)))!;
    // Drift: beta's copy changes behind Jira's back (no event, so nothing syncs it).
    h.emulator.site('beta').issue(pair.partnerIssueKey)!.fields['summary'] = 'Drifted';
    expect((await panel('resyncIssue', issue.key, { syncId: 'sup-dev' })).outcome).toBe(`Resync of ${issue.key} sent to ${pair.partnerIssueKey}.`);
    await h.settle();
    expect(await summaryOf('beta', pair.partnerIssueKey)).toBe('Original summary');

    // Break the link: beta no longer recognises alpha's signature, so it refuses the next change.
    const creds = await h.runtime.runAs('beta', async () => ({ summary: (await kvsConnections.get('sup-dev'))!, key: (await kvsConnections.signingKey('sup-dev'))!, url: (await kvsConnections.partnerInboxUrl('sup-dev'))! }));
    await h.runtime.runAs('beta', () => kvsConnections.save(creds.summary, { signingKey: 'd3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmc', partnerInboxUrl: creds.url }));
    expect((await h.rest('alpha')('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'Edited while broken' } })).status).toBe(204);
    await h.settle();
    const broken = await panel('getIssueSync', issue.key);
    expect(broken.syncs[0]).toMatchObject({ status: 'error', lastError: expect.stringContaining('partner refused with 401') });
    const health = await settings('getSyncHealth', { connectionId: 'sup-dev' });
    expect(health.openErrors).toBeGreaterThanOrEqual(1);
    expect(health.history.at(-1).failed).toBeGreaterThanOrEqual(1);

    await h.runtime.runAs('beta', () => kvsConnections.save(creds.summary, { signingKey: creds.key, partnerInboxUrl: creds.url }));
    expect((await panel('retryIssueSync', issue.key, { syncId: 'sup-dev' })).outcome).toBe(`1 failed change of ${issue.key} queued again.`);
    await h.settle();
    expect(await summaryOf('beta', pair.partnerIssueKey)).toBe('Edited while broken');
    expect((await panel('getIssueSync', issue.key)).syncs[0]).toMatchObject({ status: 'up-to-date', lastError: null });
  });

  it('refuses actions to someone who cannot browse the issue, and names a sync that is not running', async () => {
    const issue = await create('alpha', 'Guarded');
    await h.settle();
    for (const action of ['resyncIssue', 'retryIssueSync', 'syncThisIssue']) {
      expect(await panel(action, issue.key, { syncId: 'sup-dev' }, 'omar'), action).toMatchObject({ error: { status: 403 } });
    }
    expect(await panel('pairWithExistingIssue', issue.key, { syncId: 'sup-dev', partnerKey: 'DEV-1' }, 'omar')).toMatchObject({ error: { status: 403 } });
    await setState('paused');
    expect(await panel('resyncIssue', issue.key, { syncId: 'sup-dev' })).toMatchObject({ error: { status: 409, message: expect.stringContaining('is paused') } });
    await setState('running');
  });

  it('lists live numbers: the pairs the sync keeps, its open errors, its last activity', async () => {
    const stored = await h.runtime.runAs('alpha', async () => (await kvsPairs.list('sup-dev')).pairs.filter((p) => p.status !== 'deleted').length);
    const [row] = (await settings('getSettings')).syncs;
    expect(stored).toBeGreaterThanOrEqual(4);
    expect(row).toMatchObject({ pairs: stored, openErrors: 0, lastActivity: expect.any(String) });
  });
});
