/**
 * End to end through the real app and the real @forge/* packages: a user edits an issue on alpha over
 * REST → Lockstep's trigger on alpha stores a notice in KVS and queues it → alpha's outbox consumer posts
 * it, signed, over HTTP to beta's web trigger → beta verifies, records and queues it, and answers.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webTrigger } from '@forge/api';
import { kvs, WhereConditions } from '@forge/kvs';
import { ManualClock } from '../../sandbox/jira/clock';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { serveForge, type RunningForgeServer } from '../../sandbox/forge/server';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsMessages } from '../../src/forge/adapters/kvs-messages';
import type { ConnectionSummary } from '../../src/ports/connections';
import { doc, restClient, sandboxEmulator } from '../support/jira';

const root = join(import.meta.dirname, '..', '..');
const emulator = sandboxEmulator();
let runtime: ForgeRuntime;
let server: RunningForgeServer;

const connection = (localProjectKey: string, partnerSite: string, partnerProject: string): ConnectionSummary => ({
  id: 'sup-dev', localProjectKey, partnerSite, partnerProject, state: 'running', pairs: 0, lastActivity: null, openErrors: 0,
});

beforeAll(async () => {
  runtime = await ForgeRuntime.start({ emulator, root, clock: new ManualClock(Date.now()), log: () => undefined });
  runtime.install('alpha');
  runtime.install('beta');
  server = await serveForge(runtime);
  // Both sides of one connection share a signing key; alpha knows beta's inbox URL as beta reports it.
  const signingKey = randomBytes(32).toString('base64url');
  const alphaInbox = await runtime.runAs('alpha', () => webTrigger.getUrl('partner-inbox'));
  const betaInbox = await runtime.runAs('beta', () => webTrigger.getUrl('partner-inbox'));
  await runtime.runAs('beta', () => kvsConnections.save(connection('DEV', 'alpha', 'SUP'), { signingKey, partnerInboxUrl: alphaInbox }));
  await runtime.runAs('alpha', () => kvsConnections.save(connection('SUP', 'beta', 'DEV'), { signingKey, partnerInboxUrl: betaInbox }));
});

afterAll(async () => {
  await server?.close();
  await runtime?.close();
});

describe('relay smoke test', () => {
  it('carries an edit on alpha to beta\'s web trigger and back with an acknowledgement', async () => {
    const rest = restClient(emulator.fetch, emulator.site('alpha').baseUrl, 'sam');
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Customer cannot log in', description: doc('Since Monday.') } });
    expect(created.status).toBe(201);
    await runtime.idle();
    runtime.invocations.length = 0;

    const edit = await rest('PUT', `/rest/api/3/issue/${created.body.key}`, { fields: { summary: 'Customer cannot log in (SSO)' } });
    expect(edit.status).toBe(204);
    await runtime.idle();

    const ran = runtime.invocations.map((i) => `${i.installation} ${i.kind} ${i.functionKey} ${i.status}`);
    // Beta's inbox consumer may start before alpha's consumer has finished: compare as sets.
    expect(ran.sort()).toEqual([
      'alpha consumer outbox-consumer ok',
      'alpha trigger product-event ok',
      'beta consumer inbox-consumer ok',
      'beta webtrigger partner-webtrigger ok',
    ]);
    // Alpha's outbox is empty again: beta acknowledged the notice.
    const outbox = await runtime.runAs('alpha', () => kvs.query().where('key', WhereConditions.beginsWith('outbox:')).getMany());
    expect(outbox.results).toEqual([]);
    // Beta recorded exactly what alpha saw, once.
    const inbox = await runtime.runAs('beta', () => kvs.query().where('key', WhereConditions.beginsWith('inbox:sup-dev:')).getMany());
    expect(inbox.results).toHaveLength(2); // the create and the edit
    const edited = inbox.results.map((r) => r.value as { eventType: string; issue: { key: string } }).find((v) => v.eventType === 'avi:jira:updated:issue');
    expect(edited?.issue.key).toBe(created.body.key);
    expect(await runtime.runAs('alpha', () => kvsMessages.listParked('sup-dev'))).toEqual([]);
  });

  it('parks the notice when beta no longer shares the key (a forged or stale partner)', async () => {
    await runtime.runAs('beta', () => kvsConnections.save(connection('DEV', 'alpha', 'SUP'), { signingKey: randomBytes(32).toString('base64url'), partnerInboxUrl: runtime.webTriggerUrl('alpha', 'partner-inbox') }));
    const rest = restClient(emulator.fetch, emulator.site('alpha').baseUrl, 'sam');
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Refund not received' } });
    expect(created.status).toBe(201);
    await runtime.idle();
    const parked = await runtime.runAs('alpha', () => kvsMessages.listParked('sup-dev'));
    expect(parked).toEqual([expect.objectContaining({ reason: expect.stringContaining('partner refused with 401') })]);
  });
});
