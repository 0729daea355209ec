/** The receiver's check of partner requests, over in-memory stores: order of refusals, replays, key rings. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replaced, ROTATION_GRACE_MS, staged } from '../domain/connections/key-ring';
import { REPLAY_WINDOW_MS } from '../domain/signing';
import { MemoryClaims } from '../ports/fakes/claims';
import { MemoryConnections } from '../ports/fakes/connections';
import { authenticate, reader, signedHeaders, type ChannelGuard, type SignedRequest } from './partner-channel';

const T = 1_800_000_000_000;
const C = 'conn-1';
const K0 = 'k'.repeat(43);
const K1 = 'n'.repeat(43);
const read = reader(z.object({ v: z.literal(1), connectionId: z.string() }), 'test message');

async function world() {
  const connections = new MemoryConnections();
  await connections.save({ id: C, localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 0, lastActivity: null, openErrors: 0 }, { signingKey: K0, partnerInboxUrl: 'https://beta.example/x1/inbox' });
  const claims = new MemoryClaims();
  const clock = { now: T };
  const guard: ChannelGuard = { connections, claims, now: () => clock.now };
  return { connections, claims, clock, guard };
}

function request(key: string, body: unknown, at = T, extra: Record<string, string> = {}): SignedRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { ...signedHeaders(key, C, text, at), ...extra };
  return { method: 'POST', header: (n) => headers[n] ?? '', body: text };
}

const body = { v: 1, connectionId: C };

describe('authenticate', () => {
  it('admits a fresh, well-signed, well-formed request once, with the key slot that verified it', async () => {
    const { guard, claims } = await world();
    expect(await authenticate(guard, request(K0, body), read)).toEqual({ connectionId: C, message: body, slot: 'current' });
    expect(claims.size).toBe(1);
  });

  it('refuses an exact replay with 409, and admits the same body signed anew', async () => {
    const { guard, clock } = await world();
    const first = request(K0, body);
    await authenticate(guard, first, read);
    clock.now += 1000;
    expect(await authenticate(guard, first, read)).toEqual({ status: 409, body: { error: expect.stringContaining('already received') } });
    expect(await authenticate(guard, request(K0, body, T + 1000), read)).toMatchObject({ slot: 'current' });
  });

  it('refuses, claiming nothing: wrong method, unsigned, bad signature, other key, expired, unknown connection, not JSON, wrong shape', async () => {
    const { guard, claims } = await world();
    const cases: Array<[SignedRequest, number]> = [
      [{ ...request(K0, body), method: 'GET' }, 405],
      [{ method: 'POST', header: (n) => (n === 'x-lockstep-connection' ? C : ''), body: JSON.stringify(body) }, 401],
      [request(K0, body, T, { 'x-lockstep-signature': 'A'.repeat(43) }), 401],
      [request(K1, body), 401],
      [request(K0, body, T - REPLAY_WINDOW_MS - 1), 401],
      [request(K0, body, T, { 'x-lockstep-connection': 'nope' }), 401],
      [request(K0, body, T, { 'x-lockstep-connection': '../../etc' }), 401],
      [request(K0, 'not json'), 400],
      [request(K0, { v: 2, connectionId: C }), 422],
      [request(K0, { v: 1, connectionId: 'other' }), 422],
    ];
    for (const [req, status] of cases) expect((await authenticate(guard, req, read)) as { status: number }).toMatchObject({ status });
    expect(claims.size).toBe(0);
  });

  it('answers a deleted connection exactly like one that never existed', async () => {
    const { guard, connections } = await world();
    const req = request(K0, body);
    await connections.remove(C);
    expect(await authenticate(guard, req, read)).toEqual(await authenticate(guard, request(K0, body, T, { 'x-lockstep-connection': 'never' }), read));
  });

  it('switches to a staged key the first time the partner signs with it', async () => {
    const { guard, connections } = await world();
    await connections.saveKeyRing(C, staged({ current: K0 }, K1, 'r1', T));
    expect(await authenticate(guard, request(K0, body), read)).toMatchObject({ slot: 'current' });
    expect((await connections.keyRing(C))?.current).toBe(K0);
    expect(await authenticate(guard, request(K1, body, T + 1), read)).toMatchObject({ slot: 'next' });
    expect(await connections.keyRing(C)).toEqual({ current: K1, previous: { key: K0, until: T + ROTATION_GRACE_MS } });
  });

  it('accepts a replaced key during its grace period only, and never where the caller refuses it', async () => {
    const { guard, connections, clock } = await world();
    await connections.saveKeyRing(C, replaced({ current: K0 }, K1, T));
    expect(await authenticate(guard, request(K0, body), read)).toMatchObject({ slot: 'previous' });
    expect(await authenticate(guard, request(K0, body, T + 1), read, { previous: false })).toMatchObject({ status: 401 });
    clock.now = T + ROTATION_GRACE_MS;
    expect(await authenticate(guard, request(K0, body, clock.now), read)).toMatchObject({ status: 401 });
    expect(await authenticate(guard, request(K1, body, clock.now), read)).toMatchObject({ slot: 'current' });
  });
});
