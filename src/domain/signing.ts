/** Partner request signatures: HMAC-SHA256 over timestamp and body, a replay window, constant-time compare. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const REPLAY_WINDOW_MS = 5 * 60_000;

export function sign(key: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${timestamp}.${body}`).digest('base64url');
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'bad-signature' };

/** Checks a signature made with `sign`; `now` comes from the caller's clock. */
export function verify(key: string, timestamp: string, body: string, signature: string, now: number): VerifyResult {
  const ts = Number(timestamp);
  if (!/^\d{10,16}$/.test(timestamp) || !Number.isSafeInteger(ts) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now - ts) > REPLAY_WINDOW_MS) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(sign(key, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
