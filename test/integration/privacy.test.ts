/**
 * Personal data reporting end to end through the local Forge runtime: the real `privacy.reportPersonalData`
 * of @forge/api posting to the sandbox's reporting API (sandbox/forge/privacy.ts), the production KVS
 * adapters, and the hourly scheduled trigger of manifest.yml. The Forge adapters pass the same contracts as
 * the fakes; an account closed on the site is erased from alpha's storage by the next scheduled run; open
 * accounts are left alone; a 429 is waited out and the same batch sent again the next run.
 */
import { MetadataField, kvs } from '@forge/kvs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../sandbox/jira/sites';
import { SyncMessage } from '../../src/domain/sync/message';
import { DELETED_ACCOUNT } from '../../src/engine/privacy/accounts';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsAudit } from '../../src/forge/adapters/kvs-health';
import { kvsJobs } from '../../src/forge/adapters/kvs-jobs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { forgeReporter } from '../../src/forge/adapters/privacy-reporter';
import { kvsAuditRecords, kvsPrivacyLedger } from '../../src/forge/adapters/privacy-store';
import { auditRecordsContract, personalDataReporterContract, privacyLedgerContract } from '../../src/ports/contracts/privacy.contract';
import type { AuditEntry } from '../../src/ports/health';
import type { Job } from '../../src/ports/jobs';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';
import { freshRuntimes } from '../support/fresh-runtime';

const C = 'sup-dev';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ADA = PEOPLE.ada.accountId;
const SAM = PEOPLE.sam.accountId;
const DANA = PEOPLE.dana.accountId;
const OMAR = PEOPLE.omar.accountId;

// ── the Forge adapters against the port contracts ─────────────────────────────────────────────

/** A fresh runtime (empty KVS, a reporting API with no account closed) per contract case, steps run as invocations on alpha. */
const fresh = freshRuntimes();

personalDataReporterContract('forgeReporter (@forge/api privacy.reportPersonalData, local runtime)', async () => {
  const { runtime, within } = await fresh();
  return { reporter: forgeReporter, world: runtime.accounts, within };
});
auditRecordsContract('kvsAuditRecords (Forge KVS)', async () => ({ audit: kvsAudit, records: kvsAuditRecords, within: (await fresh()).within }));
privacyLedgerContract('kvsPrivacyLedger (Forge KVS)', async () => ({ ledger: kvsPrivacyLedger, within: (await fresh()).within }));

describe('forgeReporter over the real @forge/api', () => {
  it('reads a 5xx as wait and send again (after its Retry-After, or five minutes), and a 400 as a batch never to send again', async () => {
    const { runtime, within } = await fresh();
    const batch = [{ accountId: OMAR, updatedAt: new Date().toISOString() }];
    runtime.accounts.failNext(503, 30);
    runtime.accounts.failNext(500);
    runtime.accounts.failNext(400);
    await within(async () => {
      expect(await forgeReporter.report(batch)).toMatchObject({ kind: 'retry', afterSeconds: 30, reason: expect.stringContaining('HTTP 503') });
      expect(await forgeReporter.report(batch)).toMatchObject({ kind: 'retry', afterSeconds: 300 });
      expect(await forgeReporter.report(batch)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('HTTP 400') });
      expect(await forgeReporter.report(batch)).toEqual({ kind: 'answered', updates: [] });
    });
    expect(runtime.accounts.requests.map((r) => r.status)).toEqual([503, 500, 400, 204]);
  });
});

// ── the scheduled run on a running sync ───────────────────────────────────────────────────────

describe('personal data reporting, alpha SUP ↔ beta DEV', () => {
  let h: SyncHarness;
  beforeAll(async () => { h = await startSyncHarness([{ id: C, a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], undefined, { appTime: 'sandbox' }); });
  afterAll(async () => { await h?.close(); });

  const alpha = <T>(fn: () => Promise<T>) => h.runtime.runAs('alpha', fn);
  const iso = (ms: number) => new Date(ms).toISOString();

  async function settings(functionKey: string, payload: unknown): Promise<any> {
    const outcome = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId: ADA, functionKey, payload, context: { extension: { project: { key: 'SUP' } } } });
    if (outcome.status !== 'ok') throw outcome.error;
    return outcome.value;
  }

  /** One hour of sandbox time (or none: only what is overdue runs): twelve ticks and one hourly personal data run per installation. Answers alpha's runs. */
  async function hour(ms = HOUR): Promise<any[]> {
    const from = h.runtime.invocations.length;
    await h.runtime.advance(ms);
    await h.runtime.idle();
    const runs = h.runtime.invocations.slice(from).filter((i) => i.installation === 'alpha' && i.functionKey === 'privacy-report');
    expect(runs.map((r) => r.status)).toEqual(['ok']);
    return runs.map((r) => r.result);
  }

  const requestsOfAlpha = () => h.runtime.accounts.requests.filter((r) => r.installation === 'alpha');
  const held = () => JSON.stringify(h.runtime.installation('alpha').kvs.inventory());

  function job(id: string, startedBy: string): Job {
    const at = iso(h.clock.now() - DAY);
    return { id, connectionId: C, kind: 'resync', state: 'done', step: 4, startedAt: at, updatedAt: at, finishedAt: at, startedBy, done: 3, total: 3, params: {}, cursor: null, error: null, problems: [], summary: '3 issues', cancelRequested: false };
  }

  function commentBy(author: string, issueId: string): SyncMessage {
    const at = h.clock.now() - 2 * DAY;
    return SyncMessage.parse({
      v: 1, type: 'sync', messageId: `${issueId}-1`, connectionId: C, origin: { side: 'SUP', issueId, issueKey: `SUP-${issueId}` }, seq: 1, at,
      change: { kind: 'comment', commentId: '77001', author: { accountId: author, email: 'someone@lockstep.test', displayName: 'Someone' }, created: iso(at), body: doc('a comment the partner refused') },
    });
  }

  async function auditOfAlpha(): Promise<Array<{ key: string; entry: AuditEntry }>> {
    const out: Array<{ key: string; entry: AuditEntry }> = [];
    let cursor: string | undefined;
    do {
      const page = await alpha(() => kvsAuditRecords.page(cursor, 100));
      out.push(...page.records.map((r) => ({ key: r.key, entry: r.value as AuditEntry })));
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  const expireTimeOf = (key: string) => alpha(async () => (await kvs.get<unknown>(key, { metadataFields: [MetadataField.EXPIRE_TIME] }))?.expireTime);

  it('erases an account closed on the site from configuration, audit log, jobs, errors and deferred events at the next scheduled run, and leaves open accounts alone', async () => {
    // An admin maps Omar in the user table, as the default user and as the assignee's default.
    const { config } = await settings('getSyncConfig', { connectionId: C });
    const fields = config.fields.some((f: any) => f.kind === 'system' && f.field === 'assignee')
      ? config.fields.map((f: any) => (f.kind === 'system' && f.field === 'assignee' ? { ...f, default: OMAR } : f))
      : [...config.fields, { kind: 'system', field: 'assignee', direction: 'both', default: OMAR }];
    const users = { strategy: 'table', table: [{ local: ADA, partner: DANA }, { local: OMAR, partner: SAM }], defaultUser: OMAR };
    expect(await settings('saveSyncConfig', { connectionId: C, config: { ...config, users, fields } })).toMatchObject({ saved: true });
    // Omar started a job; an error and a deferred product event name him; Sam has the same kinds of records.
    const soon = h.clock.now() + 55 * 60_000; // deferred just before the run, so the tick's redelivery leaves them waiting
    const samsJob = job('j-sam', SAM);
    await alpha(async () => {
      await kvsAudit.record({ connectionId: C, at: iso(h.clock.now() - DAY), actor: OMAR, action: 'job.started', target: null, detail: 'resync job j-omar started' });
      await kvsJobs.put(job('j-omar', OMAR));
      await kvsJobs.put(samsJob);
      await kvsSyncState.park({ connectionId: C, direction: 'out', message: commentBy(OMAR, '990101'), reason: 'partner refused with 400', at: iso(h.clock.now() - DAY) });
      await kvsSyncState.park({ connectionId: C, direction: 'out', message: commentBy(SAM, '990102'), reason: 'partner refused with 400', at: iso(h.clock.now() - DAY) });
      await kvsSyncState.putDeferredEvent(`${soon}-omar`, { eventType: 'avi:jira:updated:issue', atlassianId: SAM, issue: { id: '990103', key: 'SUP-990103', fields: { assignee: { accountId: OMAR, displayName: 'Omar Outsider' } } } });
      await kvsSyncState.putDeferredEvent(`${soon}-sam`, { eventType: 'avi:jira:updated:issue', atlassianId: SAM, issue: { id: '990104', key: 'SUP-990104', fields: {} } });
    });
    const omarEntry = (await auditOfAlpha()).find((r) => r.entry.actor === OMAR)!;
    const expiresAt = await expireTimeOf(omarEntry.key);
    const adaEntries = (await auditOfAlpha()).filter((r) => r.entry.actor === ADA);
    expect(held()).toContain(OMAR);

    h.runtime.accounts.close(OMAR);
    const [run] = await hour();

    expect(run).toMatchObject({ phase: 'idle', counts: { closed: 1, erased: { configs: 1, audit: 2, jobs: 1, parked: 1, deferred: 1 } } });
    const [request] = requestsOfAlpha();
    expect(request).toMatchObject({ status: 200 });
    expect(request!.accounts.map((a) => a.accountId).sort()).toEqual([ADA, SAM, DANA, OMAR].sort());
    expect(requestsOfAlpha()).toHaveLength(1);

    // Nothing alpha stores names Omar any more: not a key, not a value.
    expect(held()).not.toContain(OMAR);
    const after = (await alpha(() => kvsConnections.config(C)))!;
    expect(after.users).toEqual({ strategy: 'table', table: [{ local: ADA, partner: DANA }], defaultUser: null });
    expect(after.fields.find((f) => f.kind === 'system' && f.field === 'assignee')!.default).toBeNull();
    const audit = await auditOfAlpha();
    expect(audit.find((r) => r.key === omarEntry.key)!.entry).toMatchObject({ actor: DELETED_ACCOUNT, action: 'job.started', detail: 'resync job j-omar started' });
    expect(audit.map((r) => r.entry)).toContainEqual(expect.objectContaining({ actor: 'lockstep', action: 'config.changed', detail: 'Removed 1 user table row, the default user, the default of field "Assignee": Atlassian reported the account closed' }));
    // Ada's own change keeps its actor; only Omar's id in its lines is replaced.
    for (const { key, entry } of adaEntries) {
      const now = audit.find((r) => r.key === key)!.entry;
      expect(now).toEqual({ ...entry, detail: entry.detail.replaceAll(OMAR, DELETED_ACCOUNT) });
    }
    // Rewritten in place, it still lapses when it would have: 90 days after it was first written.
    const expiresAfter = await expireTimeOf(omarEntry.key);
    expect(Date.parse(expiresAt!) - Date.parse(expiresAfter!)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(expiresAt!) - Date.parse(expiresAfter!)).toBeLessThan(1000);

    expect((await alpha(() => kvsJobs.get(C, 'j-omar')))!.startedBy).toBe(DELETED_ACCOUNT);
    expect(await alpha(() => kvsJobs.get(C, 'j-sam'))).toEqual(samsJob);
    expect((await alpha(() => kvsSyncState.listParked(C))).map((p) => p.message.messageId)).toEqual(['990102-1']);
    expect(await alpha(() => kvsSyncState.pendingDeferredEvents(10))).toEqual([`${soon}-sam`]);
    // Jira shows a closed account as a former user.
    expect(h.emulator.site('alpha').users.get(OMAR)).toMatchObject({ active: false, displayName: 'Former user', emailAddress: null });

    // The next hour's run finds the cycle done: nothing is reported again before 7 days.
    const [idle] = await hour();
    expect(idle).toMatchObject({ phase: 'idle', steps: 0 });
    expect(requestsOfAlpha()).toHaveLength(1);
  });

  it('waits out a 429 and sends the same batch at the next run, losing nothing gathered', async () => {
    // A week on, without running every tick in between: the overdue hourly run starts the next cycle.
    h.clock.advance(7 * DAY);
    h.runtime.accounts.close(DANA);
    h.runtime.accounts.throttleNext(120);

    const [paused] = await hour(0);
    expect(paused).toMatchObject({ phase: 'report', counts: { reported: 0 }, waitingUntil: iso(h.clock.now() + 120_000) });
    const throttled = requestsOfAlpha().at(-1)!;
    expect(throttled.status).toBe(429);
    expect(throttled.accounts.map((a) => a.accountId)).toContain(DANA);
    expect((await alpha(() => kvsConnections.config(C)))!.users.table).toEqual([{ local: ADA, partner: DANA }]);
    // What the cycle gathered is kept for the retry.
    const ledger = await alpha(() => kvsPrivacyLedger.page(undefined, 100));
    expect(ledger.entries.map((e) => e.accountId).sort()).toEqual([ADA, SAM, DANA].sort());

    const [resumed] = await hour();
    expect(resumed).toMatchObject({ phase: 'idle', counts: { reported: throttled.accounts.length, closed: 1, erased: { configs: 1 } } });
    const retried = requestsOfAlpha().at(-1)!;
    expect(retried).toEqual({ ...throttled, status: 200 });
    expect((await alpha(() => kvsConnections.config(C)))!.users.table).toEqual([]);
    expect(held()).not.toContain(DANA);
  });
});
