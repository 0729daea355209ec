import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_MS, sign, verify } from './signing';

const key = 'a-connection-key-of-enough-entropy-0123456789';
const now = 1_790_000_000_000;

describe('partner request signatures', () => {
  it('accepts a fresh, correctly signed body', () => {
    expect(verify(key, String(now), '{"a":1}', sign(key, now, '{"a":1}'), now + 1000)).toEqual({ ok: true });
  });
  it('rejects a changed body, another key, and a replay outside the window', () => {
    const sig = sign(key, now, '{"a":1}');
    expect(verify(key, String(now), '{"a":2}', sig, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(`${key}x`, String(now), '{"a":1}', sig, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(key, String(now), '{"a":1}', sig, now + REPLAY_WINDOW_MS + 1)).toEqual({ ok: false, reason: 'expired' });
  });
  it('rejects malformed timestamps and signatures before comparing anything', () => {
    expect(verify(key, 'yesterday', '', sign(key, now, ''), now).ok).toBe(false);
    expect(verify(key, String(now), '', 'short', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
