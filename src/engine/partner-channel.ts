/**
 * The two ends of a signed partner request: the headers a sender adds (the connection, a timestamp and an
 * HMAC of the body under the connection's key), and the receiver's check. Every refusal comes before any
 * side effect; an unknown connection, a deleted one and a bad signature answer alike, so a caller learns
 * nothing about which connections exist. See docs/decisions/0015-web-trigger-hardening.md.
 */
import type { z } from 'zod';
import { CHANNEL_HEADER, CONNECTION_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../domain/connections/messages';
import { CONNECTION_ID } from '../domain/connections/keys';
import { acceptedKeys, promoted, type KeyRing, type KeySlot } from '../domain/connections/key-ring';
import { describeIssues } from '../domain/notices';
import { REPLAY_WINDOW_MS, sign, verify } from '../domain/signing';
import { replayKey, type ClaimStore } from '../ports/claims';
import type { ConnectionDirectory } from '../ports/connections';

export interface SignedRequest {
  method: string;
  header: (name: string) => string;
  body: string;
}

export type Refusal = { status: number; body: { error: string } };

/** What the receiver checks a request against: the connection's keys, the signatures already seen, the time. */
export interface ChannelGuard {
  connections: Pick<ConnectionDirectory, 'keyRing' | 'saveKeyRing'>;
  claims: ClaimStore;
  now: () => number;
}

/** Reads a verified body into a message, or says why it cannot (answered 422). */
export type Read<T> = (json: unknown, connectionId: string) => { ok: true; value: T } | { ok: false; error: string };

/** A request that passed every check, with the key slot that verified it. */
export interface Admitted<T> {
  connectionId: string;
  message: T;
  slot: KeySlot;
}

export const refuse = (status: number, error: string): Refusal => ({ status, body: { error } });
export const UNAUTHENTICATED = refuse(401, 'Request not authenticated.');
export const REPLAYED = refuse(409, 'This request was already received: sign every attempt anew.');
export const NOT_POST = refuse(405, 'Only POST is accepted.');

/** Headers for `body` sent to the partner's connection `partnerId`; `channel` for anything but change notices. */
export function signedHeaders(key: string, partnerId: string, body: string, now: number, channel?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(channel ? { [CHANNEL_HEADER]: channel } : {}),
    [CONNECTION_HEADER]: partnerId,
    [TIMESTAMP_HEADER]: String(now),
    [SIGNATURE_HEADER]: sign(key, now, body),
  };
}

/** A reader from a schema; messages that name a connection must name the signing one. */
export function reader<T>(schema: z.ZodType<T>, what: string): Read<T> {
  return (json, connectionId) => {
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { ok: false, error: `Unreadable ${what}: ${describeIssues(parsed.error)}` };
    const named = (parsed.data as { connectionId?: unknown }).connectionId;
    // A signature binds the body to one connection: a message naming another is refused.
    if (named !== undefined && named !== connectionId) return { ok: false, error: 'connectionId: does not match the signing connection' };
    return { ok: true, value: parsed.data };
  };
}

/**
 * A POST whose signature verifies under one of its connection's keys, whose body reads as a message, and
 * whose signature was never seen before; else the refusal to answer. Checks run cheapest first, and the
 * signature is claimed only once everything else passed, so a refused request leaves nothing behind.
 * `previous: false` refuses the key a rotation replaced, even in its grace period.
 */
export async function authenticate<T>(guard: ChannelGuard, req: SignedRequest, read: Read<T>, options: { previous?: boolean } = {}): Promise<Admitted<T> | Refusal> {
  if (req.method !== 'POST') return NOT_POST;
  const connectionId = req.header(CONNECTION_HEADER);
  const now = guard.now();
  const ring = CONNECTION_ID.test(connectionId) ? await guard.connections.keyRing(connectionId) : undefined;
  const slot = ring && verifiedBy(ring, req, now, options);
  if (!ring || !slot) return UNAUTHENTICATED;
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return refuse(400, 'Body is not JSON.');
  }
  const read_ = read(json, connectionId);
  if (!read_.ok) return refuse(422, read_.error);
  // Kept for twice the window: a signature the window accepts now cannot be accepted later than that.
  if (!(await guard.claims.claim(replayKey(connectionId, req.header(SIGNATURE_HEADER)), now + 2 * REPLAY_WINDOW_MS, now))) return REPLAYED;
  // The partner signs with the key it derived in our rotation answer: it has switched, so do we.
  if (slot === 'next') await guard.connections.saveKeyRing(connectionId, promoted(ring, now));
  return { connectionId, message: read_.value, slot };
}

/** The slot of the key that signed the request, if any. */
function verifiedBy(ring: KeyRing, req: SignedRequest, now: number, options: { previous?: boolean }): KeySlot | undefined {
  const [timestamp, signature] = [req.header(TIMESTAMP_HEADER), req.header(SIGNATURE_HEADER)];
  return acceptedKeys(ring, now, options).find(({ key }) => verify(key, timestamp, req.body, signature, now).ok)?.slot;
}

export const isRefusal = <T>(r: Admitted<T> | Refusal): r is Refusal => 'status' in r;
