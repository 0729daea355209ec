import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeInvitation, parseInvitation, type Invitation } from './invitation';
import { generateKeyPair, randomSecret } from './keys';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const invitation = (): Invitation => ({
  v: 1,
  connectionId: 'Zk3_q-9aXbLmN0pQrStUvw',
  inboxUrl: 'https://1234.hello.atlassian-dev.net/x1/abcDEF',
  projectKey: 'SUP',
  site: { cloudId: '0b9c1c8e-2f1d-4c3b-a1e2-3f4a5b6c7d8e', url: 'https://alpha.atlassian.net' },
  token: randomSecret(),
  publicKey: generateKeyPair().publicKey,
  expiresAt: '2026-12-02T10:00:00.000Z',
});

/** Re-encodes a payload with a correct checksum: what a deliberate forger (not a careless copy) would make. */
function forge(payload: unknown, version = 1): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const check = createHash('sha256').update(`LSI${version}.${body}`).digest().subarray(0, 9).toString('base64url');
  return `LSI${version}.${body}.${check}`;
}

describe('invitation codes', () => {
  it('round-trips, and survives the whitespace mail clients add', () => {
    const inv = invitation();
    const code = encodeInvitation(inv);
    expect(code).toMatch(/^LSI1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{12}$/);
    expect(parseInvitation(code, NOW)).toEqual({ ok: true, invitation: inv });
    const wrapped = `  ${code.slice(0, 40)}\n  ${code.slice(40)}\n`;
    expect(parseInvitation(wrapped, NOW)).toEqual({ ok: true, invitation: inv });
  });

  it('refuses a code that was altered or damaged', () => {
    const code = encodeInvitation(invitation());
    const i = 30;
    const tampered = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
    expect(parseInvitation(tampered, NOW)).toEqual({ ok: false, problem: 'damaged', message: 'The invitation code is damaged or was altered: copy it again, in full.' });
    expect(parseInvitation(code.slice(0, -3), NOW)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('refuses an expired code, naming when it expired', () => {
    const code = encodeInvitation(invitation());
    expect(parseInvitation(code, Date.parse('2026-12-02T10:00:00.000Z'))).toEqual({
      ok: false, problem: 'expired', message: 'This invitation code expired at 2026-12-02T10:00:00.000Z. Ask the partner project\'s admin for a new one.',
    });
  });

  it('refuses another version, by tag or by payload', () => {
    expect(parseInvitation(forge(invitation(), 2), NOW)).toMatchObject({ ok: false, problem: 'version', message: expect.stringContaining('version 2') });
    expect(parseInvitation(forge({ ...invitation(), v: 2 }), NOW)).toMatchObject({ ok: false, problem: 'malformed', message: expect.stringContaining('v:') });
  });

  it('names each malformed field', () => {
    const result = parseInvitation(forge({ ...invitation(), inboxUrl: 'javascript:alert(1)', projectKey: 'sup', extra: true }), NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe('malformed');
    expect(result.message).toContain('inboxUrl');
    expect(result.message).toContain('projectKey: a Jira project key');
    expect(result.message).toContain('extra');
  });

  it('tells apart nothing pasted, something else pasted, and a payload that is not JSON', () => {
    expect(parseInvitation('', NOW)).toMatchObject({ ok: false, problem: 'missing' });
    expect(parseInvitation(undefined, NOW)).toMatchObject({ ok: false, problem: 'missing' });
    expect(parseInvitation('hello world', NOW)).toMatchObject({ ok: false, problem: 'not-a-code' });
    expect(parseInvitation('LSI1.' + 'A'.repeat(5000) + '.x', NOW)).toMatchObject({ ok: false, problem: 'not-a-code' });
    const notJson = Buffer.from('{nope').toString('base64url');
    const check = createHash('sha256').update(`LSI1.${notJson}`).digest().subarray(0, 9).toString('base64url');
    expect(parseInvitation(`LSI1.${notJson}.${check}`, NOW)).toMatchObject({ ok: false, problem: 'malformed', message: expect.stringContaining('not JSON') });
  });
});
