import { describe, expect, it } from 'vitest';
import { acceptedKeys, KeyRing, promoted, pruned, replaced, ringOf, ROTATION_GRACE_MS, staged } from './key-ring';

const T = 1_800_000_000_000;
const slots = (ring: KeyRing, now: number, previous?: boolean) => acceptedKeys(ring, now, previous === undefined ? {} : { previous }).map((k) => `${k.slot}:${k.key}`);

describe('connection key rings', () => {
  it('accepts only the current key of a fresh ring', () => {
    expect(slots(ringOf('k0'), T)).toEqual(['current:k0']);
  });

  it('stages a partner\'s key: accepted at once, signed with only after promotion', () => {
    const ring = staged(ringOf('k0'), 'k1', 'r1', T);
    expect(ring).toEqual({ current: 'k0', next: { key: 'k1', rotationId: 'r1' } });
    expect(slots(ring, T)).toEqual(['current:k0', 'next:k1']);
    // A later offer replaces a key that was never used.
    expect(staged(ring, 'k2', 'r2', T).next).toEqual({ key: 'k2', rotationId: 'r2' });
  });

  it('promotes the staged key and keeps the replaced one for the grace period only', () => {
    const ring = promoted(staged(ringOf('k0'), 'k1', 'r1', T), T);
    expect(ring).toEqual({ current: 'k1', previous: { key: 'k0', until: T + ROTATION_GRACE_MS } });
    expect(slots(ring, T + ROTATION_GRACE_MS - 1)).toEqual(['current:k1', 'previous:k0']);
    expect(slots(ring, T + ROTATION_GRACE_MS)).toEqual(['current:k1']);
    expect(pruned(ring, T + ROTATION_GRACE_MS)).toEqual({ current: 'k1' });
    expect(pruned(ring, T)).toBe(ring);
    // Nothing staged: promotion changes nothing.
    expect(promoted(ringOf('k0'), T)).toEqual({ current: 'k0' });
  });

  it('leaves the replaced key out where a leaked key must not be enough', () => {
    const ring = replaced(ringOf('k0'), 'k1', T);
    expect(slots(ring, T, false)).toEqual(['current:k1']);
    expect(slots(ring, T)).toEqual(['current:k1', 'previous:k0']);
  });

  it('replaces at once for a same-site sync, dropping a key whose grace had already ended', () => {
    const twice = replaced(replaced(ringOf('k0'), 'k1', T), 'k2', T + 1);
    expect(twice).toEqual({ current: 'k2', previous: { key: 'k1', until: T + 1 + ROTATION_GRACE_MS } });
    expect(staged(replaced(ringOf('k0'), 'k1', T), 'k2', 'r', T + ROTATION_GRACE_MS)).toEqual({ current: 'k1', next: { key: 'k2', rotationId: 'r' } });
  });

  it('reads stored rings strictly', () => {
    expect(KeyRing.safeParse({ current: 'k', previous: { key: 'p', until: 1 }, next: { key: 'n', rotationId: 'r1' } }).success).toBe(true);
    expect(KeyRing.safeParse({ current: '' }).success).toBe(false);
    expect(KeyRing.safeParse({ current: 'k', extra: 1 }).success).toBe(false);
  });
});
