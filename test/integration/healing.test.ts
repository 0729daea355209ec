/**
 * Lockstep heals what Forge and Jira lose: a product event that never comes (the catch-up sweep), a
 * queue message that is lost (the redelivery sweep), and a capture that fails for longer than Forge
 * retries (deferred to Lockstep's own queue). Faults come from the runtime's hooks (sandbox/forge/faults.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
// The app keeps time by the sandbox clock here: the sweeps compare Jira's times with their own.
beforeAll(async () => { h = await startSyncHarness([{ id: 'heal', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], undefined, { appTime: 'sandbox' }); });
afterAll(async () => { await h?.close(); });

const summaryOn = (site: string, id: string) => h.emulator.site(site).issue(id)?.fields['summary'];
const partner = (id: string) => h.runtime.runAs('alpha', () => kvsPairs.byLocal('heal', id));

async function create(summary: string): Promise<string> {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary } });
  expect(res.status).toBe(201);
  return String(res.body.id);
}

/** Runs sandbox time forward in minute steps, so scheduled ticks fire as they would. */
async function minutes(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await h.runtime.advance(60_000);
}

describe('healing', () => {
  it('shares an issue whose create event never came, and carries an edit whose event never came', async () => {
    h.runtime.faults = { productEvent: () => [] };
    const id = await create('Lost create');
    h.runtime.faults = undefined;
    await h.settle();
    expect(await partner(id)).toBeUndefined();
    await minutes(45);
    const pair = await partner(id);
    expect(pair).toBeDefined();
    expect(summaryOn('beta', pair!.partnerIssueId)).toBe('Lost create');

    h.runtime.faults = { productEvent: () => [] };
    expect((await h.rest('alpha')('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'Lost edit' } })).status).toBe(204);
    h.runtime.faults = undefined;
    await minutes(5);
    expect(summaryOn('beta', pair!.partnerIssueId)).toBe('Lost create');
    await minutes(40);
    expect(summaryOn('beta', pair!.partnerIssueId)).toBe('Lost edit');
  });

  it('delivers a change whose queue message was lost, once the redelivery sweep finds it', async () => {
    const id = await create('Queue loss');
    await h.settle();
    const pair = (await partner(id))!;
    h.runtime.faults = { queueEvent: () => [] };
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'Queue loss healed' } });
    await h.runtime.advance(1_000);
    h.runtime.faults = undefined;
    await minutes(3);
    expect(summaryOn('beta', pair.partnerIssueId)).toBe('Queue loss');
    await minutes(25);
    expect(summaryOn('beta', pair.partnerIssueId)).toBe('Queue loss healed');
  });

  it('captures a link made while its own site\'s Jira answered 503 for ten minutes, past Forge\'s retries', async () => {
    const [a, b] = [await create('Outage A'), await create('Outage B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    const until = h.clock.now() + 10 * 60_000;
    h.runtime.faults = { jira: (site) => (site === 'alpha' && h.clock.now() < until ? { respond: new Response('{}', { status: 503 }) } : undefined) };
    // A link event names issue ids only: capturing it reads the source issue from Jira, which is down.
    expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id: a }, outwardIssue: { id: b } })).status).toBe(201);
    await minutes(12);
    h.runtime.faults = undefined;
    await minutes(15);
    const links = [...h.emulator.site('beta').links.values()];
    expect(links.filter((l) => [l.inwardIssueId, l.outwardIssueId].sort().join() === [pa.partnerIssueId, pb.partnerIssueId].sort().join())).toHaveLength(1);
  });

  it('deletes on the partner a file whose deletion event never came', async () => {
    const id = await create('File loss');
    await h.settle();
    const pair = (await partner(id))!;
    const form = new FormData();
    form.append('file', new Blob(['gone soon\n'], { type: 'text/plain' }), 'gone.txt');
    expect((await h.rest('alpha')('POST', `/rest/api/3/issue/${id}/attachments`, form, { 'X-Atlassian-Token': 'no-check' })).status).toBe(200);
    await h.settle();
    const onBeta = () => h.emulator.site('beta').issue(pair.partnerIssueId)!.attachmentIds.length;
    expect(onBeta()).toBe(1);
    const file = h.emulator.site('alpha').issue(id)!.attachmentIds[0]!;
    h.runtime.faults = { productEvent: () => [] };
    expect((await h.rest('alpha')('DELETE', `/rest/api/3/attachment/${file}`)).status).toBe(204);
    h.runtime.faults = undefined;
    await h.settle();
    expect(onBeta()).toBe(1);
    // The file's stamp says it went; the issue's history brings it into the sweep, which finds it gone.
    await minutes(10);
    expect(onBeta()).toBe(0);
  });

  it('links the partners of two issues whose link event never came', async () => {
    const [a, b] = [await create('Link loss A'), await create('Link loss B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    h.runtime.faults = { productEvent: () => [] };
    expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { id: a }, outwardIssue: { id: b } })).status).toBe(201);
    h.runtime.faults = undefined;
    const onBeta = () => [...h.emulator.site('beta').links.values()].filter((l) => l.inwardIssueId === pa.partnerIssueId && l.outwardIssueId === pb.partnerIssueId).length;
    expect(onBeta()).toBe(0);
    // Jira notes the link in both issues' history, which brings them into the sweep; a link this side never sent goes (once: Jira keeps one link).
    await minutes(10);
    expect(onBeta()).toBe(1);
    await minutes(40);
    expect(onBeta()).toBe(1);
  });

  it('deletes on the partner a comment whose deletion event never came', async () => {
    const id = await create('Comment loss');
    await h.settle();
    const pair = (await partner(id))!;
    const made = await h.rest('alpha')('POST', `/rest/api/3/issue/${id}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'short-lived' }] }] } });
    expect(made.status).toBe(201);
    await h.settle();
    const onBeta = () => h.emulator.site('beta').issue(pair.partnerIssueId)!.commentIds.length;
    expect(onBeta()).toBe(1);
    h.runtime.faults = { productEvent: () => [] };
    expect((await h.rest('alpha')('DELETE', `/rest/api/3/issue/${id}/comment/${String(made.body.id)}`)).status).toBe(204);
    h.runtime.faults = undefined;
    await h.settle();
    expect(onBeta()).toBe(1);
    // Jira keeps no history of a deleted comment: the deletion sweep's round of the pairs finds its sent note without the comment.
    await minutes(10);
    expect(onBeta()).toBe(0);
  });

  it('unlinks on the partner a link whose deletion event never came, in the link\'s own direction only', async () => {
    const [a, b] = [await create('Unlink loss A'), await create('Unlink loss B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    for (const [inward, outward] of [[a, b], [b, a]]) {
      expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { id: inward }, outwardIssue: { id: outward } })).status).toBe(201);
    }
    await h.settle();
    const onBeta = (from: string, to: string) => [...h.emulator.site('beta').links.values()].filter((l) => l.inwardIssueId === from && l.outwardIssueId === to).length;
    expect([onBeta(pa.partnerIssueId, pb.partnerIssueId), onBeta(pb.partnerIssueId, pa.partnerIssueId)]).toEqual([1, 1]);
    const link = [...h.emulator.site('alpha').links.values()].find((l) => l.inwardIssueId === a && l.outwardIssueId === b)!;
    h.runtime.faults = { productEvent: () => [] };
    expect((await h.rest('alpha')('DELETE', `/rest/api/3/issueLink/${link.id}`)).status).toBe(204);
    h.runtime.faults = undefined;
    await h.settle();
    expect(onBeta(pa.partnerIssueId, pb.partnerIssueId)).toBe(1);
    // The link's sent note kept its type and far end, so the sweep can name the link Jira no longer has.
    await minutes(10);
    expect([onBeta(pa.partnerIssueId, pb.partnerIssueId), onBeta(pb.partnerIssueId, pa.partnerIssueId)]).toEqual([0, 1]);
  });

  it('keeps a link a person made again after the other side\'s deletion, whose event was lost, is found late: newest wins by Jira\'s history', async () => {
    const [a, b] = [await create('Race A'), await create('Race B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    const linkOn = (site: string, from: string, to: string) => [...h.emulator.site(site).links.values()].filter((l) => l.inwardIssueId === from && l.outwardIssueId === to);
    expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id: a }, outwardIssue: { id: b } })).status).toBe(201);
    await h.settle();
    // Alpha's person removes it; the event is lost, so beta keeps its copy for now.
    h.runtime.faults = { productEvent: (site) => (site === 'alpha' ? [] : [0]) };
    expect((await h.rest('alpha')('DELETE', `/rest/api/3/issueLink/${linkOn('alpha', a, b)[0]!.id}`)).status).toBe(204);
    h.runtime.faults = undefined;
    await minutes(1);
    // Later, beta's person removes the copy and makes the link again: that is the newest word on it.
    expect((await h.rest('beta')('DELETE', `/rest/api/3/issueLink/${linkOn('beta', pa.partnerIssueId, pb.partnerIssueId)[0]!.id}`)).status).toBe(204);
    await minutes(1);
    expect((await h.rest('beta')('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id: pa.partnerIssueId }, outwardIssue: { id: pb.partnerIssueId } })).status).toBe(201);
    await h.settle();
    // The sweeps then find alpha's lost deletion; beta keeps the link its person made after it.
    await minutes(40);
    expect([linkOn('alpha', a, b).length, linkOn('beta', pa.partnerIssueId, pb.partnerIssueId).length]).toEqual([1, 1]);
  });

  it('carries "relates to" as one relationship whichever way each side made it: made the other way round it is not doubled, removed it goes both ways', async () => {
    const [a, b] = [await create('Both ways A'), await create('Both ways B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    const between = (site: string, x: string, y: string) => [...h.emulator.site(site).links.values()].filter((l) => [l.inwardIssueId, l.outwardIssueId].sort().join() === [x, y].sort().join());
    const relate = (site: string, inward: string, outward: string) => h.rest(site)('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id: inward }, outwardIssue: { id: outward } });
    expect((await relate('beta', pa.partnerIssueId, pb.partnerIssueId)).status).toBe(201);
    await h.settle();
    expect((await relate('alpha', b, a)).status).toBe(201);
    await h.settle();
    // Alpha holds both directions (its copy and its person's); beta keeps one: "A relates to B" is "B relates to A".
    expect([between('alpha', a, b).length, between('beta', pa.partnerIssueId, pb.partnerIssueId).length]).toEqual([2, 1]);
    await minutes(1);
    expect((await h.rest('beta')('DELETE', `/rest/api/3/issueLink/${between('beta', pa.partnerIssueId, pb.partnerIssueId)[0]!.id}`)).status).toBe(204);
    await h.settle();
    await minutes(40);
    expect([between('alpha', a, b).length, between('beta', pa.partnerIssueId, pb.partnerIssueId).length]).toEqual([0, 0]);
  });

  it('keeps a link made again after the partner deleted its copy: no stale note sends that deletion twice', async () => {
    const [a, b] = [await create('Relink A'), await create('Relink B')];
    await h.settle();
    const [pa, pb] = [(await partner(a))!, (await partner(b))!];
    const linkOn = (site: string, from: string, to: string) => [...h.emulator.site(site).links.values()].filter((l) => l.inwardIssueId === from && l.outwardIssueId === to);
    const relate = async () => expect((await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id: a }, outwardIssue: { id: b } })).status).toBe(201);
    await relate();
    await h.settle();
    const copy = linkOn('beta', pa.partnerIssueId, pb.partnerIssueId)[0]!;
    // Deleted on beta, its event delivered: alpha's link goes too.
    expect((await h.rest('beta')('DELETE', `/rest/api/3/issueLink/${copy.id}`)).status).toBe(204);
    await h.settle();
    expect(linkOn('alpha', a, b)).toHaveLength(0);
    await relate();
    await h.settle();
    await minutes(15);
    expect([linkOn('alpha', a, b).length, linkOn('beta', pa.partnerIssueId, pb.partnerIssueId).length]).toEqual([1, 1]);
  });
});
