/** The connection use cases over in-memory fakes: two installations wired as a connected pair through their web-trigger handlers. */
import { describe, expect, it } from 'vitest';
import { encodeInvitation, parseInvitation } from '../../domain/connections/invitation';
import { generateKeyPair, randomSecret } from '../../domain/connections/keys';
import { LockstepError } from '../../domain/errors';
import { MemoryCleanupQueue, MemoryConnectionData } from '../../ports/fakes/cleanup';
import { MemoryClaims } from '../../ports/fakes/claims';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryLinks } from '../../ports/fakes/links';
import { MemoryPairs } from '../../ports/fakes/pairs';
import type { Pair } from '../../ports/pairs';
import type { PartnerReply, PartnerTransport } from '../../ports/relay';
import { acceptInvitation } from './accept';
import type { ConnectionsDeps } from './deps';
import { receiveConnectionRequest } from './inbound';
import { createInvitation } from './invite';
import { changeState, deleteConnection } from './manage';
import { continueCleanup, PAIR_BATCH, ROUND_BATCHES } from './remove';
import { createSameSiteConnection } from './same-site';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

interface Site {
  name: string;
  deps: ConnectionsDeps;
  connections: MemoryConnections;
  links: MemoryLinks;
  pairs: MemoryPairs;
  health: MemoryHealth;
  audit: MemoryAudit;
  cleanup: MemoryCleanupQueue;
  /** This site's clock offset from the network's, in ms. */
  skew: number;
}

/** Sites that reach each other's web-trigger handlers by URL; every request and reply is recorded. */
class Network implements PartnerTransport {
  now = T0;
  readonly sites = new Map<string, Site>();
  readonly wire: Array<{ url: string; headers: Record<string, string>; body: string; reply: PartnerReply }> = [];
  down = false;

  site(name: string): Site {
    const s = {
      name, connections: new MemoryConnections(), links: new MemoryLinks(), pairs: new MemoryPairs(), health: new MemoryHealth(),
      audit: new MemoryAudit(), cleanup: new MemoryCleanupQueue(), skew: 0,
    } as Site;
    s.deps = {
      connections: s.connections, links: s.links, partner: this, pairs: s.pairs, health: s.health, audit: s.audit, cleanup: s.cleanup, data: new MemoryConnectionData(), claims: new MemoryClaims(),
      localSite: async () => ({ identity: { cloudId: `cloud-${name}`, url: `https://${name}.atlassian.net` }, inboxUrl: `https://${name}.hello.example/x1/inbox` }),
      now: () => this.now + s.skew,
    };
    this.sites.set(`https://${name}.hello.example/x1/inbox`, s);
    return s;
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<PartnerReply> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    const target = this.sites.get(url);
    const result = target
      ? await receiveConnectionRequest(target.deps, { method: 'POST', header: (n) => headers[n.toLowerCase()] ?? '', body })
      : { status: 404, body: 'Not found' };
    const reply = { status: result.status, body: typeof result.body === 'string' ? result.body : JSON.stringify(result.body) };
    this.wire.push({ url, headers, body, reply });
    return reply;
  }
}

function twoSites() {
  const net = new Network();
  return { net, alpha: net.site('alpha'), beta: net.site('beta') };
}

const ADA = 'ada-account';
const DANA = 'dana-account';

async function link(alpha: Site, beta: Site) {
  const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
  const accepted = await acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA });
  return { id: invited.connection.id, invited, accepted };
}

/** What a site shows of one connection: everything but secrets, which are compared apart. */
async function view(site: Site, id: string) {
  return { summary: await site.connections.get(id), inbox: await site.connections.partnerInboxUrl(id), hasKey: (await site.connections.signingKey(id)) !== undefined };
}

async function refusal(work: Promise<unknown>): Promise<LockstepError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof LockstepError)) throw new Error(`expected a LockstepError, got ${String(error)}`);
  return error;
}

/** Re-encodes an invitation with changes and a valid checksum: a deliberate forgery, not a damaged copy. */
function altered(code: string, change: Record<string, unknown>): string {
  const parsed = parseInvitation(code, T0);
  if (!parsed.ok) throw new Error(parsed.message);
  return encodeInvitation({ ...parsed.invitation, ...change });
}

const pair = (connectionId: string, n: number): Pair => ({
  connectionId, localIssueId: String(10_000 + n), localIssueKey: `SUP-${n}`, partnerIssueId: String(20_000 + n), partnerIssueKey: `DEV-${n}`,
  firstSyncAt: '2026-11-01T00:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
});

async function countPairs(site: Site, connectionId: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await site.pairs.list(connectionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    count += page.pairs.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}

describe('cross-site invitation handshake', () => {
  it('links both sides as draft with one derived key that never crosses the wire', async () => {
    const { net, alpha, beta } = twoSites();
    const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    expect(invited.connection).toMatchObject({ localProjectKey: 'SUP', partnerSite: 'pending', partnerProject: 'pending', state: 'draft' });
    expect(invited.expiresAt).toBe('2026-12-02T10:00:00.000Z');
    expect(await alpha.connections.signingKey(invited.connection.id)).toBeUndefined();

    const { connection } = await acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA });
    const id = invited.connection.id;
    expect(connection).toEqual({ id, localProjectKey: 'DEV', partnerSite: 'https://alpha.atlassian.net', partnerProject: 'SUP', state: 'draft', pairs: 0, lastActivity: null, openErrors: 0 });
    expect(await alpha.connections.get(id)).toMatchObject({ partnerSite: 'https://beta.atlassian.net', partnerProject: 'DEV', state: 'draft' });
    expect(await alpha.connections.partnerInboxUrl(id)).toBe('https://beta.hello.example/x1/inbox');
    expect(await beta.connections.partnerInboxUrl(id)).toBe('https://alpha.hello.example/x1/inbox');

    const key = await alpha.connections.signingKey(id);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await beta.connections.signingKey(id)).toBe(key);
    expect(net.wire).toHaveLength(1);
    expect(JSON.stringify(net.wire)).not.toContain(key);
    expect(JSON.stringify(invited) + JSON.stringify(connection)).not.toContain(key);
    // The invitation's secrets are gone once used.
    expect(await alpha.links.invitation(id)).toBeUndefined();
    expect((await alpha.audit.list(id)).entries.map((e) => e.action)).toEqual(['connection.state', 'connection.created']);
    expect((await beta.audit.list(id)).entries).toEqual([expect.objectContaining({ action: 'connection.created', actor: DANA })]);
  });

  it('refuses a reused code, on the same site or from another, and changes nothing', async () => {
    const { net, alpha, beta } = twoSites();
    const gamma = net.site('gamma');
    const { id, invited } = await link(alpha, beta);
    const before = { alpha: await view(alpha, id), beta: await view(beta, id) };
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'OPS', code: invited.code, actor: DANA }))).message).toBe('This invitation was already accepted here.');
    const again = await refusal(acceptInvitation(gamma.deps, { projectKey: 'OPS', code: invited.code, actor: DANA }));
    expect(again).toMatchObject({ status: 400, message: expect.stringContaining('already used, withdrawn, or is not genuine') });
    expect({ alpha: await view(alpha, id), beta: await view(beta, id) }).toEqual(before);
    expect(await gamma.connections.get(id)).toBeUndefined();
  });

  it('lets only one of two racing acceptances win', async () => {
    const { net, alpha, beta } = twoSites();
    const gamma = net.site('gamma');
    const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    const results = await Promise.allSettled([
      acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA }),
      acceptInvitation(gamma.deps, { projectKey: 'OPS', code: invited.code, actor: DANA }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0].status === 'fulfilled' ? beta : gamma;
    expect(await alpha.connections.signingKey(invited.connection.id)).toBe(await winner.connections.signingKey(invited.connection.id));
  });

  it('refuses an expired code on either side without using it up', async () => {
    const { net, alpha, beta } = twoSites();
    const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    net.now = T0 + 24 * 60 * 60_000;
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA }))).message).toContain('expired at 2026-12-02T10:00:00.000Z');
    expect(net.wire).toHaveLength(0);
    // Beta's clock is behind: it reads the code as valid, alpha still refuses.
    beta.skew = -60_000;
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA }))).message).toBe('This invitation code has expired. Ask the partner project\'s admin for a new one.');
    expect(await beta.connections.get(invited.connection.id)).toBeUndefined();
    expect(await alpha.connections.get(invited.connection.id)).toMatchObject({ partnerProject: 'pending' });
  });

  it('refuses damaged and forged codes; the genuine code still works afterwards', async () => {
    const { net, alpha, beta } = twoSites();
    const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    const damaged = invited.code.slice(0, 20) + (invited.code[20] === 'x' ? 'y' : 'x') + invited.code.slice(21);
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: damaged, actor: DANA }))).message).toContain('damaged or was altered');
    expect(net.wire).toHaveLength(0);
    // A forged token: alpha cannot authenticate the request.
    const badToken = altered(invited.code, { token: randomSecret() });
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: badToken, actor: DANA }))).message).toContain('not genuine');
    // A swapped public key: the keys disagree, alpha refuses before using up the invitation.
    const badKey = altered(invited.code, { publicKey: generateKeyPair().publicKey });
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: badKey, actor: DANA }))).message).toContain('the invitation code was altered');
    expect(net.wire.map((w) => w.reply.status)).toEqual([401, 422]);
    expect(await beta.connections.get(invited.connection.id)).toBeUndefined();
    await acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA });
    expect(await beta.connections.signingKey(invited.connection.id)).toBe(await alpha.connections.signingKey(invited.connection.id));
  });

  it('refuses a code of its own site, and reports an unreachable inviter without saving', async () => {
    const { net, alpha, beta } = twoSites();
    const invited = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    expect((await refusal(acceptInvitation(alpha.deps, { projectKey: 'OPS', code: invited.code, actor: ADA }))).message).toContain('same-site sync');
    net.down = true;
    expect(await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: invited.code, actor: DANA }))).toMatchObject({ status: 502, message: expect.stringContaining('Could not reach') });
    expect(await beta.connections.get(invited.connection.id)).toBeUndefined();
  });
});

describe('connection states', () => {
  it('shows an admin\'s change on the partner side, which refuses an exact replay of the same message', async () => {
    const { net, alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    net.now += 1000;
    expect(await changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'running', actor: ADA })).toMatchObject({ connection: { state: 'running' }, partner: { notified: true } });
    expect((await beta.connections.get(id))?.state).toBe('running');
    net.now += 1000;
    await changeState(beta.deps, { connectionId: id, projectKey: 'DEV', state: 'paused', actor: DANA });
    expect((await alpha.connections.get(id))?.state).toBe('paused');

    const captured = net.wire.at(-2)!; // alpha's "running", now replayed to beta
    const replay = await receiveConnectionRequest(beta.deps, { method: 'POST', header: (n) => captured.headers[n] ?? '', body: captured.body });
    expect(replay).toEqual({ status: 409, body: { error: expect.stringContaining('already received') } });
    expect((await beta.connections.get(id))?.state).toBe('paused');
    expect((await beta.audit.list(id)).entries.map((e) => `${e.action} ${e.actor}`)).toEqual(['connection.state dana-account', 'connection.state lockstep', 'connection.created dana-account']);
  });

  it('orders changes after what each side has seen, even when the partner\'s clock runs ahead', async () => {
    const { net, alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    // Two minutes ahead: inside the signatures' replay window, far beyond the second between the two changes.
    alpha.skew = 2 * 60_000;
    await changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'running', actor: ADA });
    net.now += 1000;
    await changeState(beta.deps, { connectionId: id, projectKey: 'DEV', state: 'stopped', actor: DANA });
    expect((await alpha.connections.get(id))?.state).toBe('stopped');
    expect((await beta.connections.get(id))?.state).toBe('stopped');
  });

  it('refuses transitions that are not allowed, and starting before the partner accepted; nothing changes', async () => {
    const { alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    expect((await refusal(changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'paused', actor: ADA }))).message).toBe('A draft connection cannot become paused; it can become running.');
    expect((await refusal(changeState(alpha.deps, { connectionId: id, projectKey: 'OPS', state: 'running', actor: ADA }))).message).toBe(`Project OPS has no connection ${id}.`);
    const pending = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    expect((await refusal(changeState(alpha.deps, { connectionId: pending.connection.id, projectKey: 'SUP', state: 'running', actor: ADA }))).message).toContain('waiting for its partner');
    expect((await alpha.connections.get(id))?.state).toBe('draft');
    expect((await beta.connections.get(id))?.state).toBe('draft');
  });

  it('makes the change here when the partner is unreachable, says so, and re-announces on request', async () => {
    const { net, alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    net.down = true;
    const result = await changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'running', actor: ADA });
    expect(result).toMatchObject({ connection: { state: 'running' }, partner: { notified: false, reason: expect.stringContaining('could not be reached') } });
    expect((await beta.connections.get(id))?.state).toBe('draft');
    net.down = false;
    expect((await changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'running', actor: ADA })).partner).toEqual({ notified: true });
    expect((await beta.connections.get(id))?.state).toBe('running');
  });

  it('refuses control messages that are unsigned, mis-signed or name another connection', async () => {
    const { net, alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    await changeState(alpha.deps, { connectionId: id, projectKey: 'SUP', state: 'running', actor: ADA });
    const sent = net.wire.at(-1)!;
    const deliver = (headers: Record<string, string>, body = sent.body) => receiveConnectionRequest(beta.deps, { method: 'POST', header: (n) => headers[n] ?? '', body });
    expect((await deliver({ ...sent.headers, 'x-lockstep-signature': 'A'.repeat(43) })).status).toBe(401);
    expect((await deliver({ ...sent.headers, 'x-lockstep-connection': 'other' })).status).toBe(401);
    expect((await deliver({ ...sent.headers, 'x-lockstep-channel': 'gossip' })).status).toBe(400);
    expect((await deliver(sent.headers, sent.body.replace('running', 'stopped'))).status).toBe(401);
  });
});

describe('deleting a connection', () => {
  it('removes both sides, keeps one audit entry each, and clears pairs in background rounds', async () => {
    const { alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    const many = PAIR_BATCH * (ROUND_BATCHES + 2) + 7;
    await alpha.pairs.putMany(Array.from({ length: many }, (_, i) => pair(id, i + 1)));
    await beta.pairs.putMany([pair(id, 1), pair(id, 2)]);
    await alpha.pairs.put(pair('other', 1));
    await alpha.health.bump(id, { sent: 3 }, T0);
    await alpha.links.setStateChangedAt(id, T0);

    const result = await deleteConnection(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: ADA });
    expect(result).toEqual({ deleted: id, partner: { notified: true }, pairsLeft: true });
    for (const site of [alpha, beta]) {
      expect(await view(site, id)).toEqual({ summary: undefined, inbox: undefined, hasKey: false });
      expect(await site.links.stateChangedAt(id)).toBeUndefined();
      expect((await site.audit.list(id)).entries).toEqual([expect.objectContaining({ action: 'connection.deleted' })]);
    }
    expect((await alpha.health.get(id)).counts.sent).toBe(0);
    expect(await countPairs(alpha, id)).toBe(many - PAIR_BATCH);

    // Beta's two pairs went inline; its follow-up round finds none.
    expect(beta.cleanup.take()).toEqual([{ connectionId: id, delaySeconds: 0 }]);
    expect(await continueCleanup(beta.deps, id)).toEqual({ status: 'done', removed: 0 });
    expect(alpha.cleanup.take()).toEqual([{ connectionId: id, delaySeconds: 0 }]);
    expect(await continueCleanup(alpha.deps, id)).toEqual({ status: 'continues', removed: PAIR_BATCH * ROUND_BATCHES });
    expect(alpha.cleanup.take()).toEqual([{ connectionId: id, delaySeconds: 30 }]);
    expect(await continueCleanup(alpha.deps, id)).toEqual({ status: 'done', removed: PAIR_BATCH + 7 });
    expect(alpha.cleanup.take()).toEqual([]);
    expect(await countPairs(alpha, id)).toBe(0);
    expect(await countPairs(alpha, 'other')).toBe(1);
  });

  it('never cleans up the pairs of a connection that exists', async () => {
    const { alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    await alpha.pairs.put(pair(id, 1));
    expect(await continueCleanup(alpha.deps, id)).toEqual({ status: 'skipped', reason: 'the connection exists' });
    expect((await alpha.pairs.list(id)).pairs).toHaveLength(1);
  });

  it('deletes here even when the partner is unreachable, and says so; a pending invitation goes with its secrets', async () => {
    const { net, alpha, beta } = twoSites();
    const { id } = await link(alpha, beta);
    net.down = true;
    const result = await deleteConnection(alpha.deps, { connectionId: id, projectKey: 'SUP', actor: ADA });
    expect(result.partner).toMatchObject({ notified: false });
    expect(await alpha.connections.get(id)).toBeUndefined();
    expect(await beta.connections.get(id)).toBeDefined();

    const pending = await createInvitation(alpha.deps, { projectKey: 'SUP', actor: ADA });
    const gone = await deleteConnection(alpha.deps, { connectionId: pending.connection.id, projectKey: 'SUP', actor: ADA });
    expect(gone.partner).toEqual({ notified: false, reason: 'the connection is not linked to a partner site' });
    expect(await alpha.links.invitation(pending.connection.id)).toBeUndefined();
    net.down = false;
    expect((await refusal(acceptInvitation(beta.deps, { projectKey: 'DEV', code: pending.code, actor: DANA }))).message).toContain('not genuine');
  });
});

describe('same-site connections', () => {
  it('creates two mirrored connections with one key and no inbox URL', async () => {
    const { alpha } = twoSites();
    const { connection, mirror } = await createSameSiteConnection(alpha.deps, { projectKey: 'SUP', partnerProjectKey: 'OPS', actor: ADA });
    expect(connection).toMatchObject({ localProjectKey: 'SUP', partnerSite: 'same', partnerProject: 'OPS', state: 'draft' });
    expect(mirror).toMatchObject({ localProjectKey: 'OPS', partnerSite: 'same', partnerProject: 'SUP', state: 'draft' });
    expect(await alpha.connections.partnerConnectionId(connection.id)).toBe(mirror.id);
    expect(await alpha.connections.partnerConnectionId(mirror.id)).toBe(connection.id);
    expect(await alpha.connections.partnerInboxUrl(connection.id)).toBeNull();
    expect(await alpha.connections.signingKey(connection.id)).toBe(await alpha.connections.signingKey(mirror.id));
    expect((await refusal(createSameSiteConnection(alpha.deps, { projectKey: 'SUP', partnerProjectKey: 'OPS', actor: ADA }))).message).toBe('SUP already syncs with OPS on this site.');
    expect((await refusal(createSameSiteConnection(alpha.deps, { projectKey: 'SUP', partnerProjectKey: 'SUP', actor: ADA }))).message).toContain('cannot sync with itself');
  });

  it('changes and deletes both mirrors together, without the network', async () => {
    const { net, alpha } = twoSites();
    const { connection, mirror } = await createSameSiteConnection(alpha.deps, { projectKey: 'SUP', partnerProjectKey: 'OPS', actor: ADA });
    expect((await changeState(alpha.deps, { connectionId: connection.id, projectKey: 'SUP', state: 'running', actor: ADA })).partner).toEqual({ notified: true });
    expect((await alpha.connections.get(mirror.id))?.state).toBe('running');
    await changeState(alpha.deps, { connectionId: mirror.id, projectKey: 'OPS', state: 'paused', actor: ADA });
    expect((await alpha.connections.get(connection.id))?.state).toBe('paused');
    expect(await deleteConnection(alpha.deps, { connectionId: mirror.id, projectKey: 'OPS', actor: ADA })).toEqual({ deleted: mirror.id, partner: { notified: true }, pairsLeft: false });
    expect(await alpha.connections.get(connection.id)).toBeUndefined();
    expect(await alpha.connections.get(mirror.id)).toBeUndefined();
    expect(await alpha.connections.signingKey(connection.id)).toBeUndefined();
    expect(net.wire).toEqual([]);
  });
});
