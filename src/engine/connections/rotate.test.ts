/** Key rotation over in-memory fakes: two installations wired through their web-trigger handlers, and a same-site pair. */
import { describe, expect, it } from 'vitest';
import { ROTATION_GRACE_MS } from '../../domain/connections/key-ring';
import { LockstepError } from '../../domain/errors';
import { rotationLockKey } from '../../ports/claims';
import { MemoryCleanupQueue } from '../../ports/fakes/cleanup';
import { MemoryClaims } from '../../ports/fakes/claims';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryLinks } from '../../ports/fakes/links';
import { MemoryPairs } from '../../ports/fakes/pairs';
import type { PartnerReply, PartnerTransport } from '../../ports/relay';
import { signedHeaders } from '../partner-channel';
import { acceptInvitation } from './accept';
import type { ConnectionsDeps } from './deps';
import { receiveConnectionRequest } from './inbound';
import { createInvitation } from './invite';
import { rotateSigningKey } from './rotate';
import { createSameSiteConnection } from './same-site';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

interface Site { deps: ConnectionsDeps; connections: MemoryConnections; claims: MemoryClaims; audit: MemoryAudit }

/** Sites reaching each other's handlers by URL; `drop` loses the requests it matches, as a broken network would. */
class Network implements PartnerTransport {
  now = T0;
  readonly sites = new Map<string, Site>();
  readonly wire: Array<{ headers: Record<string, string>; body: string; reply: PartnerReply }> = [];
  drop: (body: string) => boolean = () => false;

  site(name: string): Site {
    const s = { connections: new MemoryConnections(), claims: new MemoryClaims(), audit: new MemoryAudit() } as Site;
    s.deps = {
      connections: s.connections, links: new MemoryLinks(), partner: this, pairs: new MemoryPairs(), health: new MemoryHealth(), audit: s.audit,
      cleanup: new MemoryCleanupQueue(), data: { removeSome: async () => 0 }, claims: s.claims,
      localSite: async () => ({ identity: { cloudId: `cloud-${name}`, url: `https://${name}.atlassian.net` }, inboxUrl: `https://${name}.hello.example/x1/inbox` }),
      now: () => this.now,
    };
    this.sites.set(`https://${name}.hello.example/x1/inbox`, s);
    return s;
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<PartnerReply> {
    if (this.drop(body)) throw new Error('connection reset');
    const target = this.sites.get(url)!;
    const result = await receiveConnectionRequest(target.deps, { method: 'POST', header: (n) => headers[n.toLowerCase()] ?? '', body });
    const reply = { status: result.status, body: JSON.stringify(result.body) };
    this.wire.push({ headers, body, reply });
    return reply;
  }
}

async function linked() {
  const net = new Network();
  const [alpha, beta] = [net.site('alpha'), net.site('beta')];
  const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: 'ada' });
  await acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: 'dana' });
  const id = invited.connection.id;
  return { net, alpha, beta, id, oldKey: (await alpha.connections.signingKey(id))! };
}

/** A state-change control message from `from`'s side, signed with `key` at the network's time. */
function control(net: Network, id: string, key: string, state: 'running' | 'paused', n: number) {
  const body = JSON.stringify({ v: 1, connectionId: id, messageId: `m${n}`, at: net.now + n, type: 'connection-state', state });
  const headers = signedHeaders(key, id, body, net.now, 'control');
  return (to: Site) => receiveConnectionRequest(to.deps, { method: 'POST', header: (h) => headers[h] ?? '', body });
}

async function refusal(work: Promise<unknown>): Promise<LockstepError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof LockstepError)) throw new Error(`expected a LockstepError, got ${String(error)}`);
  return error;
}

describe('cross-site key rotation', () => {
  it('switches both sides to one new key that never crosses the wire, and audits it on both', async () => {
    const { net, alpha, beta, id, oldKey } = await linked();
    const result = await rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' });
    expect(result).toEqual({ connectionId: id, switched: true, previousKeyAcceptedUntil: new Date(T0 + ROTATION_GRACE_MS).toISOString(), partner: { notified: true } });
    const newKey = (await alpha.connections.signingKey(id))!;
    expect(newKey).not.toBe(oldKey);
    expect(await beta.connections.keyRing(id)).toEqual({ current: newKey, previous: { key: oldKey, until: T0 + ROTATION_GRACE_MS } });
    expect(await alpha.connections.keyRing(id)).toEqual({ current: newKey, previous: { key: oldKey, until: T0 + ROTATION_GRACE_MS } });
    expect(JSON.stringify(net.wire) + JSON.stringify(result)).not.toContain(newKey);
    expect(JSON.stringify(net.wire)).not.toContain(oldKey);
    for (const site of [alpha, beta]) expect((await site.audit.list(id)).entries.filter((e) => e.action === 'connection.key-rotated').length).toBeGreaterThan(0);
    expect(alpha.claims.size + beta.claims.size).toBe(2); // the offer's and the commit's signatures; no lock left behind
  });

  it('applies a message signed with the old key before the switch, and refuses the old key once the grace ends', async () => {
    const { net, alpha, beta, id, oldKey } = await linked();
    const inFlight = control(net, id, oldKey, 'running', 1);
    await rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' });
    net.now += 60_000;
    expect(await inFlight(beta)).toMatchObject({ status: 200, body: { applied: true } });
    expect((await beta.connections.get(id))?.state).toBe('running');
    net.now += ROTATION_GRACE_MS;
    expect(await control(net, id, oldKey, 'paused', 2)(beta)).toMatchObject({ status: 401 });
    expect(await control(net, id, (await alpha.connections.signingKey(id))!, 'paused', 3)(beta)).toMatchObject({ status: 200 });
  });

  it('when the commit is lost, the partner keeps the old key and switches with the first message signed with the new one', async () => {
    const { net, alpha, beta, id, oldKey } = await linked();
    net.drop = (body) => body.includes('key-commit');
    const result = await rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' });
    expect(result).toMatchObject({ switched: true, partner: { notified: false, reason: expect.stringContaining('could not be reached') } });
    const newKey = (await alpha.connections.signingKey(id))!;
    expect(await beta.connections.keyRing(id)).toEqual({ current: oldKey, next: { key: newKey, rotationId: expect.any(String) } });
    // Beta still signs with the old key: alpha accepts it in its grace period.
    expect(await control(net, id, oldKey, 'running', 1)(alpha)).toMatchObject({ status: 200 });
    expect(await control(net, id, newKey, 'paused', 2)(beta)).toMatchObject({ status: 200 });
    expect((await beta.connections.keyRing(id))?.current).toBe(newKey);
  });

  it('refuses a rotation while either side holds the lock, changing nothing', async () => {
    const { net, alpha, beta, id, oldKey } = await linked();
    await alpha.claims.claim(rotationLockKey(id), T0 + 60_000, T0);
    expect(await refusal(rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' }))).toMatchObject({ status: 409 });
    await alpha.claims.release(rotationLockKey(id));
    await beta.claims.claim(rotationLockKey(id), T0 + 60_000, T0);
    expect(await refusal(rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' }))).toMatchObject({ status: 502, message: expect.stringContaining('already under way') });
    for (const site of [alpha, beta]) expect(await site.connections.keyRing(id)).toEqual({ current: oldKey });
    expect(net.wire.map((w) => w.reply.status).slice(-1)).toEqual([409]);
  });

  it('refuses an offer signed with a replaced key, even in its grace period', async () => {
    const { net, alpha, beta, id, oldKey } = await linked();
    await rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' });
    const body = JSON.stringify({ v: 1, type: 'key-offer', connectionId: id, rotationId: 'r-thief', publicKey: 'A'.repeat(43) });
    const headers = signedHeaders(oldKey, id, body, net.now, 'rotate');
    expect(await receiveConnectionRequest(beta.deps, { method: 'POST', header: (h) => headers[h] ?? '', body })).toMatchObject({ status: 401 });
  });

  it('rotates again from either side, each time to a key both hold', async () => {
    const { net, alpha, beta, id } = await linked();
    await rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: 'ada' });
    net.now += 1000;
    await rotateSigningKey(beta.deps, { connectionId: id, projectKey: 'DEV', actor: 'dana' });
    expect(await alpha.connections.signingKey(id)).toBe(await beta.connections.signingKey(id));
  });

  it('refuses another project\'s connection and one that is not linked yet', async () => {
    const { alpha, id } = await linked();
    expect((await refusal(rotateSigningKey(alpha.deps, { connectionId: id, projectKey: 'OPS', actor: 'ada' }))).message).toBe(`Project OPS has no connection ${id}.`);
    const pending = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: 'ada' });
    expect((await refusal(rotateSigningKey(alpha.deps, { connectionId: pending.connection.id, projectKey: 'SUP', actor: 'ada' }))).message).toContain('not linked');
  });
});

describe('same-site key rotation', () => {
  it('switches both mirrors to one fresh key at once, keeping the old one for the grace period', async () => {
    const site = new Network().site('alpha');
    const { connection, mirror } = await createSameSiteConnection(site.deps, { projectKey: 'SUP', partnerProjectKey: 'OPS', actor: 'ada' });
    const oldKey = (await site.connections.signingKey(connection.id))!;
    const result = await rotateSigningKey(site.deps, { connectionId: mirror.id, projectKey: 'OPS', actor: 'ada' });
    expect(result).toMatchObject({ switched: true, partner: { notified: true } });
    const ring = await site.connections.keyRing(connection.id);
    expect(ring).toEqual({ current: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), previous: { key: oldKey, until: T0 + ROTATION_GRACE_MS } });
    expect(await site.connections.keyRing(mirror.id)).toEqual(ring);
    expect(ring?.current).not.toBe(oldKey);
  });
});
