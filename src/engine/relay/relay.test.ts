/** The relay over fakes: notice → outbox → signed delivery → partner inbox, and every way it can go wrong. */
import { describe, expect, it } from 'vitest';
import { sign } from '../../domain/signing';
import type { ChangeNotice } from '../../domain/notices';
import type { ConnectionSummary } from '../../ports/connections';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryMessages, MemoryQueue } from '../../ports/fakes/relay';
import type { PartnerReply, PartnerTransport } from '../../ports/relay';
import { noticeChange } from './notice-change';
import { deliverNotice, backoffSeconds } from './deliver-notice';
import { receivePartnerRequest, type PartnerRequest } from './receive-notice';

const now = 1_790_000_000_000;
const KEY = 'k'.repeat(43);
const summary = (id: string, state: ConnectionSummary['state'] = 'running'): ConnectionSummary => ({
  id, localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state, pairs: 0, lastActivity: null, openErrors: 0,
});
const issueEvent = { eventType: 'avi:jira:updated:issue', atlassianId: 'u1', issue: { id: '10001', key: 'SUP-1', fields: { project: { id: '1', key: 'SUP' } } } };

async function setup() {
  const connections = new MemoryConnections();
  await connections.save(summary('c1'), { signingKey: KEY, partnerInboxUrl: 'https://beta.example/x1/abc' });
  await connections.save(summary('c2', 'paused'), { signingKey: KEY, partnerInboxUrl: 'https://gamma.example/x1/def' });
  const messages = new MemoryMessages();
  const outbox = new MemoryQueue();
  const inbox = new MemoryQueue();
  let n = 0;
  return { connections, messages, outbox, inbox, newId: () => `m${++n}`, now: () => now };
}

const partner = (reply: PartnerReply | Error, seen: Array<{ url: string; body: string; headers: Record<string, string> }> = []): PartnerTransport => ({
  async post(url, body, headers) {
    seen.push({ url, body, headers });
    if (reply instanceof Error) throw reply;
    return reply;
  },
});

describe('noticeChange (product event trigger)', () => {
  it('stores and queues one notice per running connection of the project', async () => {
    const d = await setup();
    expect(await noticeChange(d, issueEvent)).toEqual({ eventType: 'avi:jira:updated:issue', project: 'SUP', notices: 1 });
    expect(d.outbox.pushed).toEqual([{ v: 1, type: 'change-notice', connectionId: 'c1', messageId: 'm1' }]);
    expect(await d.messages.getOutgoing('c1', 'm1')).toMatchObject({ issue: { id: '10001', key: 'SUP-1' }, occurredAt: new Date(now).toISOString() });
  });
  it('drops payloads it cannot read, and events without an issue, instead of failing', async () => {
    const d = await setup();
    expect(await noticeChange(d, { eventType: 42 })).toMatchObject({ ignored: expect.stringContaining('unreadable') });
    expect(await noticeChange(d, { eventType: 'avi:jira:created:issuelink' })).toEqual({ ignored: 'avi:jira:created:issuelink names no issue' });
    expect(d.outbox.pushed).toEqual([]);
  });
});

describe('deliverNotice (outbox consumer)', () => {
  const envelope = { v: 1 as const, type: 'change-notice', connectionId: 'c1', messageId: 'm1' };
  async function queued() {
    const d = await setup();
    await noticeChange(d, issueEvent);
    return d;
  }
  it('signs the notice, and forgets it once the partner acknowledges', async () => {
    const d = await queued();
    const seen: Array<{ url: string; body: string; headers: Record<string, string> }> = [];
    const result = await deliverNotice({ ...d, partner: partner({ status: 202, body: '{"accepted":"m1","duplicate":false}' }, seen) }, envelope);
    expect(result).toEqual({ status: 'sent', duplicate: false });
    expect(seen[0]!.url).toBe('https://beta.example/x1/abc');
    expect(seen[0]!.headers['x-lockstep-signature']).toBe(sign(KEY, now, seen[0]!.body));
    expect(await d.messages.getOutgoing('c1', 'm1')).toBeUndefined();
  });
  it('retries busy or unreachable partners, honouring Retry-After, and keeps the notice', async () => {
    const d = await queued();
    expect(await deliverNotice({ ...d, partner: partner({ status: 429, body: '', retryAfterSeconds: 42 }) }, envelope)).toMatchObject({ status: 'retry', afterSeconds: 42 });
    expect(await deliverNotice({ ...d, partner: partner({ status: 503, body: '' }) }, envelope, 2)).toMatchObject({ status: 'retry', afterSeconds: backoffSeconds(2) });
    expect(await deliverNotice({ ...d, partner: partner(new Error('ECONNREFUSED')) }, envelope)).toMatchObject({ status: 'retry', reason: expect.stringContaining('ECONNREFUSED') });
    expect(await d.messages.getOutgoing('c1', 'm1')).toBeDefined();
  });
  it('parks a refused notice with the reason, once', async () => {
    const d = await queued();
    expect(await deliverNotice({ ...d, partner: partner({ status: 401, body: '{"error":"Request not authenticated."}' }) }, envelope)).toMatchObject({ status: 'parked', reason: expect.stringContaining('401') });
    expect(await d.messages.listParked('c1')).toHaveLength(1);
    expect(await deliverNotice({ ...d, partner: partner({ status: 202, body: '{}' }) }, envelope)).toEqual({ status: 'gone' });
  });
  it('parks a 2xx that does not acknowledge this message', async () => {
    const d = await queued();
    expect(await deliverNotice({ ...d, partner: partner({ status: 200, body: '{"accepted":"other","duplicate":false}' }) }, envelope)).toMatchObject({ status: 'parked' });
  });
  it('hands same-site notices straight to the inbox', async () => {
    const d = await setup();
    await d.connections.save(summary('c1'), { signingKey: KEY, partnerInboxUrl: null });
    await noticeChange(d, issueEvent);
    expect(await deliverNotice({ ...d, partner: partner(new Error('must not be called')) }, envelope)).toEqual({ status: 'sent', duplicate: false });
    expect(d.inbox.pushed).toEqual([envelope]);
  });
});

describe('receivePartnerRequest (partner web trigger)', () => {
  const notice: ChangeNotice = { v: 1, type: 'change-notice', messageId: 'm1', connectionId: 'c1', eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SUP-1' }, occurredAt: '2026-09-21T08:00:00.000Z' };
  const req = (body: string, headers: Record<string, string>, method = 'POST'): PartnerRequest => ({ method, body, header: (n) => headers[n] ?? '' });
  const signed = (body: string, key = KEY, ts = now, connection = 'c1') => req(body, { 'x-lockstep-connection': connection, 'x-lockstep-timestamp': String(ts), 'x-lockstep-signature': sign(key, ts, body) });

  it('answers 401 alike to unknown connections, missing, bad and replayed signatures', async () => {
    const d = await setup();
    const body = JSON.stringify(notice);
    for (const r of [req(body, {}), signed(body, KEY, now, 'nope'), signed(body, 'other'), signed(body, KEY, now - 10 * 60_000)]) {
      expect(await receivePartnerRequest(d, r)).toEqual({ status: 401, body: { error: 'Request not authenticated.' } });
    }
    expect((await receivePartnerRequest(d, req(body, {}, 'GET'))).status).toBe(405);
    expect(d.inbox.pushed).toEqual([]);
  });
  it('records an authenticated notice once, queues it, and acknowledges repeats as duplicates', async () => {
    const d = await setup();
    const body = JSON.stringify(notice);
    expect(await receivePartnerRequest(d, signed(body))).toEqual({ status: 202, body: { accepted: 'm1', duplicate: false } });
    expect(await receivePartnerRequest(d, signed(body))).toEqual({ status: 202, body: { accepted: 'm1', duplicate: true } });
    expect(d.inbox.pushed).toEqual([{ v: 1, type: 'change-notice', connectionId: 'c1', messageId: 'm1' }]);
  });
  it('names what is wrong with an authenticated but unreadable message, and refuses one for another connection', async () => {
    const d = await setup();
    const bad = JSON.stringify({ ...notice, issue: { id: 'x', key: 'SUP-1' } });
    expect(await receivePartnerRequest(d, signed(bad))).toEqual({ status: 422, body: { error: expect.stringContaining('issue.id') } });
    expect(await receivePartnerRequest(d, signed('not json'))).toEqual({ status: 400, body: { error: 'Body is not JSON.' } });
    const other = JSON.stringify({ ...notice, connectionId: 'c2' });
    expect(await receivePartnerRequest(d, signed(other))).toMatchObject({ status: 422 });
    expect(d.inbox.pushed).toEqual([]);
  });
});
