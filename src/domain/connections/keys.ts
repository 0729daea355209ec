/**
 * Key material of a connection: X25519 key pairs for the invitation handshake, the HKDF step that turns
 * their shared secret into the connection's signing key, and the random ids and tokens around them.
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

/** Connection ids: what partner messages and web trigger headers accept. */
export const CONNECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A raw 32-byte X25519 public key, base64url (the JWK `x` member). */
export const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

/** Salt of the key derivation: ties the key to this use, whatever else an X25519 pair might be used for. */
const HKDF_SALT = 'lockstep/connection-signing-key/v1';

export interface KeyPair {
  /** Raw public key, base64url: safe to send. */
  publicKey: string;
  /** PKCS#8 DER, base64url: a secret, kept only in secret storage. */
  privateKey: string;
}

/** A fresh X25519 key pair for one handshake. */
export function generateKeyPair(): KeyPair {
  const pair = generateKeyPairSync('x25519');
  const x = pair.publicKey.export({ format: 'jwk' }).x;
  if (!x) throw new Error('X25519 public key has no raw form');
  return { publicKey: x, privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url') };
}

export type DeriveResult = { ok: true; signingKey: string } | { ok: false; reason: string };

/**
 * The connection's signing key: X25519(own private, partner public) → HKDF-SHA256 with the connection id
 * as info, 32 bytes, base64url. Both sides get the same key without it ever crossing the wire.
 */
export function deriveSigningKey(privateKey: string, partnerPublicKey: string, connectionId: string): DeriveResult {
  if (!PUBLIC_KEY.test(partnerPublicKey)) return { ok: false, reason: 'the public key is not 32 bytes of base64url' };
  try {
    const own = createPrivateKey({ key: Buffer.from(privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
    const partner = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: partnerPublicKey }, format: 'jwk' });
    // OpenSSL refuses low-order points (an all-zero shared secret), so a degenerate key fails here.
    const shared = diffieHellman({ privateKey: own, publicKey: partner });
    return { ok: true, signingKey: Buffer.from(hkdfSync('sha256', shared, HKDF_SALT, connectionId, 32)).toString('base64url') };
  } catch {
    return { ok: false, reason: 'the public key is not a usable X25519 key' };
  }
}

/** 32 random bytes, base64url: signing keys of same-site connections, invitation tokens. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** A new connection id: 128 random bits, matching CONNECTION_ID. */
export const newConnectionId = (): string => randomBytes(16).toString('base64url');
