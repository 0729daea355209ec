/**
 * Crash-safe creates end to end (docs/decisions/0017-crash-safe-creates.md), alpha SUP ↔ beta DEV
 * cross-site: beta's applying invocation is killed at the SDK call right after its Jira create, so the
 * create happened and nothing recorded it; Forge delivers the work again, and beta ends with exactly one
 * copy — of an issue, a comment, an attachment, a link, and a batch of the initial sync.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareIssue } from '../../sandbox/jira/issues/create';
import { APP_ACCOUNT_ID } from '../../sandbox/jira/model/site';
import { PEOPLE } from '../../sandbox/jira/sites';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { EVENT_GRACE_MS } from '../../src/engine/sync/catch-up';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
// The app keeps the sandbox's time: an intent's window is compared with the times Jira stamps on its creates.
beforeAll(async () => { h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], undefined, { appTime: 'sandbox' }); }, 60_000);
afterAll(async () => { await h?.close(); });
afterEach(() => { h.runtime.faults = undefined; });

/**
 * Kills the first invocation of `functionKey` on beta at the SDK call after its Jira request that `isCreate`
 * names, once: Jira did the create, and the invocation dies before it can store anything. Returns the kills.
 */
function killAfterCreate(functionKey: string, isCreate: (method: string, path: string) => boolean): string[] {
  const armed = new Set<string>();
  const killed: string[] = [];
  h.runtime.faults = {
    jira(site, scope, request) {
      if (site === 'beta' && scope.functionKey === functionKey && killed.length === 0 && isCreate(request.method, new URL(request.url).pathname)) armed.add(scope.id);
      return undefined;
    },
    kill(scope, what) {
      if (!armed.delete(scope.id)) return undefined;
      killed.push(what);
      return 'was killed right after a Jira create';
    },
  };
  return killed;
}

const waitingOnBeta = () => h.runtime.runAs('beta', () => kvsSyncState.pendingIncoming(10));

/**
 * Lets the runtime retry: past the dead invocation's lock (5 min) and through the scheduled sweeps that
 * re-queue its message, until beta has applied every message it received (so the retry really ran).
 */
async function recover(): Promise<void> {
  await h.settle();
  for (let round = 0; round < 6 && (await waitingOnBeta()).length > 0; round++) {
    await h.runtime.advance(6 * 60_000);
    await h.settle();
  }
  expect(await waitingOnBeta(), h.trace()).toEqual([]);
}

async function settings(functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const accountId = PEOPLE.ada.accountId;
  const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: 'SUP' } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}

const pairOf = (site: string, localIssueId: string) => h.runtime.runAs(site, () => kvsPairs.byLocal('sup-dev', localIssueId));
const fieldsOf = async (site: string, id: string) => (await h.rest(site)('GET', `/rest/api/3/issue/${id}`)).body.fields as Record<string, any>;
const devIssuesNamed = (summary: string) => [...h.emulator.site('beta').issues.values()].filter((i) => i.fields['summary'] === summary);

async function createOnAlpha(summary: string): Promise<{ id: string; key: string }> {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary } });
  expect(res.status).toBe(201);
  return res.body;
}

async function syncedPair(summary: string): Promise<{ alpha: string; beta: string }> {
  const created = await createOnAlpha(summary);
  await h.settle();
  const pair = await pairOf('alpha', created.id);
  if (!pair) throw new Error(`${summary} did not sync:\n${h.trace()}`);
  return { alpha: created.id, beta: pair.partnerIssueId };
}

describe('a create killed before it was recorded is adopted on the retry, not made twice', () => {
  it('issue: one copy on beta, paired on both sides, with the origin property', async () => {
    const killed = killAfterCreate('inbox-consumer', (m, p) => m === 'POST' && p.endsWith('/rest/api/3/issue'));
    const mark = h.runtime.invocations.length;
    const origin = await createOnAlpha('Killed after its create');
    await recover();
    expect(killed, h.trace(mark)).toHaveLength(1);
    const copies = devIssuesNamed('Killed after its create');
    expect(copies, h.trace(mark)).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy.properties.get('lockstep.origin')).toEqual({ connectionId: 'sup-dev', issueId: origin.id });
    expect(await pairOf('beta', copy.id)).toMatchObject({ partnerIssueId: origin.id, status: 'active' });
    // The `paired` reply reached alpha (once or twice, the same pair).
    expect(await pairOf('alpha', origin.id)).toMatchObject({ partnerIssueId: copy.id, partnerIssueKey: copy.key });
    // The copy keeps syncing.
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${origin.id}`, { fields: { labels: ['after-crash'] } });
    await h.settle();
    expect((await fieldsOf('beta', copy.id))['labels']).toEqual(['after-crash']);
  });

  it("issue: a person's edit of the copy before the retry neither copies it back nor lets the retry take another pair", async () => {
    const killed = killAfterCreate('inbox-consumer', (m, p) => m === 'POST' && p.endsWith('/rest/api/3/issue'));
    const mark = h.runtime.invocations.length;
    const origin = await createOnAlpha('Edited before its pair was stored');
    await h.settle();
    expect(killed, h.trace(mark)).toHaveLength(1);
    const [copy] = devIssuesNamed('Edited before its pair was stored');
    expect(copy && (await pairOf('beta', copy.id)), h.trace(mark)).toBeUndefined();
    // Dana edits the copy while its pair is not stored: the event must not share it with alpha as her new issue.
    expect((await h.rest('beta', 'dana')('PUT', `/rest/api/3/issue/${copy!.id}`, { fields: { labels: ['triaged'] } })).status).toBe(204);
    const editedAt = h.clock.now();
    await recover();
    const onAlpha = [...h.emulator.site('alpha').issues.values()].filter((i) => i.fields['summary'] === 'Edited before its pair was stored');
    expect(onAlpha.map((i) => i.key), h.trace(mark)).toEqual([h.emulator.site('alpha').issue(origin.id)!.key]);
    expect(devIssuesNamed('Edited before its pair was stored'), h.trace(mark)).toHaveLength(1);
    expect(await pairOf('beta', copy!.id), h.trace(mark)).toMatchObject({ partnerIssueId: origin.id, status: 'active' });
    expect(await pairOf('alpha', origin.id), h.trace(mark)).toMatchObject({ partnerIssueId: copy!.id });
    // Her edit's event waited for the pair (retried, then deferred to the queue) and then went like any edit,
    // sooner than the catch-up sweep could have found it.
    for (let round = 0; round < 3 && (await fieldsOf('alpha', origin.id))['labels'].length === 0; round++) { await h.runtime.advance(5 * 60_000); await h.settle(); }
    expect((await fieldsOf('alpha', origin.id))['labels'], h.trace(mark)).toEqual(['triaged']);
    expect(h.clock.now() - editedAt).toBeLessThan(EVENT_GRACE_MS);
  });

  it('comment: one copy on beta, paired, and an edit on alpha follows it', async () => {
    const p = await syncedPair('Comment killed after its create');
    const killed = killAfterCreate('inbox-consumer', (m, path) => m === 'POST' && path.endsWith('/comment'));
    const mark = h.runtime.invocations.length;
    const c = await h.rest('alpha', 'sam')('POST', `/rest/api/3/issue/${p.alpha}/comment`, { body: doc('Customer called again.') });
    await recover();
    expect(killed, h.trace(mark)).toHaveLength(1);
    const onBeta = (await h.rest('beta')('GET', `/rest/api/3/issue/${p.beta}/comment`)).body.comments as Array<{ id: string; body: unknown }>;
    expect(onBeta, h.trace(mark)).toHaveLength(1);
    expect(JSON.stringify(onBeta[0]!.body)).toContain('Customer called again.');
    await h.rest('alpha', 'sam')('PUT', `/rest/api/3/issue/${p.alpha}/comment/${c.body.id}`, { body: doc('Customer called twice.') });
    await h.settle();
    const after = (await h.rest('beta')('GET', `/rest/api/3/issue/${p.beta}/comment`)).body.comments as Array<{ id: string; body: unknown }>;
    expect(after.map((x) => x.id)).toEqual([onBeta[0]!.id]);
    expect(JSON.stringify(after[0]!.body)).toContain('Customer called twice.');
  });

  it('attachment: one copy on beta', async () => {
    const p = await syncedPair('Upload killed after its create');
    const killed = killAfterCreate('inbox-consumer', (m, path) => m === 'POST' && path.endsWith('/attachments'));
    const mark = h.runtime.invocations.length;
    const form = new FormData();
    form.append('file', new Blob(['line one\nline two\n'], { type: 'text/plain' }), 'log.txt');
    expect((await h.rest('alpha')('POST', `/rest/api/3/issue/${p.alpha}/attachments`, form, { 'X-Atlassian-Token': 'no-check' })).status).toBe(200);
    await recover();
    expect(killed, h.trace(mark)).toHaveLength(1);
    const files = (await fieldsOf('beta', p.beta))['attachment'] as Array<{ filename: string }>;
    expect(files.map((f) => f.filename), h.trace(mark)).toEqual(['log.txt']);
  });

  it('link: one link on beta (Jira answers a duplicate link as created without making it)', async () => {
    const one = await syncedPair('Link end one');
    const two = await syncedPair('Link end two');
    const killed = killAfterCreate('inbox-consumer', (m, path) => m === 'POST' && path.endsWith('/rest/api/3/issueLink'));
    const mark = h.runtime.invocations.length;
    expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { id: one.alpha }, outwardIssue: { id: two.alpha } })).status).toBe(201);
    await recover();
    expect(killed, h.trace(mark)).toHaveLength(1);
    const links = (await fieldsOf('beta', one.beta))['issuelinks'] as Array<{ type: { name: string } }>;
    expect(links.map((l) => l.type.name), h.trace(mark)).toEqual(['Blocks']);
  });

  it('initial sync: a bulk create killed before its pairs were stored leaves one copy of each issue', async () => {
    const alpha = h.emulator.site('alpha');
    const ada = alpha.users.get(PEOPLE.ada.accountId)!;
    const project = alpha.projectByKey('SUP')!;
    // Issues that existed before the sync: straight into the store, no product events.
    const summaries = Array.from({ length: 4 }, (_, i) => `Existing before the sync ${i + 1}`);
    for (const summary of summaries) {
      const issue = prepareIssue(alpha, ada, { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary } });
      issue.key = `SUP-${project.nextIssueNumber++}`;
      alpha.issues.set(issue.id, issue);
      alpha.issueIdByKey.set(issue.key, issue.id);
    }
    const killed = killAfterCreate('partner-webtrigger', (m, path) => m === 'POST' && path.endsWith('/rest/api/3/issue/bulk'));
    const mark = h.runtime.invocations.length;
    const started = await settings('startInitialSync', { connectionId: 'sup-dev' });
    // The asker's step waits after the dead request and asks again: the job ends once that retry is answered.
    let job = await settings('getSyncJob', { connectionId: 'sup-dev', jobId: started.id });
    for (let round = 0; round < 6 && job.state !== 'done'; round++) {
      await h.runtime.advance(6 * 60_000);
      await h.settle();
      job = await settings('getSyncJob', { connectionId: 'sup-dev', jobId: started.id });
    }
    expect(killed, h.trace(mark)).toHaveLength(1);
    expect(job.state, h.trace(mark)).toBe('done');
    expect(h.exchanges.filter((e) => e.site === 'beta' && e.method === 'POST' && e.path === '/rest/api/3/issue/bulk' && e.caller === APP_ACCOUNT_ID)).toHaveLength(1);
    for (const summary of summaries) {
      const copies = devIssuesNamed(summary);
      expect(copies, `${summary}\n${h.trace(mark)}`).toHaveLength(1);
      const origin = [...alpha.issues.values()].find((i) => i.fields['summary'] === summary)!;
      expect(await pairOf('beta', copies[0]!.id)).toMatchObject({ partnerIssueId: origin.id, status: 'active' });
      expect(await pairOf('alpha', origin.id)).toMatchObject({ partnerIssueId: copies[0]!.id });
    }
  });
});
