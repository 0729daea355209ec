/**
 * Data protection and licensing end to end, alpha SUP ↔ beta DEV through the local Forge runtime: what an
 * inactive license stops and what it leaves working, that only partner web triggers are ever fetched or
 * stored, that jobs, texts, audit entries and errors expire, and that deleting a sync leaves no record of
 * it on either site but the one audit entry saying who deleted it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../sandbox/jira/sites';
import { SyncMessage } from '../../src/domain/sync/message';
import { forgeConnectionsDeps } from '../../src/forge/adapters/connections-deps';
import { kvsAudit } from '../../src/forge/adapters/kvs-health';
import { kvsJobs, kvsTexts } from '../../src/forge/adapters/kvs-jobs';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { partnerFetch } from '../../src/forge/adapters/partner-fetch';
import { onAppInstalled, onAppUpgraded } from '../../src/forge/index';
import { scheduledTick, sweepNow } from '../../src/forge/scheduled/tick';
import { doc, type Person } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

const C = 'sup-dev';
const DAY = 86_400_000;
type Site = 'alpha' | 'beta';
const PROJECT: Record<Site, string> = { alpha: 'SUP', beta: 'DEV' };
const INACTIVE = { active: false, isActive: false };

let h: SyncHarness;
beforeAll(async () => { h = await startSyncHarness([{ id: C, a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]); });
afterAll(async () => { await h?.close(); });

async function settings(site: Site, functionKey: string, payload: unknown = {}, who: Person = 'ada'): Promise<any> {
  const outcome = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId: PEOPLE[who].accountId, functionKey, payload, context: { extension: { project: { key: PROJECT[site] } } } });
  if (outcome.status !== 'ok') throw outcome.error;
  return outcome.value;
}

async function panel(site: Site, issueKey: string, functionKey: string, payload: unknown = {}): Promise<any> {
  const outcome = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-sync-info', accountId: PEOPLE.ada.accountId, functionKey, payload, context: { extension: { issue: { key: issueKey } } } });
  if (outcome.status !== 'ok') throw outcome.error;
  return outcome.value;
}

async function createOnAlpha(summary: string): Promise<{ id: string; key: string }> {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary } });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

/** A resolver's error payload, if it answered with one (a job's own `error: null` is not one). */
const refusal = (answer: any): unknown => (answer && typeof answer.error === 'object' && answer.error !== null ? answer.error : undefined);
const setLicense = (site: Site, license: Record<string, unknown> | undefined) => { h.runtime.installation(site).license = license; };
const results = (from: number, functionKey: string) => h.runtime.invocations.slice(from).filter((i) => i.functionKey === functionKey).map((i) => i.result);

/** Every record of the installation that names the connection: KVS keys and values, secrets by key, entity items. */
function recordsOf(site: Site, id: string) {
  const all = h.runtime.installation(site).kvs.inventory();
  const names = (key: string, value: unknown) => key.includes(id) || JSON.stringify(value ?? null).includes(`"${id}"`);
  return {
    kvs: all.kvs.filter((r) => names(r.key, r.value)),
    secrets: all.secrets.filter((key) => key.includes(id)),
    entities: all.entities.filter((r) => names(r.key, r.value)),
  };
}

/** The key families present, `audit` for `audit:sup-dev:…`, `text:upload` for `text:upload:sup-dev:…`. */
function families(keys: string[], id: string): string[] {
  return [...new Set(keys.map((key) => key.slice(0, key.indexOf(`:${id}`)) || key))].sort();
}

function oldMessage(issueId: string, seq: number, at: number): SyncMessage {
  return SyncMessage.parse({
    v: 1, type: 'sync', messageId: `${issueId}-${seq}`, connectionId: C, origin: { side: 'SUP', issueId, issueKey: `SUP-${issueId}` }, seq, at,
    change: { kind: 'comment', commentId: '77001', author: { accountId: PEOPLE.sam.accountId, email: 'sam@lockstep.test', displayName: 'Sam' }, created: new Date(at).toISOString(), body: doc('an old comment') },
  });
}

describe('an inactive license', () => {
  it('stops capture, apply, jobs and changes; keeps reading, stopping and deleting; resumes on renewal', async () => {
    const paired = await createOnAlpha('Synced before the lapse');
    await h.settle();
    const pair = await h.runtime.runAs('alpha', () => kvsPairs.byLocal(C, paired.id));
    expect(pair).toBeDefined();

    setLicense('alpha', INACTIVE);
    const from = h.runtime.invocations.length;
    // Reads and exports still answer; a change is refused with a 402 that says what to do.
    expect((await settings('alpha', 'getSettings')).syncs).toEqual([expect.objectContaining({ id: C })]);
    expect(refusal(await settings('alpha', 'exportSyncConfig', { connectionId: C }))).toBeUndefined();
    expect(await settings('alpha', 'createInvitation')).toEqual({ error: { status: 402, code: 'license-inactive', message: expect.stringContaining('license on this site is not active') } });
    expect(await settings('alpha', 'startResync', { connectionId: C, jql: '', fields: ['summary'], direction: 'to-partner' })).toMatchObject({ error: { status: 402 } });
    expect(refusal(await panel('alpha', paired.key, 'getIssueSync'))).toBeUndefined();
    expect(await panel('alpha', paired.key, 'resyncIssue', { syncId: C })).toMatchObject({ error: { status: 402 } });

    // A change on alpha is not captured; a change on beta is refused by alpha's inbox and parked on beta.
    const unsynced = await createOnAlpha('Made while unlicensed');
    expect((await h.rest('beta')('POST', `/rest/api/3/issue/${pair!.partnerIssueId}/comment`, { body: doc('Sent while alpha is unlicensed') })).status).toBe(201);
    await h.settle();
    expect(results(from, 'product-event')).toContainEqual({ skipped: 'license-inactive' });
    expect(await h.runtime.runAs('alpha', () => kvsPairs.byLocal(C, unsynced.id))).toBeUndefined();
    const parked = await h.runtime.runAs('beta', () => kvsSyncState.listParked(C));
    expect(parked).toEqual([expect.objectContaining({ direction: 'out', reason: expect.stringMatching(/^partner refused with 402: .*license on this site is not active/) })]);

    // Stopping is allowed, starting is not.
    expect(refusal(await settings('alpha', 'setConnectionState', { connectionId: C, state: 'paused' }))).toBeUndefined();
    expect(await settings('alpha', 'setConnectionState', { connectionId: C, state: 'running' })).toMatchObject({ error: { status: 402 } });

    setLicense('alpha', { active: true, isActive: true });
    expect(refusal(await settings('alpha', 'setConnectionState', { connectionId: C, state: 'running' }))).toBeUndefined();
    // Beta's admin retries the parked comment once alpha is licensed again: it applies.
    const retried = await settings('beta', 'actOnSyncError', { connectionId: C, action: 'retry', direction: 'out', messageId: parked[0]!.message.messageId });
    expect(refusal(retried)).toBeUndefined();
    await h.settle();
    expect(await h.runtime.runAs('beta', () => kvsSyncState.listParked(C))).toEqual([]);
    const comments = (await h.rest('alpha')('GET', `/rest/api/3/issue/${paired.id}/comment`)).body.comments as Array<{ body: unknown }>;
    expect(JSON.stringify(comments)).toContain('Sent while alpha is unlicensed');
  });

  it('is absent for a free app or a development install, which runs fully', async () => {
    setLicense('alpha', undefined);
    expect(refusal(await settings('alpha', 'startResync', { connectionId: C, jql: '', fields: ['summary'], direction: 'to-partner' }))).toBeUndefined();
    setLicense('alpha', { active: true, isActive: true });
    await h.settle();
  });
});

describe('egress', () => {
  it('posts only to partner web triggers, and stores no other inbox', async () => {
    const evil = 'https://evil.example/x1/abcdefghijklmnop';
    await expect(h.runtime.runAs('alpha', () => partnerFetch.post(evil, '{}', {}))).rejects.toThrow(/only talks to partner web triggers.*not a Forge web trigger host/);
    await expect(h.runtime.runAs('alpha', () => partnerFetch.post('http://127.0.0.1:9/x1/abcdefghijklmnop', '{}', {}))).rejects.toThrow(/not https/);
    const own = h.runtime.webTriggerUrl('alpha', 'partner-inbox');
    await expect(h.runtime.runAs('alpha', () => partnerFetch.post(`${own}?redirect=${evil}`, '{}', {}))).rejects.toThrow(/query or fragment/);

    const summary = { id: 'evil-1', localProjectKey: 'SUP', partnerSite: 'https://evil.example', partnerProject: 'EVL', state: 'draft' as const, pairs: 0, lastActivity: null, openErrors: 0 };
    const deps = () => forgeConnectionsDeps(h.runtime.installation('alpha').contextAri);
    await expect(h.runtime.runAs('alpha', () => deps().connections.save(summary, { signingKey: 'k'.repeat(43), partnerInboxUrl: evil }))).rejects.toMatchObject({ status: 400 });
    expect(recordsOf('alpha', 'evil-1')).toEqual({ kvs: [], secrets: [], entities: [] });
    // The partner's real inbox (on the local runtime's own origin) is stored as before.
    await h.runtime.runAs('alpha', () => deps().connections.save({ ...summary, id: 'fine-1' }, { signingKey: 'k'.repeat(43), partnerInboxUrl: h.runtime.webTriggerUrl('beta', 'partner-inbox') }));
    await h.runtime.runAs('alpha', () => deps().connections.remove('fine-1'));
  });
});

describe('retention', () => {
  it('expires jobs, their texts and audit entries 90 days after their last write', async () => {
    const at = new Date().toISOString();
    const job = { id: 'old-job', connectionId: C, kind: 'resync' as const, state: 'done' as const, step: 3, startedAt: at, updatedAt: at, finishedAt: at, startedBy: PEOPLE.ada.accountId, done: 1, total: 1, params: {}, cursor: null, error: null, problems: [], summary: 'ok', cancelRequested: false };
    await h.runtime.runAs('alpha', async () => {
      await kvsJobs.put(job);
      await kvsTexts.put(`report:${C}:old-job`, 'x'.repeat(70_000));
      await kvsAudit.record({ connectionId: C, at, actor: PEOPLE.ada.accountId, action: 'config.changed', target: null, detail: 'an old change' });
    });
    h.clock.advance(89 * DAY);
    expect(await h.runtime.runAs('alpha', () => kvsJobs.get(C, 'old-job'))).toBeDefined();
    expect(await h.runtime.runAs('alpha', () => kvsTexts.get(`report:${C}:old-job`))).toHaveLength(70_000);
    h.clock.advance(2 * DAY);
    expect(await h.runtime.runAs('alpha', () => kvsJobs.get(C, 'old-job'))).toBeUndefined();
    expect(await h.runtime.runAs('alpha', () => kvsTexts.get(`report:${C}:old-job`))).toBeUndefined();
    expect(h.runtime.installation('alpha').kvs.inventory().kvs.filter((r) => r.key.startsWith(`text:report:${C}:old-job`))).toEqual([]);
    expect((await h.runtime.runAs('alpha', () => kvsAudit.list(C, { limit: 100 }))).entries.map((e) => e.detail)).not.toContain('an old change');
  });

  it('skips errors left unresolved for 90 days, once a day from the tick', async () => {
    const old = Date.now() - 100 * DAY;
    await h.runtime.runAs('alpha', () => kvsSyncState.park({ connectionId: C, direction: 'out', message: oldMessage('990001', 1, old), reason: 'partner refused with 400', at: new Date(old).toISOString() }));
    await h.runtime.runAs('alpha', () => kvsSyncState.park({ connectionId: C, direction: 'out', message: oldMessage('990002', 1, Date.now()), reason: 'partner refused with 400', at: new Date().toISOString() }));

    const ticks = [await h.runtime.runAs('alpha', () => scheduledTick(true)), await h.runtime.runAs('alpha', () => scheduledTick(true))];
    // One sweep a day: of two ticks in a row, at most the first claims it.
    expect(ticks[1]!.retention).toBeUndefined();
    expect(await h.runtime.runAs('alpha', () => scheduledTick(false))).toEqual({ unfinished: 0, revived: 0, skipped: 'license-inactive' });
    const swept = await h.runtime.runAs('alpha', () => sweepNow());
    expect(swept.errorsExpired + (ticks[0]!.retention?.errorsExpired ?? 0)).toBe(1);
    expect((await h.runtime.runAs('alpha', () => kvsSyncState.listParked(C))).map((p) => p.message.messageId)).toEqual(['990002-1']);
    const audit = (await h.runtime.runAs('alpha', () => kvsAudit.list(C, { limit: 100 }))).entries;
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'lockstep', action: 'message.skipped', target: 'SUP-990001', detail: expect.stringContaining('expired unresolved after 90 days') }));
    await h.settle();
  });

  it('runs the sweep on a major upgrade and stores nothing on install', async () => {
    const before = h.runtime.installation('alpha').kvs.inventory().kvs.length;
    const event = { id: h.runtime.installation('alpha').id, installerAccountId: PEOPLE.ada.accountId, app: { id: 'app', version: '2.0.0' } };
    expect(await h.runtime.runAs('alpha', () => onAppInstalled(event))).toEqual({ event: 'installed', version: '2.0.0' });
    expect(h.runtime.installation('alpha').kvs.inventory().kvs.length).toBe(before);
    expect(await h.runtime.runAs('alpha', () => onAppUpgraded({ ...event, upgraderAccountId: PEOPLE.ada.accountId }, { license: { active: true } }))).toMatchObject({ event: 'upgraded', retention: { connections: expect.any(Number) } });
    expect(await h.runtime.runAs('alpha', () => onAppUpgraded(event, { license: INACTIVE }))).toEqual({ event: 'upgraded', version: '2.0.0' });
  });
});

describe('deleting a sync', () => {
  it('leaves no record of it on either site but the audit entry that says who deleted it', async () => {
    // Data of every kind: pairs, stamps and object pairs (an issue with a comment both ways), a job and an upload, a parked and a retried error.
    const issue = await createOnAlpha('Deleted with the sync');
    await h.settle();
    const pair = await h.runtime.runAs('alpha', () => kvsPairs.byLocal(C, issue.id));
    expect((await h.rest('alpha')('POST', `/rest/api/3/issue/${issue.id}/comment`, { body: doc('From alpha') })).status).toBe(201);
    expect((await h.rest('beta')('POST', `/rest/api/3/issue/${pair!.partnerIssueId}/comment`, { body: doc('From beta') })).status).toBe(201);
    expect(await settings('alpha', 'uploadPairFile', { connectionId: C, text: `${issue.key},${pair!.partnerIssueKey}\n` })).toHaveProperty('uploadId');
    expect(refusal(await settings('alpha', 'startResync', { connectionId: C, jql: '', fields: ['summary'], direction: 'to-partner' }))).toBeUndefined();
    await h.settle();
    await h.runtime.runAs('alpha', async () => {
      await kvsSyncState.park({ connectionId: C, direction: 'in', message: oldMessage('990003', 1, Date.now()), reason: 'Jira refused', at: new Date().toISOString() });
      await kvsSyncState.park({ connectionId: C, direction: 'in', message: oldMessage('990004', 1, Date.now()), reason: 'Jira refused', at: new Date().toISOString() });
      await kvsSyncState.unpark(C, 'in', '990004-1', true);
    });

    const before = { alpha: recordsOf('alpha', C), beta: recordsOf('beta', C) };
    expect(families(before.alpha.kvs.map((r) => r.key), C)).toEqual(expect.arrayContaining([
      'applied', 'attempts', 'audit', 'connection:SUP', 'connection-config', 'connection-endpoint', 'connection-project', 'job', 'obj', 'parked', 'seq', 'seqclaim', 'stamps', 'text:upload',
    ]));
    expect(families(before.beta.kvs.map((r) => r.key), C)).toEqual(expect.arrayContaining(['applied', 'audit', 'connection:DEV', 'obj', 'seq', 'stamps']));
    for (const site of ['alpha', 'beta'] as const) {
      expect(before[site].secrets).toContain(`connection-signing-key:${C}`);
      expect(new Set(before[site].entities.map((e) => e.entity))).toEqual(new Set(['pair', 'health']));
    }

    expect(await settings('alpha', 'deleteConnection', { connectionId: C })).toMatchObject({ deleted: C, partner: { notified: true } });
    await h.settle();

    for (const site of ['alpha', 'beta'] as const) {
      const after = recordsOf(site, C);
      expect(after.secrets, site).toEqual([]);
      expect(after.entities, site).toEqual([]);
      expect(after.kvs.map((r) => ({ family: families([r.key], C)[0], action: (r.value as { action?: string }).action })), site).toEqual([{ family: 'audit', action: 'connection.deleted' }]);
    }
  });
});
