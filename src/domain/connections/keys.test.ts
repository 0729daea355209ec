import { describe, expect, it } from 'vitest';
import { CONNECTION_ID, PUBLIC_KEY, deriveSigningKey, generateKeyPair, newConnectionId, randomSecret } from './keys';

describe('connection keys', () => {
  it('derives the same 32-byte key on both sides, and never the public or private keys themselves', () => {
    const alpha = generateKeyPair();
    const beta = generateKeyPair();
    const onAlpha = deriveSigningKey(alpha.privateKey, beta.publicKey, 'conn-1');
    const onBeta = deriveSigningKey(beta.privateKey, alpha.publicKey, 'conn-1');
    expect(onAlpha).toEqual(onBeta);
    if (!onAlpha.ok) throw new Error('derivation failed');
    expect(Buffer.from(onAlpha.signingKey, 'base64url')).toHaveLength(32);
    expect([alpha.publicKey, beta.publicKey, alpha.privateKey, beta.privateKey]).not.toContain(onAlpha.signingKey);
  });

  it('binds the key to the connection id and to the pair', () => {
    const alpha = generateKeyPair();
    const beta = generateKeyPair();
    const other = generateKeyPair();
    const key = (priv: string, pub: string, id: string) => { const r = deriveSigningKey(priv, pub, id); if (!r.ok) throw new Error(r.reason); return r.signingKey; };
    expect(key(alpha.privateKey, beta.publicKey, 'conn-1')).not.toBe(key(alpha.privateKey, beta.publicKey, 'conn-2'));
    expect(key(alpha.privateKey, beta.publicKey, 'conn-1')).not.toBe(key(alpha.privateKey, other.publicKey, 'conn-1'));
  });

  it('refuses partner keys that are malformed or degenerate', () => {
    const alpha = generateKeyPair();
    expect(deriveSigningKey(alpha.privateKey, 'short', 'c')).toEqual({ ok: false, reason: 'the public key is not 32 bytes of base64url' });
    // All zeros is a low-order point: the shared secret would be zero, known to anyone.
    expect(deriveSigningKey(alpha.privateKey, Buffer.alloc(32).toString('base64url'), 'c')).toMatchObject({ ok: false });
  });

  it('makes public keys, ids and secrets of the expected shapes, different each time', () => {
    const pair = generateKeyPair();
    expect(pair.publicKey).toMatch(PUBLIC_KEY);
    expect(newConnectionId()).toMatch(CONNECTION_ID);
    expect(newConnectionId()).not.toBe(newConnectionId());
    expect(randomSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(randomSecret());
  });
});
