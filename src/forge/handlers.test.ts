/** The event-driven handlers: product events, the partner web trigger, queue consumers. */
import { describe, expect, it } from 'vitest';
import { handlePartnerRequest } from './webtrigger/partner';
import { handleProductEvent } from './triggers/product-event';
import { readQueueMessage } from './consumers/queue';
import { MemoryConnections } from '../ports/fakes/connections';
import { sign } from '../domain/signing';

const connections = new MemoryConnections();
connections.put({ id: 'c1', localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 0, lastActivity: null, openErrors: 0 }, 'k'.repeat(43));
connections.put({ id: 'c2', localProjectKey: 'SUP', partnerSite: 'gamma', partnerProject: 'OPS', state: 'paused', pairs: 0, lastActivity: null, openErrors: 0 });
const now = 1_790_000_000_000;
const request = (headers: Record<string, string>, body = '{"v":1}') => ({ method: 'POST', headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), body });

describe('partner web trigger', () => {
  const deps = { connections, now: () => now };
  it('answers 401 alike to unknown connections, missing and bad signatures', async () => {
    for (const headers of [{}, { 'x-lockstep-connection': 'nope' }, { 'x-lockstep-connection': 'c1', 'x-lockstep-timestamp': String(now), 'x-lockstep-signature': sign('other', now, '{"v":1}') }]) {
      const res = await handlePartnerRequest(deps, request(headers));
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe('{"error":"Request not authenticated."}');
    }
  });
  it('refuses replays outside the window and non-POST methods', async () => {
    const old = now - 10 * 60_000;
    expect((await handlePartnerRequest(deps, request({ 'x-lockstep-connection': 'c1', 'x-lockstep-timestamp': String(old), 'x-lockstep-signature': sign('k'.repeat(43), old, '{"v":1}') }))).statusCode).toBe(401);
    expect((await handlePartnerRequest(deps, { method: 'GET', headers: {} })).statusCode).toBe(405);
  });
  it('lets a correctly signed request through authentication', async () => {
    const res = await handlePartnerRequest(deps, request({ 'x-lockstep-connection': 'c1', 'x-lockstep-timestamp': String(now), 'x-lockstep-signature': sign('k'.repeat(43), now, '{"v":1}') }));
    expect(res.statusCode).toBe(422);
  });
});

describe('product event trigger', () => {
  it('finds the running syncs of the changed issue\'s project', async () => {
    const event = { eventType: 'avi:jira:updated:issue', atlassianId: 'u1', issue: { id: '10001', key: 'SUP-1', fields: { project: { id: '1', key: 'SUP' } } } };
    expect(await handleProductEvent({ connections }, event)).toEqual({ eventType: 'avi:jira:updated:issue', project: 'SUP', syncs: 1 });
  });
  it('drops payloads it cannot read instead of failing (a retry would fail the same way)', async () => {
    expect(await handleProductEvent({ connections }, { eventType: 42 })).toMatchObject({ ignored: expect.stringContaining('unreadable') });
  });
});

describe('queue consumers', () => {
  it('accept versioned envelopes and name what is wrong with anything else', () => {
    expect(readQueueMessage({ body: { v: 1, type: 'issue-changed', connectionId: 'c1', messageId: 'm1' } })).toMatchObject({ accepted: { type: 'issue-changed' } });
    expect(readQueueMessage({ body: { v: 2, type: 'x' } })).toEqual({ dropped: expect.stringMatching(/v: .*connectionId: .*messageId: /) });
  });
});
