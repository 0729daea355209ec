/** A same-site sync: two projects of alpha, two mirrored connections of one installation, no web trigger. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../sandbox/jira/sites';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-ops', a: { site: 'alpha', project: 'SUP' }, b: { site: 'alpha', project: 'OPS' } }], (emulator) => {
    emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', description: 'Ops.', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId, PEOPLE.dana.accountId], admins: [PEOPLE.ada.accountId] });
  });
});
afterAll(async () => { await h?.close(); });

describe('same-site sync alpha SUP ↔ alpha OPS', () => {
  it('creates, edits both ways and comments without any web trigger call or echo', async () => {
    const rest = h.rest('alpha');
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Disk almost full', description: doc('On db-2.') } });
    expect(created.status).toBe(201);
    await h.settle();
    const pair = await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-ops', created.body.id));
    expect(pair?.partnerIssueKey).toMatch(/^OPS-\d+$/);
    const mirror = await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-ops-r', pair!.partnerIssueId));
    expect(mirror?.partnerIssueId).toBe(created.body.id);

    h.clock.advance(1_000);
    const from = h.exchanges.length;
    await h.rest('alpha', 'dana')('PUT', `/rest/api/3/issue/${pair!.partnerIssueId}`, { fields: { summary: 'Disk full on db-2' } });
    await h.rest('alpha', 'dana')('POST', `/rest/api/3/issue/${pair!.partnerIssueId}/comment`, { body: doc('Cleaning up logs.') });
    await h.settle();
    const sup = (await rest('GET', `/rest/api/3/issue/${created.body.id}?fields=summary,comment`)).body.fields;
    expect(sup.summary).toBe('Disk full on db-2');
    expect(JSON.stringify(sup.comment.comments)).toContain('Cleaning up logs.');
    // Two user writes, two Lockstep writes on SUP, nothing written back to OPS.
    const lockstepWrites = h.writes(from, 'alpha').slice(2);
    expect(lockstepWrites.map((e) => `${e.method} ${e.path.replace(/\d+/g, 'N')}`).sort()).toEqual(['POST /rest/api/N/issue/N/comment', 'PUT /rest/api/N/issue/N']);
    expect(h.runtime.invocations.some((i) => i.functionKey === 'partner-webtrigger')).toBe(false);
  });
});
