/**
 * A connection's signing keys during a rotation: the key it signs with (`current`), a key the partner has
 * derived but not yet switched to (`next`), and the key it signed with before (`previous`), accepted only
 * until its grace period ends. Pure: callers pass the time and store the result.
 */
import { z } from 'zod';

/** How long a replaced key still verifies: twelve replay windows, so a switch whose confirmation was lost still completes. */
export const ROTATION_GRACE_MS = 60 * 60_000;

const Key = z.string().min(1).max(200);
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const KeyRing = z.object({
  current: Key,
  /** Derived in a rotation this side answered or started, accepted now, signed with once the partner uses it. */
  next: z.object({ key: Key, rotationId: Id }).strict().optional(),
  /** The key before the last switch, accepted until `until` (Unix ms). */
  previous: z.object({ key: Key, until: z.number().int().nonnegative() }).strict().optional(),
}).strict();
export type KeyRing = z.infer<typeof KeyRing>;

/** Which of a ring's keys verified a request. */
export type KeySlot = 'current' | 'next' | 'previous';

/** A fresh ring: one key, nothing rotating. */
export const ringOf = (key: string): KeyRing => ({ current: key });

/**
 * The keys a request may be signed with at `now`, current first. `previous: false` leaves out the replaced
 * key, for requests that must not be made with a key that may have leaked (a rotation offer).
 */
export function acceptedKeys(ring: KeyRing, now: number, options: { previous?: boolean } = {}): Array<{ slot: KeySlot; key: string }> {
  const out: Array<{ slot: KeySlot; key: string }> = [{ slot: 'current', key: ring.current }];
  if (ring.next) out.push({ slot: 'next', key: ring.next.key });
  if (ring.previous && ring.previous.until > now && options.previous !== false) out.push({ slot: 'previous', key: ring.previous.key });
  return out;
}

/** Drops a previous key whose grace has ended, so a stored ring never keeps a dead key. */
export function pruned(ring: KeyRing, now: number): KeyRing {
  return ring.previous && ring.previous.until <= now ? withoutPrevious(ring) : ring;
}

/** Accepts `key` from now on, still signing with the current one; a later offer replaces an unused next key. */
export function staged(ring: KeyRing, key: string, rotationId: string, now: number): KeyRing {
  return { ...pruned(ring, now), next: { key, rotationId } };
}

/** Signs with the next key from now on; the one it replaces verifies for the grace period. A ring with no next key is unchanged. */
export function promoted(ring: KeyRing, now: number): KeyRing {
  if (!ring.next) return ring;
  return { current: ring.next.key, previous: { key: ring.current, until: now + ROTATION_GRACE_MS } };
}

/** Switches to `key` at once (a same-site sync, whose two sides share one store); the old key keeps its grace. */
export function replaced(ring: KeyRing, key: string, now: number): KeyRing {
  return { current: key, previous: { key: ring.current, until: now + ROTATION_GRACE_MS } };
}

function withoutPrevious(ring: KeyRing): KeyRing {
  return ring.next ? { current: ring.current, next: ring.next } : { current: ring.current };
}
