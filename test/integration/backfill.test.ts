/**
 * Backfill, end to end on alpha SUP ↔ beta DEV cross-site: comments, files and links made before an
 * issue's pair existed reach the partner once it forms, and when the event path and a backfill both
 * carry the same object, the partner still holds one copy of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillPair } from '../../src/engine/sync/backfill';
import { captureEvent } from '../../src/engine/sync/capture';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { forgeSyncDeps } from '../../src/forge/adapters/sync-deps';
import { PEOPLE } from '../../sandbox/jira/sites';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

const C = 'sup-dev';
let h: SyncHarness;
beforeAll(async () => { h = await startSyncHarness([{ id: C, a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]); });
afterAll(async () => { await h?.close(); });

type Link = { type: { name: string }; inwardIssue?: { id: string }; outwardIssue?: { id: string } };

const pairOf = (site: string, localIssueId: string) => h.runtime.runAs(site, () => kvsPairs.byLocal(C, localIssueId));
const fields = async (site: string, id: string) => (await h.rest(site)('GET', `/rest/api/3/issue/${id}?fields=comment,attachment,issuelinks`)).body.fields as {
  comment: { comments: Array<{ id: string; body: unknown }> }; attachment: Array<{ filename: string }>; issuelinks: Link[];
};
/** Each link of an issue as "<type> <in|out> <other issue id>": which end this issue is, and of what. */
const linksOf = async (site: string, id: string) => (await fields(site, id)).issuelinks.map((l) => `${l.type.name} ${l.outwardIssue ? 'out' : 'in'} ${(l.outwardIssue ?? l.inwardIssue)!.id}`).sort();
const parked = async () => (await h.runtime.runAs('alpha', () => kvsSyncState.listParked(C))).length + (await h.runtime.runAs('beta', () => kvsSyncState.listParked(C))).length;

async function createOnAlpha(summary: string): Promise<{ id: string; key: string }> {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary } });
  expect(res.status).toBe(201);
  return res.body;
}

async function comment(id: string, text: string): Promise<{ id: string }> {
  const res = await h.rest('alpha', 'sam')('POST', `/rest/api/3/issue/${id}/comment`, { body: doc(text) });
  expect(res.status).toBe(201);
  return res.body;
}

async function upload(id: string, name: string, text: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  expect((await h.rest('alpha')('POST', `/rest/api/3/issue/${id}/attachments`, form, { 'X-Atlassian-Token': 'no-check' })).status).toBe(200);
}

async function link(type: string, inward: string, outward: string): Promise<void> {
  expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: type }, inwardIssue: { id: inward }, outwardIssue: { id: outward } })).status).toBe(201);
}

async function paired(id: string): Promise<string> {
  const pair = await pairOf('alpha', id);
  if (!pair) throw new Error(`${id} did not pair`);
  return pair.partnerIssueId;
}

describe('backfill when a pair forms', () => {
  it('carries a comment and a file added on the origin before its `paired` message arrived', async () => {
    const mark = h.runtime.invocations.length;
    const issue = await createOnAlpha('Commented at once');
    await comment(issue.id, 'Said before the pair existed');
    await upload(issue.id, 'early.txt', 'made early');
    expect(await pairOf('alpha', issue.id)).toBeUndefined();
    await h.settle();
    const partner = await paired(issue.id);
    const onBeta = await fields('beta', partner);
    expect(onBeta.comment.comments).toHaveLength(1);
    expect(JSON.stringify(onBeta.comment.comments[0]!.body)).toContain('Said before the pair existed');
    expect(onBeta.attachment.map((a) => a.filename)).toEqual(['early.txt']);
    // Their own events really came too early: capture let them go, and only the backfill carried them.
    expect(h.trace(mark).match(/issue not synced/g)).toHaveLength(2);
    expect(await parked()).toBe(0);
  });

  it('carries links made while one end was unpaired, in both directions, once both ends pair', async () => {
    const one = await createOnAlpha('Paired long ago');
    await h.settle();
    const oneBeta = await paired(one.id);
    const mark = h.runtime.invocations.length;
    const two = await createOnAlpha('Linked before pairing');
    await link('Blocks', one.id, two.id);
    await link('Relates', two.id, one.id);
    await h.settle();
    const twoBeta = await paired(two.id);
    expect(h.trace(mark)).toContain('only links between synced issues are carried');
    // The same ends and the same direction as on alpha.
    expect(await linksOf('alpha', one.id)).toEqual([`Blocks out ${two.id}`, `Relates in ${two.id}`]);
    expect(await linksOf('beta', oneBeta)).toEqual([`Blocks out ${twoBeta}`, `Relates in ${twoBeta}`]);
    expect(await parked()).toBe(0);
  });
});

describe('nothing doubles when the event path and a backfill both carry an object', () => {
  it('updates the partner comment, keeps the file and keeps one link when the same objects come again', async () => {
    const one = await createOnAlpha('Both paths, one');
    const two = await createOnAlpha('Both paths, two');
    const early = await comment(one.id, 'Early words');
    await upload(one.id, 'both.txt', 'once');
    await link('Duplicate', one.id, two.id);
    await h.settle();
    const [oneBeta, twoBeta] = [await paired(one.id), await paired(two.id)];
    // One more comment after the pairing goes the event path.
    await comment(one.id, 'Later words');
    await h.settle();
    const before = await fields('beta', oneBeta);
    expect(before.comment.comments).toHaveLength(2);
    expect(await linksOf('beta', oneBeta)).toEqual([`Duplicate out ${twoBeta}`]);

    const from = h.exchanges.length;
    // Both paths again: a late event of the early comment, and a second backfill of both issues.
    const deps = () => forgeSyncDeps();
    const late = await h.runtime.runAs('alpha', () => captureEvent(deps(), {
      eventType: 'avi:jira:commented:issue', issue: { id: one.id, key: one.key, fields: {} },
      comment: { id: early.id, author: { accountId: '5b10a2844c20165700ede22b' }, body: doc('Early words'), created: '2026-11-02T09:00:00.000+0000', updated: '2026-11-02T09:00:00.000+0000' },
    }));
    expect(late).toMatchObject({ sent: [{ kind: 'comment' }] });
    const config = (await h.runtime.runAs('alpha', () => kvsConnections.config(C)))!;
    for (const id of [one.id, two.id]) {
      const pair = (await pairOf('alpha', id))!;
      await h.runtime.runAs('alpha', () => backfillPair(deps(), C, config, pair));
    }
    await h.settle();

    const after = await fields('beta', oneBeta);
    expect(after.comment.comments.map((c) => c.id)).toEqual(before.comment.comments.map((c) => c.id));
    expect(after.attachment.map((a) => a.filename)).toEqual(['both.txt']);
    expect(await linksOf('beta', oneBeta)).toEqual([`Duplicate out ${twoBeta}`]);
    // Beta updated its comments in place; it made no new comment or file.
    const writes = h.writes(from, 'beta').map((e) => `${e.method} ${e.template}`);
    expect(writes.filter((w) => w.startsWith('POST') && !w.includes('issueLink'))).toEqual([]);
    expect(writes.filter((w) => w.startsWith('PUT'))).toEqual(Array(3).fill('PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}'));
    expect(await parked()).toBe(0);
  });
});

describe('"Sync existing issues"', () => {
  const setState = (state: 'running' | 'stopped') => h.runtime.runAs('alpha', async () => {
    const summary = (await kvsConnections.get(C))!;
    await kvsConnections.save({ ...summary, state });
  });

  it('sends the comments and links of the issues it shares, read by its own search', async () => {
    // Made while alpha's side was stopped: no event shares the issues, their comment or their link.
    await setState('stopped');
    const one = await createOnAlpha('Old one');
    const two = await createOnAlpha('Old two');
    await comment(one.id, 'Written long before the sync');
    await link('Cloners', one.id, two.id);
    await h.settle();
    await setState('running');
    expect(await pairOf('alpha', one.id)).toBeUndefined();

    const ada = PEOPLE.ada.accountId;
    const ask = async (functionKey: string, payload: Record<string, unknown>) => {
      const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId: ada, functionKey, payload, context: { accountId: ada, extension: { project: { key: 'SUP' } } } });
      if (out.status !== 'ok') throw out.error;
      return out.value as { id: string; state: string; error?: string };
    };
    const started = await ask('startInitialSync', { connectionId: C });
    await h.settle();
    const job = await ask('getSyncJob', { connectionId: C, jobId: started.id });
    expect(job.state, job.error ?? h.trace()).toBe('done');

    const [oneBeta, twoBeta] = [await paired(one.id), await paired(two.id)];
    const onBeta = await fields('beta', oneBeta);
    expect(onBeta.comment.comments.map((c) => JSON.stringify(c.body))).toEqual([expect.stringContaining('Written long before the sync')]);
    expect(await linksOf('beta', oneBeta)).toEqual([`Cloners out ${twoBeta}`]);
    expect(await parked()).toBe(0);
  });
});
