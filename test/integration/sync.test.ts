/**
 * The sync engine end to end, two sites in one process through the local Forge runtime and the real
 * @forge/* packages: alpha SUP ↔ beta DEV cross-site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => { h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]); });
afterAll(async () => { await h?.close(); });

const partnerOf = async (site: string, connectionId: string, localIssueId: string) => h.runtime.runAs(site, () => kvsPairs.byLocal(connectionId, localIssueId));

async function createOnAlpha(fields: Record<string, unknown>) {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, ...fields } });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

describe('cross-site sync alpha SUP ↔ beta DEV', () => {
  it('creates an issue made on alpha on beta, with its mapped fields, within 5 s of sandbox time', async () => {
    const start = h.clock.now();
    const created = await createOnAlpha({ summary: 'Customer cannot log in', description: doc('Since Monday.'), labels: ['sso'], priority: { name: 'High' } });
    await h.settle();
    const pair = await partnerOf('alpha', 'sup-dev', created.id);
    expect(pair).toBeDefined();
    expect(h.clock.now() - start).toBeLessThanOrEqual(5_000);
    const beta = await h.rest('beta')('GET', `/rest/api/3/issue/${pair!.partnerIssueId}`);
    expect(beta.body.fields).toMatchObject({ summary: 'Customer cannot log in', labels: ['sso'], priority: { name: 'High' }, description: doc('Since Monday.'), project: { key: 'DEV' } });
  });
});
