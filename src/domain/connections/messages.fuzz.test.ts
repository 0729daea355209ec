/**
 * Fuzzing what one installation reads from another about a connection: handshake requests and answers,
 * control messages and their acknowledgements, and pasted invitation codes. Each parses into its type or
 * is refused with a reason; nothing throws, runs long or touches a prototype.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoPollution, expectPlainTree, fuzz, hostileChar, hostileText, mutatedValue, PROPERTY_TIMEOUT_MS, stringifyJson, timed, type Json } from '../../../test/support/fuzz';
import { hostileLike } from '../../../test/support/fuzz-messages';
import { describeIssues } from '../notices';
import { encodeInvitation, parseInvitation, type Invitation } from './invitation';
import { ControlAck, ControlMessage, HandshakeAccepted, HandshakeRequest, SignedReply } from './messages';

const site = { cloudId: '0b9c1c8e-2f1d-4c3b-a1e2-3f4a5b6c7d8e', url: 'https://alpha.atlassian.net' };
const key = 'A'.repeat(43);
const schemas = [
  { name: 'handshake request', schema: HandshakeRequest, valid: { v: 1, type: 'handshake-request', connectionId: 'Zk3_q-9aXbLmN0pQrStUvw', publicKey: key, inboxUrl: 'https://1234.hello.atlassian-dev.net/x1/abc', projectKey: 'DEV', site } },
  { name: 'handshake answer', schema: HandshakeAccepted, valid: { v: 1, type: 'handshake-accepted', connectionId: 'Zk3_q-9aXbLmN0pQrStUvw', projectKey: 'SUP' } },
  { name: 'signed reply', schema: SignedReply, valid: { message: '{"v":1}', timestamp: '1790000000000', signature: key } },
  { name: 'state control', schema: ControlMessage, valid: { v: 1, type: 'connection-state', connectionId: 'sup-dev', messageId: 'm-1', at: 1_790_000_000_000, state: 'paused' } },
  { name: 'delete control', schema: ControlMessage, valid: { v: 1, type: 'connection-deleted', connectionId: 'sup-dev', messageId: 'm-2', at: 1_790_000_000_000 } },
  { name: 'control acknowledgement', schema: ControlAck, valid: { accepted: 'm-1', applied: true } },
] as const;

describe('connection messages under fuzzing', () => {
  it.each(schemas)('a $name parses into its type or is refused naming the problem', ({ schema, valid }) => {
    fuzz(fc.property(hostileLike(valid), (raw) => {
      const parsed = timed(() => schema.safeParse(raw));
      expectNoPollution();
      if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/\S/);
      else {
        expectPlainTree(parsed.data);
        // Sent on as JSON and read again by the same schema (compared as JSON: -0 travels as 0).
        const text = JSON.stringify(parsed.data);
        expect(JSON.stringify(schema.parse(JSON.parse(text)))).toBe(text);
      }
    }));
  }, PROPERTY_TIMEOUT_MS);
});

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const invitation: Invitation = {
  v: 1, connectionId: 'Zk3_q-9aXbLmN0pQrStUvw', inboxUrl: 'https://1234.hello.atlassian-dev.net/x1/abcDEF', projectKey: 'SUP', site,
  token: 'T'.repeat(43), publicKey: key, expiresAt: '2026-12-02T10:00:00.000Z',
};
const code = encodeInvitation(invitation);

/** A payload re-encoded with a correct checksum: what a deliberate forger would paste. */
function forge(payload: unknown, version = '1'): string {
  const body = Buffer.from(stringifyJson(payload as Json)).toString('base64url');
  return `LSI${version}.${body}.${createHash('sha256').update(`LSI${version}.${body}`).digest().subarray(0, 9).toString('base64url')}`;
}

const pasted = fc.oneof(
  { arbitrary: hostileText, weight: 2 },
  // The real code, damaged in transit: characters inserted, dropped or changed, whitespace added.
  { arbitrary: fc.tuple(fc.nat(), fc.string({ unit: hostileChar, maxLength: 3 }), fc.integer({ min: 0, max: 3 })).map(([at, text, drop]) => { const i = at % (code.length + 1); return code.slice(0, i) + text + code.slice(i + drop); }), weight: 2 },
  // A forger's code: the payload mutated, the checksum right.
  { arbitrary: fc.tuple(mutatedValue(invitation), fc.constantFrom('1', '1', '2', '001', '999')).map(([p, v]) => forge(p, v)), weight: 3 },
  { arbitrary: fc.anything(), weight: 1 },
);

describe('invitation codes under fuzzing', () => {
  it('parse into an invitation or one refusal an admin can act on', () => {
    fuzz(fc.property(pasted, (input) => {
      const result = timed(() => parseInvitation(input, NOW));
      expectNoPollution();
      expectPlainTree(result);
      if (result.ok) {
        expect(Date.parse(result.invitation.expiresAt)).toBeGreaterThan(NOW);
        expect(encodeInvitation(result.invitation)).toMatch(/^LSI1\./);
      } else {
        expect(['missing', 'not-a-code', 'version', 'damaged', 'malformed', 'expired']).toContain(result.problem);
        expect(result.message).toMatch(/\S/);
      }
    }));
  }, PROPERTY_TIMEOUT_MS);
});
