/**
 * A migration job whose partner fails, end to end through the local Forge runtime: "sync existing issues"
 * from alpha to beta while beta is down for a while (the job waits, as long as beta's Retry-After asks,
 * and completes once beta is back), and while beta's side of the sync is deleted mid-job without alpha
 * hearing of it (the job ends failed, saying so, and is not retried). See docs/decisions/0020-partner-refusals.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsAudit } from '../../src/forge/adapters/kvs-health';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { PEOPLE } from '../../sandbox/jira/sites';
import { seedIssues } from '../support/seed';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness([
    { id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } },
    { id: 'ops-eng', a: { site: 'alpha', project: 'OPS' }, b: { site: 'beta', project: 'ENG' } },
  ], (emulator) => {
    for (const [site, key] of [['alpha', 'OPS'], ['beta', 'ENG']] as const) {
      emulator.site(site).addProject({ key, name: key, description: key, template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId], admins: [PEOPLE.ada.accountId] });
    }
  }, { appTime: 'sandbox' });
}, 60_000);
afterAll(async () => { await h?.close(); });

async function settings(site: string, project: string, functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const accountId = PEOPLE.ada.accountId;
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}
const jobView = (project: string, connectionId: string, jobId: string) => settings('alpha', project, 'getSyncJob', { connectionId, jobId });
const pairsOn = async (site: string, connectionId: string) => (await h.runtime.runAs(site, () => kvsPairs.list(connectionId, { limit: 1000 }))).pairs.length;
/** Steps of jobs run on alpha since invocation `from`. */
const jobRuns = (from: number) => h.runtime.invocations.slice(from).filter((i) => i.installation === 'alpha' && i.functionKey === 'jobs-consumer').length;
/** Lets `ms` of sandbox time pass, running whatever falls due. */
async function wait(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 5_000) {
    await h.runtime.advance(5_000);
    await h.runtime.idle();
  }
}
const N = 120;

describe('a migration job whose partner is down for a while', () => {
  it('waits as long as the partner asks, says why meanwhile, and completes once it is back', async () => {
    seedIssues(h.emulator.site('alpha'), 'SUP', N);
    let down = true;
    h.runtime.faults = {
      webtrigger: (site) => (site === 'beta' && down ? { respond: new Response(JSON.stringify({ error: 'Down for maintenance.' }), { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '120' } }) } : undefined),
    };
    try {
      const from = h.runtime.invocations.length;
      const started = await settings('alpha', 'SUP', 'startInitialSync', { connectionId: 'sup-dev' });
      expect(started, JSON.stringify(started)).toMatchObject({ kind: 'initial-sync', state: 'queued' });
      await h.runtime.idle();
      await wait(10 * 60_000);
      const waiting = await jobView('SUP', 'sup-dev', started.id);
      expect(waiting, h.trace(from)).toMatchObject({ state: 'running', done: 0 });
      expect(waiting.error).toMatch(/^Waiting to retry after [4-6] failed attempts since 2026-11-02T09:\d\d:\d\d\.\d{3}Z: DEV on beta could not answer the request to create copies of issues now \(HTTP 503: Down for maintenance\)\.$/);
      // Every two minutes, as beta's Retry-After asks, not every 30 seconds: the first try and five more in ten minutes.
      expect(jobRuns(from)).toBeLessThanOrEqual(6);
      expect(await pairsOn('alpha', 'sup-dev')).toBe(0);

      down = false;
      await h.settle();
      const done = await jobView('SUP', 'sup-dev', started.id);
      expect(done, done.error ?? h.trace(from)).toMatchObject({ state: 'done', error: null, done: N });
      expect(done.summary).toMatch(new RegExp(`^Shared ${N} issues: created ${N} on DEV; 0 already paired; .*0 failed\\.$`));
      expect(await pairsOn('alpha', 'sup-dev')).toBe(N);
      expect(await pairsOn('beta', 'sup-dev')).toBe(N);
    } finally {
      h.runtime.faults = undefined;
    }
  });
});

describe('a migration job whose partner deletes the sync mid-job', () => {
  it('ends failed, saying the partner no longer knows the sync and what to do, and is not retried', async () => {
    seedIssues(h.emulator.site('alpha'), 'OPS', N);
    // Beta answers the first request to create copies, then is briefly down: the job waits mid-step, 50 issues shared.
    let answered = 0;
    let down = false;
    h.runtime.faults = {
      webtrigger: (site) => {
        if (site !== 'beta') return undefined;
        if (answered++ >= 1) down = true;
        return down ? { respond: new Response('Service unavailable', { status: 503 }) } : undefined;
      },
    };
    let from = h.runtime.invocations.length;
    try {
      const started = await settings('alpha', 'OPS', 'startInitialSync', { connectionId: 'ops-eng' });
      await h.runtime.idle();
      const waiting = await jobView('OPS', 'ops-eng', started.id);
      expect(waiting.error, h.trace(from)).toMatch(/^Waiting to retry after 1 failed attempt since .*: ENG on beta could not answer the request to create copies of issues now \(HTTP 503\)\.$/);
      expect(await pairsOn('alpha', 'ops-eng')).toBe(50);

      // An admin on beta deletes the sync while alpha cannot be told: beta's side is gone, alpha's stays.
      h.runtime.unreachable.add('alpha');
      expect(await settings('beta', 'ENG', 'deleteConnection', { connectionId: 'ops-eng' })).toMatchObject({ deleted: 'ops-eng', partner: { notified: false } });
      h.runtime.unreachable.delete('alpha');
      expect(await h.runtime.runAs('beta', () => kvsConnections.get('ops-eng'))).toBeUndefined();
      h.runtime.faults = undefined;

      from = h.runtime.invocations.length;
      await h.settle();
      const failed = await jobView('OPS', 'ops-eng', started.id);
      expect(failed, h.trace(from)).toMatchObject({ state: 'failed', finishedAt: expect.any(String) });
      expect(failed.error).toBe(
        'ENG on beta refused the request to create copies of issues (HTTP 401: Request not authenticated). '
        + 'ENG on beta no longer knows this sync: it was deleted there (or Lockstep was uninstalled there, or the two sides\' signing keys no longer match). '
        + 'Delete this sync here, or connect the projects again with a new invitation.',
      );
      // The waiting step ran once more, was refused, and nothing is left to retry it.
      expect(jobRuns(from)).toBe(1);
      expect(h.runtime.pendingQueueEvents()).toBe(0);
      const audit = await h.runtime.runAs('alpha', () => kvsAudit.list('ops-eng', { limit: 100 }));
      expect(audit.entries.find((e) => e.action === 'job.finished')?.detail).toBe(`initial-sync job ${started.id} failed: ${failed.error}`);

      // An hour later (twelve ticks, which revive stalled jobs) the job is as it was: a final job is never revived.
      from = h.runtime.invocations.length;
      await wait(60 * 60_000);
      expect(jobRuns(from)).toBe(0);
      expect(await jobView('OPS', 'ops-eng', started.id)).toMatchObject({ state: 'failed', error: failed.error, updatedAt: failed.updatedAt });
      expect(await h.runtime.runAs('alpha', () => kvsConnections.get('ops-eng'))).toMatchObject({ id: 'ops-eng' });
    } finally {
      h.runtime.faults = undefined;
      h.runtime.unreachable.delete('alpha');
    }
  });
});
