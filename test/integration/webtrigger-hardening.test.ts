/**
 * The partner web trigger under attack, through the local Forge runtime and real HTTP: alpha SUP ↔ beta DEV.
 * Every channel gets every refused case at beta's partner inbox; each answer has the right status, shows no
 * secret, stack or path, and nothing changes on either site (no KVS write, queue push or Jira request).
 * Then a key rotation through the settings resolver, with a change in flight and a retry queued across it.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEOPLE } from '../../sandbox/jira/sites';
import { bodyLimit } from '../../src/domain/connections/body-limits';
import { parseInvitation } from '../../src/domain/connections/invitation';
import { ROTATION_GRACE_MS } from '../../src/domain/connections/key-ring';
import { deriveSigningKey, generateKeyPair, randomSecret } from '../../src/domain/connections/keys';
import { Channel } from '../../src/domain/connections/messages';
import { REPLAY_WINDOW_MS } from '../../src/domain/signing';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsHealth } from '../../src/forge/adapters/kvs-health';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { allWithPrefix } from '../../src/forge/adapters/kvs-prefix';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { leaks, recordSideEffects, send, signed, unsigned, type RawRequest } from '../support/partner-requests';
import { startSyncHarness, type SyncHarness } from '../support/sync';

const C = 'sup-dev';
const ada = PEOPLE.ada.accountId;
let h: SyncHarness;
let inbox: string;
let effects: ReturnType<typeof recordSideEffects>;
/** Every secret a test saw: no answer may show one. */
const secrets: string[] = [];
const keys = { current: '', gone: '', old: '' };

async function settings(site: string, project: string, functionKey: string, payload: unknown): Promise<any> {
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId: ada, functionKey, payload, context: { accountId: ada, extension: { project: { key: project } } } });
  if (out.status !== 'ok') throw out.error;
  if ((out.value as { error?: unknown })?.error) throw new Error(`${functionKey}: ${JSON.stringify(out.value)}`);
  return out.value;
}
const keyOn = (site: string, id: string) => h.runtime.runAs(site, async () => (await kvsConnections.signingKey(id))!);

beforeAll(async () => {
  h = await startSyncHarness([
    { id: C, a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } },
    { id: 'gone', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } },
    { id: 'sup-ops', a: { site: 'alpha', project: 'SUP' }, b: { site: 'alpha', project: 'OPS' } },
  ], (emulator) => {
    emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', description: 'Ops.', template: 'software', leadAccountId: ada, members: [PEOPLE.sam.accountId], admins: [ada] });
  });
  inbox = h.runtime.webTriggerUrl('beta', 'partner-inbox');
  keys.current = await keyOn('beta', C);
  keys.gone = await keyOn('beta', 'gone');
  secrets.push(keys.current, keys.gone, await keyOn('alpha', 'sup-ops'));
  // The deleted sync: removed on both sides by an admin, its old key kept by the "attacker".
  await settings('beta', 'DEV', 'deleteConnection', { connectionId: 'gone' });
  await h.settle();
  effects = recordSideEffects(h.runtime, ['alpha', 'beta'], h.exchanges);
}, 120_000);
afterAll(async () => { await h?.close(); });

const id = () => String(randomInt(1_000_000, 2_000_000_000));
/** A well-formed body of each channel for connection `conn`; sending it signed is a legitimate request. */
const bodies: Record<string, (conn: string) => unknown> = {
  '': (conn) => { const origin = id(); return { v: 1, type: 'sync', messageId: `${origin}-1`, connectionId: conn, origin: { side: 'SUP<beta/DEV', issueId: origin, issueKey: 'SUP-9001' }, seq: 1, at: Date.now(), change: { kind: 'skipped' } }; },
  [Channel.control]: (conn) => ({ v: 1, connectionId: conn, messageId: `m${id()}`, at: Date.now(), type: 'connection-state', state: 'running' }),
  [Channel.rotate]: (conn) => ({ v: 1, type: 'key-commit', connectionId: conn, rotationId: `r${id()}` }),
  [Channel.catalog]: (conn) => ({ v: 1, connectionId: conn }),
  [Channel.index]: () => ({ v: 1 }),
  [Channel.snapshot]: () => ({ v: 1, issueIds: [id()], status: false }),
  [Channel.apply]: () => ({ v: 1, entries: [{ issueId: id(), originKey: 'SUP-1', values: {} }], write: false }),
  [Channel.pairs]: () => ({ v: 1, pairs: [{ localId: id(), localKey: 'SUP-9002', partnerId: id(), partnerKey: 'DEV-9002' }] }),
  [Channel.create]: () => ({ v: 1, side: 'SUP<beta/DEV', items: [{ origin: { issueId: id(), key: 'SUP-9003' }, at: Date.now(), change: { kind: 'issue', create: true, issueType: { id: '10001', name: 'Task' }, fields: {} } }] }),
};
const STALE = () => Date.now() - REPLAY_WINDOW_MS - 60_000;

interface Attack { name: string; status: number; request: () => Promise<RawRequest> | RawRequest; setup?: () => Promise<void> }

/** The refused cases of one signed channel (everything but the handshake). */
function attacksOn(channel: string): Attack[] {
  const opts = channel ? { channel } : {};
  const good = () => signed(keys.current, C, bodies[channel]!(C), opts);
  let replayed: RawRequest | undefined;
  return [
    { name: 'unsigned', status: 401, request: () => unsigned(good()) },
    { name: 'badly signed', status: 401, request: () => signed(randomSecret(), C, bodies[channel]!(C), opts) },
    { name: 'expired', status: 401, request: () => signed(keys.current, C, bodies[channel]!(C), { ...opts, at: STALE() }) },
    {
      name: 'replayed', status: 409, request: () => replayed!,
      setup: async () => {
        replayed = good();
        expect((await send(inbox, replayed)).status).toBeLessThan(300);
        await h.settle();
      },
    },
    { name: 'oversized', status: 413, request: () => signed(keys.current, C, 'x'.repeat(bodyLimit(channel)! + 1), opts) },
    { name: 'not JSON', status: 400, request: () => signed(keys.current, C, '{"v":1,', opts) },
    { name: 'JSON of the wrong shape', status: 422, request: () => signed(keys.current, C, { v: 2, connectionId: C }, opts) },
    { name: 'wrong method', status: 405, request: () => ({ ...good(), method: 'GET' }) },
    { name: 'unknown connection', status: 401, request: () => signed(randomSecret(), 'no-such-sync', bodies[channel]!('no-such-sync'), opts) },
    { name: 'deleted connection', status: 401, request: () => signed(keys.gone, 'gone', bodies[channel]!('gone'), opts) },
    // Bodies that name their connection must name the signing one.
    ...(NAMES_CONNECTION.has(channel) ? [{ name: 'another connection named in the body', status: 422, request: () => signed(keys.current, C, { ...(bodies[channel]!(C) as object), connectionId: 'someone-else' }, opts) }] : []),
  ];
}
const NAMES_CONNECTION = new Set<string>(['', Channel.control, Channel.rotate, Channel.catalog]);

/** The handshake is signed with an invitation's token (and proves the derived key): its own cases. */
function handshakeAttacks(): Attack[] {
  const invite = async () => {
    const created = await settings('beta', 'DEV', 'createInvitation', {});
    const parsed = parseInvitation(created.code, Date.now());
    if (!parsed.ok) throw new Error(parsed.message);
    const mine = generateKeyPair();
    const derived = deriveSigningKey(mine.privateKey, parsed.invitation.publicKey, parsed.invitation.connectionId);
    if (!derived.ok) throw new Error(derived.reason);
    secrets.push(parsed.invitation.token, derived.signingKey, mine.privateKey);
    const body = {
      v: 1, type: 'handshake-request', connectionId: parsed.invitation.connectionId, publicKey: mine.publicKey, inboxUrl: h.runtime.webTriggerUrl('alpha', 'partner-inbox'),
      projectKey: 'SUP', site: { cloudId: h.emulator.site('alpha').cloudId, url: h.emulator.site('alpha').baseUrl },
    };
    return { id: parsed.invitation.connectionId, token: parsed.invitation.token, proof: derived.signingKey, body };
  };
  // One live invitation for the cases that need the token to reach the check they test.
  let pending: ReturnType<typeof invite> | undefined;
  const live = () => (pending ??= invite());
  let replayed: RawRequest | undefined;
  let deleted: RawRequest | undefined;
  const attack = (name: string, status: number, make: (l: Awaited<ReturnType<typeof invite>>, opts: { channel: string; proof: string }) => RawRequest): Attack =>
    ({ name, status, setup: async () => { await live(); }, request: async () => { const l = await live(); return make(l, { channel: Channel.handshake, proof: l.proof }); } });
  return [
    attack('unsigned', 401, (l, opts) => unsigned(signed(l.token, l.id, l.body, opts))),
    attack('badly signed', 401, (l, opts) => signed(randomSecret(), l.id, l.body, opts)),
    attack('expired', 401, (l, opts) => signed(l.token, l.id, l.body, { ...opts, at: STALE() })),
    attack('oversized', 413, (l, opts) => signed(l.token, l.id, 'x'.repeat(bodyLimit(Channel.handshake)! + 1), opts)),
    attack('not JSON', 400, (l, opts) => signed(l.token, l.id, '{"v":1,', opts)),
    attack('JSON of the wrong shape', 422, (l, opts) => signed(l.token, l.id, { ...l.body, v: 2 }, opts)),
    attack('wrong method', 405, (l, opts) => ({ ...signed(l.token, l.id, l.body, opts), method: 'GET' })),
    attack('unknown connection', 401, (l, opts) => signed(l.token, 'no-such-invitation', { ...l.body, connectionId: 'no-such-invitation' }, opts)),
    {
      // One-time by design: once used, the invitation's token is gone, so a replay cannot even be verified.
      name: 'replayed', status: 401, request: () => replayed!,
      setup: async () => {
        const used = await invite();
        replayed = signed(used.token, used.id, used.body, { channel: Channel.handshake, proof: used.proof });
        expect((await send(inbox, replayed)).status).toBe(200);
        await h.settle();
      },
    },
    {
      name: 'deleted connection', status: 401, request: () => deleted!,
      setup: async () => {
        const dropped = await invite();
        await settings('beta', 'DEV', 'deleteConnection', { connectionId: dropped.id });
        await h.settle();
        deleted = signed(dropped.token, dropped.id, dropped.body, { channel: Channel.handshake, proof: dropped.proof });
      },
    },
  ];
}

const CHANNELS: Array<[string, Attack[]]> = [
  ['change notices (no channel header)', attacksOn('')],
  ...[Channel.control, Channel.rotate, Channel.catalog, Channel.index, Channel.snapshot, Channel.apply, Channel.pairs, Channel.create].map((c): [string, Attack[]] => [`channel ${c}`, attacksOn(c)]),
  [`channel ${Channel.handshake}`, handshakeAttacks()],
  ['an unknown channel', [{ name: 'a well-signed request', status: 400, request: () => signed(keys.current, C, bodies['']!(C), { channel: 'gossip' }) }]],
];

describe.each(CHANNELS)('the partner web trigger, %s', (_channel, attacks) => {
  it.each(attacks.map((a) => [a.name, a] as const))('refuses %s without a trace', async (_name, attack) => {
    await attack.setup?.();
    const health = await h.runtime.runAs('beta', () => kvsHealth.get(C));
    const pending = h.runtime.pendingQueueEvents();
    effects.take();
    const answer = await send(inbox, await attack.request());
    expect(answer.status, answer.text).toBe(attack.status);
    expect(leaks(answer.text, secrets)).toEqual([]);
    // The platform itself refuses bodies over its own limit, in plain text; everything else is our JSON refusal.
    if (answer.status !== 413 || answer.text.startsWith('{')) expect(JSON.parse(answer.text)).toEqual({ error: expect.any(String) });
    await h.runtime.idle();
    expect(effects.take()).toEqual([]);
    expect(h.runtime.pendingQueueEvents()).toBe(pending);
    expect(await h.runtime.runAs('beta', () => kvsHealth.get(C))).toEqual(health);
  });
});

describe('the store of seen signatures', () => {
  it('forgets a signature once the replay window has passed twice, so nothing accumulates', async () => {
    const held = () => h.runtime.runAs('beta', async () => (await allWithPrefix('claim:replay:')).length);
    expect(await held()).toBeGreaterThan(0);
    await h.runtime.advance(2 * REPLAY_WINDOW_MS + 1000);
    expect(await held()).toBe(0);
  });
});

describe('key rotation through the settings resolver', () => {
  it('keeps a change signed with the old key in flight, and its retry queued across the rotation: applied once', async () => {
    const created = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Before rotation' } });
    await h.settle();
    const pair = await h.runtime.runAs('alpha', () => kvsPairs.byLocal(C, created.body.id));
    expect(pair).toBeDefined();
    // Beta is down: alpha's delivery fails and waits to retry; the message stays in alpha's outbox.
    h.runtime.unreachable.add('beta');
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${created.body.id}`, { fields: { summary: 'Edited during rotation' } });
    await h.runtime.idle();
    const [outgoing] = (await h.runtime.runAs('alpha', () => kvsSyncState.pendingOutgoing(10))).filter((o) => o.connectionId === C);
    expect(outgoing).toBeDefined();
    const oldKey = keys.current;
    const inFlight = signed(oldKey, C, JSON.stringify(outgoing!.message));
    h.runtime.unreachable.delete('beta');
    const received = (await h.runtime.runAs('beta', () => kvsHealth.get(C))).counts.received;

    const rotated = await settings('alpha', 'SUP', 'rotateSigningKey', { connectionId: C });
    expect(rotated).toEqual({ connectionId: C, switched: true, previousKeyAcceptedUntil: expect.any(String), rotatedAt: expect.any(String), partner: { notified: true } });
    const newKey = await keyOn('alpha', C);
    secrets.push(newKey);
    expect(leaks(JSON.stringify(rotated), secrets)).toEqual([]);
    expect(newKey).not.toBe(oldKey);
    expect(await keyOn('beta', C)).toBe(newKey);

    const arrived = await send(inbox, inFlight);
    expect(arrived.status).toBe(202);
    expect(JSON.parse(arrived.text)).toEqual({ accepted: outgoing!.message.messageId, duplicate: false });
    await h.settle();
    // The retry, re-signed with the new key, arrived too: a duplicate, so the change counts once.
    expect((await h.runtime.runAs('beta', () => kvsHealth.get(C))).counts.received).toBe(received + 1);
    expect((await h.rest('beta')('GET', `/rest/api/3/issue/${pair!.partnerIssueId}`)).body.fields.summary).toBe('Edited during rotation');
    expect((await h.runtime.runAs('alpha', () => kvsHealth.get(C))).counts.failed).toBe(0);
    expect((await h.runtime.runAs('alpha', () => kvsSyncState.pendingOutgoing(10))).filter((o) => o.connectionId === C)).toEqual([]);
    keys.current = newKey;
    keys.old = oldKey;
  });

  it('refuses the old key once the grace period has ended, and keeps taking the new one', async () => {
    const oldKey = keys.old;
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + ROTATION_GRACE_MS + 60_000);
      effects.take();
      const late = await send(inbox, signed(oldKey, C, bodies['']!(C)));
      expect(late.status).toBe(401);
      expect(effects.take()).toEqual([]);
      expect(await send(inbox, signed(keys.current, C, bodies['']!(C)))).toMatchObject({ status: 202 });
      await h.settle();
    } finally {
      vi.useRealTimers();
    }
  });

  it('rotates a same-site sync: both mirrors switch to one fresh key, and the sync goes on', async () => {
    const before = await keyOn('alpha', 'sup-ops');
    expect(await settings('alpha', 'SUP', 'rotateSigningKey', { connectionId: 'sup-ops' })).toMatchObject({ switched: true, partner: { notified: true } });
    const [a, b] = [await keyOn('alpha', 'sup-ops'), await keyOn('alpha', 'sup-ops-r')];
    expect(a).toBe(b);
    expect(a).not.toBe(before);
    const created = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'After same-site rotation' } });
    await h.settle();
    expect((await h.runtime.runAs('alpha', () => kvsPairs.byLocal('sup-ops', created.body.id)))?.partnerIssueKey).toMatch(/^OPS-/);
  });

  it('is for admins of the project only', async () => {
    const out = await h.runtime.invokeResolver({
      site: 'alpha', moduleKey: 'lockstep-settings', accountId: PEOPLE.sam.accountId, functionKey: 'rotateSigningKey', payload: { connectionId: C },
      context: { accountId: PEOPLE.sam.accountId, extension: { project: { key: 'SUP' } } },
    });
    expect(out).toMatchObject({ status: 'ok', value: { error: { status: 403 } } });
    expect(await keyOn('alpha', C)).toBe(keys.current);
  });
});
