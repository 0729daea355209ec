import { describe, expect, it } from 'vitest';
import { bodyBytes, bodyLimit, CHANGE_NOTICE, PLATFORM_BODY_LIMIT } from './body-limits';
import { Channel } from './messages';

const id = (i: number) => String(10_000_000 + i);
const fits = (channel: string, body: unknown) => expect(bodyBytes(JSON.stringify(body))).toBeLessThanOrEqual(bodyLimit(channel)!);

describe('partner channel body limits', () => {
  it('knows every channel and the change-notice path, and nothing else', () => {
    for (const channel of [...Object.values(Channel), CHANGE_NOTICE]) expect(bodyLimit(channel)).toBeGreaterThan(0);
    expect(bodyLimit('gossip')).toBeUndefined();
    expect(bodyLimit('toString')).toBeUndefined();
    expect(bodyLimit('__proto__')).toBeUndefined();
  });

  it('never exceeds what the platform delivers', () => {
    for (const channel of [...Object.values(Channel), CHANGE_NOTICE]) expect(bodyLimit(channel)).toBeLessThanOrEqual(PLATFORM_BODY_LIMIT);
  });

  it('fits the largest request each of our senders makes', () => {
    const key = (i: number) => `PROJECTKEY-${100_000 + i}`;
    fits(Channel.pairs, { v: 1, pairs: Array.from({ length: 1000 }, (_, i) => ({ localId: id(i), localKey: key(i), partnerId: id(i + 5000), partnerKey: key(i + 5000) })) });
    fits(Channel.snapshot, { v: 1, issueIds: Array.from({ length: 100 }, (_, i) => id(i)), fields: Array.from({ length: 200 }, (_, i) => `customfield_${10_000 + i}`), anyDirection: true, status: true });
    fits(Channel.index, { v: 1, cursor: 'c'.repeat(2000), field: `customfield_${'1'.repeat(50)}`, bySyncFilter: true, updatedSince: Date.now() });
    fits(Channel.catalog, { v: 1, connectionId: 'c'.repeat(64) });
    fits(Channel.control, { v: 1, connectionId: 'c'.repeat(64), messageId: 'm'.repeat(64), at: Date.now(), type: 'connection-state', state: 'running' });
    fits(Channel.rotate, { v: 1, type: 'key-offer', connectionId: 'c'.repeat(64), rotationId: 'r'.repeat(64), publicKey: 'p'.repeat(43) });
    fits(Channel.handshake, { v: 1, type: 'handshake-request', connectionId: 'c'.repeat(64), publicKey: 'p'.repeat(43), inboxUrl: `https://${'x'.repeat(300)}`, projectKey: 'PROJECTKEY', site: { cloudId: 'c'.repeat(100), url: `https://${'s'.repeat(300)}` } });
    // "Sync existing issues": 50 issues with a 2,000-word description each, well under the limit.
    const doc = { adf: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'word '.repeat(2000) }] }] } };
    fits(Channel.create, { v: 1, side: 'SUP<beta/DEV', items: Array.from({ length: 50 }, (_, i) => ({ origin: { issueId: id(i), key: key(i) }, at: Date.now(), change: { kind: 'issue', create: true, issueType: { id: '10001', name: 'Task' }, fields: { summary: 's'.repeat(255), description: doc, labels: ['a', 'b'] } } })) });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(bodyBytes('é')).toBe(2);
    expect(bodyBytes('€')).toBe(3);
  });
});
