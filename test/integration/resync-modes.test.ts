/**
 * Resync's two modes on 300 pairs, alpha SUP ↔ beta DEV, edited while the sync is stopped (15 issues on
 * alpha, 5 on beta): incremental reads only what changed since a time, full verify reads every pair;
 * both write exactly the issues that differ. Jira requests are counted from the emulator's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../sandbox/jira/sites';
import { pairSeeded, seedIssues, type SeededIssue } from '../support/seed';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
let alpha: SeededIssue[];
let beta: SeededIssue[];
const N = 300;

beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]);
  alpha = seedIssues(h.emulator.site('alpha'), 'SUP', N, (i) => ({ summary: `Same ${i}` }));
  beta = seedIssues(h.emulator.site('beta'), 'DEV', N, (i) => ({ summary: `Same ${i}` }));
  await pairSeeded(h, 'sup-dev', 'alpha', alpha, 'beta', beta);
}, 60_000);
afterAll(async () => { await h?.close(); });

async function ok(functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const accountId = PEOPLE.ada.accountId;
  const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: 'SUP' } } } });
  if (out.status !== 'ok') throw out.error;
  const value = out.value as any;
  if (value?.error?.status) throw new Error(`${functionKey}: ${value.error.message}`);
  return value;
}

async function resync(request: Record<string, unknown>): Promise<{ summary: string; requests: string[] }> {
  const from = h.exchanges.length;
  const job = await ok('startResync', { connectionId: 'sup-dev', jql: '', fields: ['summary'], direction: 'to-partner', ...request });
  await h.settle();
  const view = await ok('getSyncJob', { connectionId: 'sup-dev', jobId: job.id });
  expect(view.state).toBe('done');
  // The resolvers' own permission checks (as the user) are not the job's work.
  return { summary: view.summary, requests: h.exchanges.slice(from).filter((e) => !e.path.endsWith('/mypermissions')).map((e) => `${e.site} ${e.method} ${e.template ?? e.path}`) };
}

const count = (requests: string[], what: string) => requests.filter((r) => r === what).length;

describe('resync modes', () => {
  let since: string;
  it('edits 15 issues on alpha and 5 on beta while the sync is stopped', async () => {
    await ok('setConnectionState', { connectionId: 'sup-dev', state: 'stopped' });
    await h.runtime.advance(120_000);
    since = new Date(h.clock.now()).toISOString();
    await h.runtime.advance(60_000);
    for (const i of alpha.slice(0, 15)) expect((await h.rest('alpha', 'ada')('PUT', `/rest/api/3/issue/${i.key}`, { fields: { summary: `Changed on alpha ${i.key}` } })).status).toBe(204);
    for (const i of beta.slice(100, 105)) expect((await h.rest('beta', 'ada')('PUT', `/rest/api/3/issue/${i.key}`, { fields: { summary: `Changed on beta ${i.key}` } })).status).toBe(204);
    await h.settle();
  });

  it('incremental: reads the 20 changed issues only and writes the 20 that differ on beta', async () => {
    const { summary, requests } = await resync({ mode: 'incremental', since });
    expect(summary).toMatch(/^Read 20 issues, 20 paired; wrote 20 issues \(20 fields\); 0 already matched; 0 failed\.$/);
    expect(count(requests, 'beta PUT /rest/api/3/issue/{issueIdOrKey}')).toBe(20);
    // beta's changes first (its index page, alpha's values read in bulk, beta's read to compare), then alpha's (a count, one page, beta's read to compare).
    expect(count(requests, 'alpha POST /rest/api/3/search/approximate-count')).toBe(1);
    expect(count(requests, 'alpha POST /rest/api/3/search/jql')).toBe(1);
    expect(count(requests, 'alpha POST /rest/api/3/issue/bulkfetch')).toBe(1);
    expect(count(requests, 'beta POST /rest/api/3/search/jql')).toBe(1);
    expect(count(requests, 'beta POST /rest/api/3/issue/bulkfetch')).toBe(2);
    expect(requests.filter((r) => !r.includes(" PUT ")), requests.join("\n")).toHaveLength(2 + 1 + 1 + 2);
    for (const i of alpha.slice(0, 15)) expect(h.emulator.site('beta').issue(beta[alpha.indexOf(i)]!.id)!.fields['summary']).toBe(`Changed on alpha ${i.key}`);
    for (const i of beta.slice(100, 105)) expect(h.emulator.site('beta').issue(i.id)!.fields['summary']).toBe(`Same ${beta.indexOf(i)}`);
  });

  it('full verify: reads all 300 pairs in bulk, finds nothing left to write', async () => {
    const { summary, requests } = await resync({ mode: 'full' });
    expect(summary).toMatch(/^Read 300 issues, 300 paired; wrote 0 issues \(0 fields\); 300 already matched; 0 failed\.$/);
    expect(count(requests, 'alpha POST /rest/api/3/search/approximate-count')).toBe(1);
    expect(count(requests, 'alpha POST /rest/api/3/search/jql')).toBe(3);
    expect(count(requests, 'beta POST /rest/api/3/issue/bulkfetch')).toBe(3);
    expect(requests.length / N).toBeLessThanOrEqual(0.03);
  });

  it('refuses an incremental resync without a time, naming the field', async () => {
    const accountId = PEOPLE.ada.accountId;
    const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey: 'startResync', payload: { connectionId: 'sup-dev', jql: '', fields: ['summary'], direction: 'to-partner', mode: 'incremental' }, context: { accountId, extension: { project: { key: 'SUP' } } } });
    expect((out as any).value.error).toMatchObject({ status: 409, message: 'since: an incremental resync needs the time to start from' });
  });
});
