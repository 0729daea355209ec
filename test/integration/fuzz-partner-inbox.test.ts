/**
 * Fuzzing what a partner installation can send to this one's web trigger, through the same entry points
 * the router calls: change notices, the migration and catalog channels, control messages and handshakes.
 * Every request is correctly signed, so the fuzzed body reaches the parsers. A refused request leaves
 * every store as it was (the replay claim of an accepted signature aside); an accepted one writes all
 * of what it says, and nothing answers with an exception.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { metaOf } from '../../src/domain/config/catalog';
import type { SyncConfig } from '../../src/domain/config/schema';
import { suggestConfig } from '../../src/domain/config/suggest';
import { deriveSigningKey, generateKeyPair } from '../../src/domain/connections/keys';
import { Channel, HandshakeAccepted, SignedReply } from '../../src/domain/connections/messages';
import { verify } from '../../src/domain/signing';
import { SyncMessage } from '../../src/domain/sync/message';
import type { ConnectionsDeps } from '../../src/engine/connections/deps';
import { receiveConnectionRequest } from '../../src/engine/connections/inbound';
import { answerPartnerRequest, Requests, type RequestKind } from '../../src/engine/migration/partner';
import { answerCatalogRequest, localCatalog } from '../../src/engine/sync/catalog';
import { drainIssue } from '../../src/engine/sync/drain';
import { receivePartnerRequest } from '../../src/engine/sync/receive';
import { MemoryCleanupQueue, MemoryConnectionData } from '../../src/ports/fakes/cleanup';
import { MemoryLinks } from '../../src/ports/fakes/links';
import type { Pair } from '../../src/ports/pairs';
import { expectNoPollution, fuzzAsync, hostileText, PROPERTY_TIMEOUT_MS, stringifyJson, type Json } from '../support/fuzz';
import { changes, hostileLike, syncMessage } from '../support/fuzz-messages';
import { allPairs, CONNECTION, fuzzJira, fuzzWorld, NOW, pairOf, SIGNING_KEY, type FuzzJira, type FuzzWorld } from '../support/fuzz-world';
import { signed, type RawRequest } from '../support/partner-requests';

let jira: FuzzJira;
let configs: { alpha: SyncConfig; beta: SyncConfig };
let jiraWrites = 0;
beforeAll(async () => {
  jira = fuzzJira(4);
  jira.emulator.observe((e) => { if (e.method !== 'GET' && !e.path.includes('/search')) jiraWrites++; });
  const { alpha, beta } = await fuzzWorld(jira);
  const [sup, dev] = await Promise.all([localCatalog(alpha.deps, 'SUP'), localCatalog(beta.deps, 'DEV')]);
  configs = { alpha: suggestConfig(metaOf(sup), metaOf(dev), 'beta'), beta: suggestConfig(metaOf(dev), metaOf(sup), 'alpha') };
});

const asRequest = (raw: RawRequest) => ({ method: raw.method, header: (name: string) => raw.headers[name.toLowerCase()] ?? '', body: raw.body });
/** A body as text: the fuzzed value written as JSON, or (sometimes) hostile text as is. */
const bodyOf = (value: unknown): string => (typeof value === 'string' && value.length > 0 && !value.startsWith('"') ? value : stringifyJson(value as Json));
const bodies = (...valid: unknown[]) => fc.oneof({ arbitrary: hostileLike(...valid), weight: 9 }, { arbitrary: hostileText, weight: 1 });

/** The stores of both sides; the replay claims are left out (an accepted signature is remembered by design). */
const stores = (world: FuzzWorld, extra: Record<string, unknown> = {}) => structuredClone({ world: world.snapshot(), ...extra });

async function world(pairs: readonly Pair[] = []): Promise<FuzzWorld> {
  return fuzzWorld(jira, { state: 'running', configs, pairs });
}

describe('the partner inbox under fuzzing', () => {
  it('keeps and queues a change notice it accepts, and nothing of one it refuses', async () => {
    const valid = Object.values(changes).map((c) => syncMessage(c, CONNECTION));
    await fuzzAsync(fc.asyncProperty(bodies(...valid), async (value) => {
      const w = await world();
      const before = stores(w);
      const body = bodyOf(value);
      const answer = await receivePartnerRequest(w.beta.deps, asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW })));
      expectNoPollution();
      if (answer.status !== 202) {
        expect([400, 409, 413, 422]).toContain(answer.status);
        expect(stores(w)).toEqual(before);
        return;
      }
      const message = SyncMessage.parse(JSON.parse(body));
      expect(answer.body).toEqual({ accepted: message.messageId, duplicate: false });
      expect(await w.beta.deps.state.getIncoming(CONNECTION, message.origin.issueId, message.seq)).toEqual(message);
      expect(w.beta.deps.inbox.pushed).toEqual([{ v: 1, type: 'sync', connectionId: CONNECTION, messageId: message.messageId }]);
      expect((await w.beta.deps.health.get(CONNECTION)).counts.received).toBe(1);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('applies an accepted notice or parks it with a reason; the inbox consumer never throws', async () => {
    // Notices about SUP-1 (paired with DEV-1) as alpha sends them, first in their sequence.
    const [origin, target] = [jira.sup[0]!, jira.dev[0]!];
    const valid = Object.values(changes).map((c) => ({
      ...syncMessage(c, CONNECTION, 1), origin: { side: 'SUP<beta/DEV', issueId: origin.id, issueKey: origin.key }, messageId: `${origin.id}-1`,
      target: { issueId: target.id, issueKey: target.key }, at: NOW - 1000,
    }));
    await fuzzAsync(fc.asyncProperty(hostileLike(...valid), async (value) => {
      const w = await world([pairOf(origin, target)]);
      const body = bodyOf(value);
      const answer = await receivePartnerRequest(w.beta.deps, asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW })));
      if (answer.status !== 202) return;
      const message = SyncMessage.parse(JSON.parse(body));
      const result = await drainIssue(w.beta.deps, CONNECTION, message.origin.issueId);
      const applied = await w.beta.deps.state.lastApplied(CONNECTION, message.origin.issueId);
      const parked = await w.beta.deps.state.listParked(CONNECTION);
      // Applied, parked with a reason, or waiting for the messages before it: never lost, never thrown.
      const waiting = 'waiting' in result && result.waiting !== undefined;
      expect(applied === message.seq || parked.some((p) => p.message.messageId === message.messageId && p.reason.length > 0) || waiting, JSON.stringify(result)).toBe(true);
      expectNoPollution();
    }), 0.5);
  }, PROPERTY_TIMEOUT_MS);

  it('stores exactly the pairs a pairs request names, or none', async () => {
    const valid = { v: 1, pairs: jira.sup.map((s, i) => ({ localId: s.id, localKey: s.key, partnerId: jira.dev[i]!.id, partnerKey: jira.dev[i]!.key })) };
    await fuzzAsync(fc.asyncProperty(bodies(valid), async (value) => {
      const w = await world();
      const before = stores(w);
      const body = bodyOf(value);
      const answer = await answerPartnerRequest(w.beta.deps, 'pairs', asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW, channel: Channel.pairs })));
      expectNoPollution();
      if (answer.status !== 200) {
        expect(stores(w)).toEqual(before);
        return;
      }
      const ask = Requests.pairs.ask.parse(JSON.parse(body));
      // The partner's view turned round; a later entry for the same issue wins, as one store write would.
      const expected = new Map(ask.pairs.map((p) => [p.partnerId, `${p.partnerId}:${p.partnerKey}:${p.localId}:${p.localKey}`]));
      expect((await allPairs(w.beta)).map((p) => `${p.localIssueId}:${p.localIssueKey}:${p.partnerIssueId}:${p.partnerIssueKey}`).sort()).toEqual([...expected.values()].sort());
      expect(answer.body).toEqual({ stored: ask.pairs.length });
    }));
  }, PROPERTY_TIMEOUT_MS);

  const readers: Array<{ kind: RequestKind | 'catalog'; valid: unknown }> = [
    { kind: 'index', valid: { v: 1, bySyncFilter: false } },
    { kind: 'snapshot', valid: { v: 1, issueIds: [], anyDirection: false, status: true } },
    { kind: 'apply', valid: { v: 1, entries: [{ issueId: '0', originKey: 'SUP-1', values: { summary: 'From the partner' } }], write: true, anyDirection: false } },
    { kind: 'catalog', valid: { v: 1, connectionId: CONNECTION } },
  ];
  it.each(readers)('answers a $kind request without throwing; a refused one changes nothing', async ({ kind, valid }) => {
    const paired = jira.dev.map((d, i) => pairOf(jira.sup[i]!, d));
    // Asked of the alpha side: its paired issues are SUP's, their partners DEV's.
    const ask = kind === 'snapshot' ? { ...(valid as object), issueIds: jira.sup.map((s) => s.id) } : kind === 'apply' ? { ...(valid as object), entries: jira.sup.map((s, i) => ({ issueId: s.id, originKey: jira.dev[i]!.key, values: { summary: `From DEV ${i}` } })) } : valid;
    await fuzzAsync(fc.asyncProperty(bodies(ask), async (value) => {
      const w = await world(paired);
      const before = stores(w);
      const writes = jiraWrites;
      const body = bodyOf(value);
      const req = asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW, channel: kind }));
      const answer = kind === 'catalog' ? await answerCatalogRequest(w.alpha.deps, req) : await answerPartnerRequest(w.alpha.deps, kind, req);
      expectNoPollution();
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      if (answer.status !== 200 || kind !== 'apply') {
        expect(stores(w)).toEqual(before);
        if (answer.status !== 200) expect(jiraWrites).toBe(writes);
      }
    }), kind === 'apply' ? 0.3 : 0.5);
  }, PROPERTY_TIMEOUT_MS);
});

describe('the create channel under fuzzing', () => {
  it('creates a copy and its pair for every item it answers as created, and nothing for a refused request', async () => {
    // Its own emulator: accepted requests create issues, which would slow every other suite's searches.
    const own = fuzzJira(2);
    own.emulator.observe((e) => { if (e.method !== 'GET' && !e.path.includes('/search')) jiraWrites++; });
    // Items of an issue type beta's configuration maps (alpha's Task), as alpha's initial sync sends them.
    const task = configs.beta.issueTypes[0]!.partner;
    const items = own.sup.map((s, i) => ({ origin: { issueId: s.id, key: s.key }, at: NOW - 1000, change: { kind: 'issue', create: true, issueType: task, fields: { summary: `Copy ${i}` } } }));
    const valid = JSON.parse(JSON.stringify({ v: 1, side: 'SUP<beta/DEV', items })) as unknown;
    await fuzzAsync(fc.asyncProperty(bodies(valid), async (value) => {
      const w = await fuzzWorld(own, { state: 'running', configs });
      const before = stores(w);
      const writes = jiraWrites;
      const body = bodyOf(value);
      const answer = await answerPartnerRequest(w.beta.deps, 'create', asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW, channel: Channel.create })));
      expectNoPollution();
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      if (answer.status !== 200) {
        expect(stores(w)).toEqual(before);
        expect(jiraWrites).toBe(writes);
        return;
      }
      // Every created copy is paired with its origin; an item answered with an error left no pair behind; no intent is left open.
      const results = Requests.create.answer.parse(answer.body).results;
      for (const r of results) {
        const pair = await w.beta.deps.pairs.byPartner(CONNECTION, r.originId);
        if ('issueId' in r) expect(pair?.localIssueId).toBe(r.issueId);
        else expect(pair).toBeUndefined();
      }
      expect(w.beta.deps.intents.size).toBe(0);
    }), 0.3);
  }, PROPERTY_TIMEOUT_MS);
});

describe('connection messages under fuzzing', () => {
  const localSite = async () => ({ identity: { cloudId: 'beta-cloud', url: 'https://beta.atlassian.net' }, inboxUrl: 'https://beta.fuzz.test/x1/inbox' });
  const connectionsDeps = (w: FuzzWorld) => ({
    connections: w.beta.deps.connections, links: new MemoryLinks(), partner: w.beta.deps.partner, pairs: w.beta.deps.pairs, health: w.beta.deps.health,
    audit: w.beta.deps.audit, cleanup: new MemoryCleanupQueue(), claims: w.beta.deps.claims, data: new MemoryConnectionData(), localSite, now: () => NOW,
  }) satisfies ConnectionsDeps;

  it('applies a control message it accepts, and nothing of one it refuses', async () => {
    const valid = [
      { v: 1, type: 'connection-state', connectionId: CONNECTION, messageId: 'm-1', at: NOW, state: 'paused' },
      { v: 1, type: 'connection-deleted', connectionId: CONNECTION, messageId: 'm-2', at: NOW },
    ];
    await fuzzAsync(fc.asyncProperty(bodies(...valid), async (value) => {
      const w = await world();
      const deps = connectionsDeps(w);
      const before = stores(w, { links: deps.links, cleanup: deps.cleanup, data: deps.data });
      const body = bodyOf(value);
      const answer = await receiveConnectionRequest(deps, asRequest(signed(SIGNING_KEY, CONNECTION, body, { at: NOW, channel: Channel.control })));
      expectNoPollution();
      const applied = answer.status === 200 && (answer.body as { applied?: boolean }).applied === true;
      if (!applied) {
        expect(stores(w, { links: deps.links, cleanup: deps.cleanup, data: deps.data })).toEqual(before);
        return;
      }
      const message = JSON.parse(body) as { type: string; state?: string; at: number };
      if (message.type === 'connection-deleted') expect(await w.beta.deps.connections.get(CONNECTION)).toBeUndefined();
      else {
        expect((await w.beta.deps.connections.get(CONNECTION))?.state).toBe(message.state);
        expect(await deps.links.stateChangedAt(CONNECTION)).toBe(message.at);
      }
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('links on a handshake it accepts, and changes nothing on one it refuses', async () => {
    const inviter = generateKeyPair();
    const accepter = generateKeyPair();
    const id = 'Zk3_q-9aXbLmN0pQrStUvw';
    const token = 'T'.repeat(43);
    const proof = deriveSigningKey(accepter.privateKey, inviter.publicKey, id);
    if (!proof.ok) throw new Error(proof.reason);
    const valid = { v: 1, type: 'handshake-request', connectionId: id, publicKey: accepter.publicKey, inboxUrl: 'https://alpha.fuzz.test/x1/inbox', projectKey: 'SUP', site: { cloudId: 'alpha-cloud', url: 'https://alpha.atlassian.net' } };
    await fuzzAsync(fc.asyncProperty(bodies(valid), async (value) => {
      const w = await world();
      const deps = connectionsDeps(w);
      await deps.connections.save({ id, localProjectKey: 'DEV', partnerSite: 'pending', partnerProject: 'pending', state: 'draft', pairs: 0, lastActivity: null, openErrors: 0 });
      await deps.links.saveInvitation({ connectionId: id, token, privateKey: inviter.privateKey, expiresAt: NOW + 86_400_000 });
      const before = stores(w, { links: deps.links, cleanup: deps.cleanup, data: deps.data });
      const body = bodyOf(value);
      const answer = await receiveConnectionRequest(deps, asRequest(signed(token, id, body, { at: NOW, channel: Channel.handshake, proof: proof.signingKey })));
      expectNoPollution();
      if (answer.status !== 200) {
        expect(answer.status).toBeLessThan(500);
        expect(stores(w, { links: deps.links, cleanup: deps.cleanup, data: deps.data })).toEqual(before);
        return;
      }
      // Linked: the summary names the partner, the key is the derived one, the invitation is used up; the answer proves it.
      const reply = SignedReply.parse(answer.body);
      expect(verify(proof.signingKey, reply.timestamp, reply.message, reply.signature, NOW).ok).toBe(true);
      expect(HandshakeAccepted.parse(JSON.parse(reply.message))).toMatchObject({ connectionId: id, projectKey: 'DEV' });
      expect(await deps.connections.signingKey(id)).toBe(proof.signingKey);
      expect(await deps.links.invitation(id)).toBeUndefined();
      expect((await deps.connections.get(id))?.partnerProject).toBe((JSON.parse(body) as { projectKey: string }).projectKey);
    }));
  }, PROPERTY_TIMEOUT_MS);
});
