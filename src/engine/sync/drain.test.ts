/**
 * The incoming side over in-memory ports and a fake Jira: ordering, duplicates, parking, rate limits,
 * pausing, newest-wins and creating a partner issue. This side is DEV on beta; its partner is SUP.
 */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig } from '../../domain/config/schema';
import { messageIdOf, SyncMessage, type PortableValue } from '../../domain/sync/message';
import type { ConnectionSummary } from '../../ports/connections';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemorySyncState } from '../../ports/fakes/sync';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../../ports/jira';
import type { Pair } from '../../ports/pairs';
import type { SyncDeps } from './deps';
import { drainIssue, GAP_SKIP_MS } from './drain';

const C = 'sup-dev';
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

interface JiraCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
type Answer = (call: JiraCall, match: RegExpExecArray) => Response;

const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** Answers like Jira Cloud for the few routes a test needs; records every request. Later `on` calls take precedence. */
class FakeJira implements JiraTransport {
  readonly calls: JiraCall[] = [];
  private readonly routes: Array<{ method: string; path: RegExp; answer: Answer }> = [];
  private nextId = 30100;

  constructor() {
    // No one changed anything here unless a test says so (src/engine/sync/newer-here.ts reads this first).
    this.on('POST', /^\/rest\/api\/3\/changelog\/bulkfetch$/, () => reply(200, { issueChangeLogs: [] }));
    this.on('PUT', /^\/rest\/api\/3\/issue\/\d+$/, () => reply(204));
    this.on('POST', /^\/rest\/api\/3\/issue$/, () => {
      const id = this.nextId++;
      return reply(201, { id: String(id), key: `DEV-${id - 30000}`, self: `https://beta.example/rest/api/3/issue/${id}` });
    });
  }

  on(method: string, path: RegExp, answer: Answer): this {
    this.routes.unshift({ method, path, answer });
    return this;
  }

  async requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const url = new URL(route.value, 'https://beta.example');
    const call: JiraCall = { method: init?.method ?? 'GET', path: url.pathname, query: url.searchParams, body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body };
    this.calls.push(call);
    for (const r of this.routes) {
      const match = r.method === call.method ? r.path.exec(call.path) : null;
      if (match) return r.answer(call, match);
    }
    return reply(404, { errorMessages: [`No route ${call.method} ${call.path} in the fake`], errors: {} });
  }

  /** Calls that change Jira: a changelog bulkfetch is a POST that only reads. */
  writes(): JiraCall[] {
    return this.calls.filter((c) => c.method !== 'GET' && !c.path.endsWith('/changelog/bulkfetch'));
  }
}

const config: SyncConfig = (() => {
  const r = parseSyncConfig({
    version: 1, local: { projectKey: 'DEV' }, partner: { site: 'alpha', projectKey: 'SUP' },
    issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }],
    fields: [
      { kind: 'system', field: 'summary', direction: 'both' },
      { kind: 'system', field: 'description', direction: 'both' },
      { kind: 'system', field: 'priority', direction: 'both' },
      { kind: 'system', field: 'labels', direction: 'both' },
      { kind: 'system', field: 'components', direction: 'both', default: 'General' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
})();

const summary = (state: ConnectionSummary['state'] = 'running'): ConnectionSummary => ({
  id: C, localProjectKey: 'DEV', partnerSite: 'alpha', partnerProject: 'SUP', state, pairs: 0, lastActivity: null, openErrors: 0,
});

/** A partner issue and its pair here. */
const SUP12 = { issueId: '10042', issueKey: 'SUP-12', localIssueId: '30077', localIssueKey: 'DEV-7' };
const SUP13 = { issueId: '10043', issueKey: 'SUP-13', localIssueId: '30078', localIssueKey: 'DEV-8' };

const pairOf = (p: typeof SUP12): Pair => ({
  connectionId: C, localIssueId: p.localIssueId, localIssueKey: p.localIssueKey, partnerIssueId: p.issueId, partnerIssueKey: p.issueKey,
  firstSyncAt: new Date(T0 - 86_400_000).toISOString(), lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
});

async function world(state: ConnectionSummary['state'] = 'running') {
  const connections = new MemoryConnections();
  await connections.save(summary(state), { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://alpha.example/x1/inbox' });
  await connections.saveConfig(C, config);
  const pairs = new MemoryPairs();
  const jira = new FakeJira();
  const deps = {
    connections, pairs, jira,
    state: new MemorySyncState(), intents: new MemoryIntents(), health: new MemoryHealth(), audit: new MemoryAudit(),
    outbox: new MemoryQueue(), inbox: new MemoryQueue(),
    partner: { post: async () => { throw new Error('applying never posts to the partner'); } },
    now: () => T0 + 60_000,
    random: () => 0,
  } satisfies SyncDeps;
  return { deps, jira, pairs, state: deps.state, outbox: deps.outbox };
}

/** An issue message from SUP about `origin`, `at` ms after T0. */
function issueMessage(origin: typeof SUP12, seq: number, fields: Record<string, PortableValue>, options: { at?: number; create?: boolean; target?: boolean; issueType?: { id: string; name: string } } = {}): SyncMessage {
  return SyncMessage.parse({
    v: 1, type: 'sync', messageId: messageIdOf(origin.issueId, seq), connectionId: C,
    origin: { side: 'SUP', issueId: origin.issueId, issueKey: origin.issueKey }, seq,
    ...(options.target === false ? {} : { target: { issueId: origin.localIssueId, issueKey: origin.localIssueKey } }),
    at: T0 + (options.at ?? seq * 1000),
    change: { kind: 'issue', create: options.create ?? false, issueType: options.issueType ?? { id: '20002', name: 'Task' }, fields },
  });
}

const puts = (jira: FakeJira) => jira.calls.filter((c) => c.method === 'PUT').map((c) => ({ path: c.path, body: c.body }));

describe('drainIssue: order and duplicates', () => {
  it('keeps a message that arrives early waiting for the gap, then applies both in sequence order', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    expect(await state.putIncoming(issueMessage(SUP12, 2, { summary: 'second' }))).toBe('new');

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'gap' });
    expect(jira.calls).toEqual([]);

    expect(await state.putIncoming(issueMessage(SUP12, 1, { summary: 'first' }))).toBe('new');
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 2 });
    expect(puts(jira)).toEqual([
      { path: '/rest/api/3/issue/30077', body: { fields: { summary: 'first' } } },
      { path: '/rest/api/3/issue/30077', body: { fields: { summary: 'second' } } },
    ]);
    expect(await state.lastApplied(C, SUP12.issueId)).toBe(2);
    expect(await state.getIncoming(C, SUP12.issueId, 1)).toBeUndefined();
    expect(await state.getIncoming(C, SUP12.issueId, 2)).toBeUndefined();
    expect((await deps.health.get(C)).counts.applied).toBe(2);
  });

  it('gives up on a missing message only after GAP_SKIP_MS with later ones waiting, audits it, and applies the rest', async () => {
    const { deps, jira, pairs, state } = await world();
    let now = T0 + 60_000;
    const timed = { ...deps, now: () => now };
    await pairs.put(pairOf(SUP12));
    await state.putIncoming(issueMessage(SUP12, 2, { summary: 'second' }));
    await state.putIncoming(issueMessage(SUP12, 4, { summary: 'fourth' }));
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'gap' });
    now += GAP_SKIP_MS - 1;
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'gap' });
    now += 1;
    // 1 is given up on; 2 applies; 3 is a new gap, first seen now.
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 1, waiting: 'gap' });
    expect(puts(jira)).toEqual([{ path: '/rest/api/3/issue/30077', body: { fields: { summary: 'second' } } }]);
    expect((await deps.audit.list(C)).entries.some((e) => e.action === 'message.skipped' && e.detail.includes(`${SUP12.issueId}-1 never arrived`))).toBe(true);
    // Nothing later waits behind the end of the messages: that is not a gap.
    now += GAP_SKIP_MS;
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(await state.lastApplied(C, SUP12.issueId)).toBe(4);
  });

  it('gives up on two missing in a row after one wait: the second was missing as long as the first', async () => {
    const { deps, jira, pairs, state } = await world();
    let now = T0 + 60_000;
    const timed = { ...deps, now: () => now };
    await pairs.put(pairOf(SUP12));
    await state.putIncoming(issueMessage(SUP12, 3, { summary: 'third' }));
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'gap' });
    now += GAP_SKIP_MS;
    expect(await drainIssue(timed, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(puts(jira)).toEqual([{ path: '/rest/api/3/issue/30077', body: { fields: { summary: 'third' } } }]);
    const skipped = (await deps.audit.list(C)).entries.filter((e) => e.action === 'message.skipped').map((e) => e.detail.split(' ')[0]);
    expect(skipped.sort()).toEqual([`${SUP12.issueId}-1`, `${SUP12.issueId}-2`]);
  });

  it('applies a message delivered twice only once, also when the copy comes after it was applied', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    const m = issueMessage(SUP12, 1, { summary: 'once' });
    expect(await state.putIncoming(m)).toBe('new');
    expect(await state.putIncoming(m)).toBe('duplicate');
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });

    expect(await state.putIncoming(m)).toBe('duplicate');
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0 });
    expect(puts(jira)).toHaveLength(1);
  });
});

describe('drainIssue: failures', () => {
  it('leaves out a field Jira refuses when the mapping has no default, and applies the rest', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    jira.on('PUT', /^\/rest\/api\/3\/issue\/30077$/, (call) => {
      const fields = (call.body as { fields: Record<string, unknown> }).fields;
      return 'priority' in fields ? reply(400, { errorMessages: [], errors: { priority: 'Specify a valid priority.' } }) : reply(204);
    });
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'Checkout broken', priority: 'Blocker' }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(puts(jira).map((p) => p.body)).toEqual([
      { fields: { summary: 'Checkout broken', priority: { name: 'Blocker' } } },
      { fields: { summary: 'Checkout broken' } },
    ]);
    const { entries } = await deps.audit.list(C);
    expect(entries.map((e) => e.detail)).toEqual([expect.stringContaining('priority: Specify a valid priority. (left out)')]);
    expect(await state.listParked(C)).toEqual([]);
  });

  it('writes the mapping\'s default instead of a value Jira refuses', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    jira.on('PUT', /^\/rest\/api\/3\/issue\/30077$/, (call) => {
      const components = (call.body as { fields: { components?: Array<{ name: string }> } }).fields.components ?? [];
      return components.some((c) => c.name !== 'General') ? reply(400, { errors: { components: 'Component name \'Payments\' is not valid' } }) : reply(204);
    });
    await state.putIncoming(issueMessage(SUP12, 1, { components: ['Payments'] }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(puts(jira).map((p) => p.body)).toEqual([{ fields: { components: [{ name: 'Payments' }] } }, { fields: { components: [{ name: 'General' }] } }]);
  });

  it('parks a message Jira refuses outright; later messages of that issue wait, other issues go on', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    await pairs.put(pairOf(SUP13));
    jira.on('PUT', /^\/rest\/api\/3\/issue\/30077$/, () => reply(400, { errorMessages: ['The issue is in a closed sprint.'], errors: {} }));
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'refused' }));
    await state.putIncoming(issueMessage(SUP12, 2, { summary: 'waits' }));
    await state.putIncoming(issueMessage(SUP13, 1, { summary: 'other issue' }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'blocked' });
    const parked = await state.listParked(C);
    expect(parked.map((p) => ({ direction: p.direction, id: p.message.messageId }))).toEqual([{ direction: 'in', id: '10042-1' }]);
    expect(parked[0]!.reason).toContain('The issue is in a closed sprint.');
    expect(await state.isBlocked(C, SUP12.issueId)).toBe(true);
    expect(await pairs.byLocal(C, SUP12.localIssueId)).toMatchObject({ status: 'error', lastError: expect.stringContaining('closed sprint') });
    expect((await deps.health.get(C)).counts.failed).toBe(1);
    expect((await deps.audit.list(C)).entries.map((e) => e.action)).toEqual(['message.parked']);

    const before = jira.calls.length;
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'blocked' });
    expect(jira.calls.length).toBe(before);
    expect(await state.lastApplied(C, SUP12.issueId)).toBe(0);
    expect(await state.getIncoming(C, SUP12.issueId, 2)).toBeDefined();

    expect(await drainIssue(deps, C, SUP13.issueId)).toEqual({ applied: 1 });
    expect(puts(jira).at(-1)).toEqual({ path: '/rest/api/3/issue/30078', body: { fields: { summary: 'other issue' } } });
  });

  it('stops at a 429 with Jira\'s Retry-After, having applied nothing, and applies once Jira recovers', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    let limited = true;
    jira.on('PUT', /^\/rest\/api\/3\/issue\/30077$/, () => (limited
      ? reply(429, { errorMessages: ['Rate limit exceeded.'] }, { 'Retry-After': '42', 'RateLimit-Reason': 'jira-burst-based' })
      : reply(204)));
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'later' }));

    const result = await drainIssue(deps, C, SUP12.issueId);
    expect(result).toEqual({ applied: 0, retry: { afterSeconds: 42, reason: expect.stringContaining('429') } });
    expect(result).toMatchObject({ retry: { reason: expect.stringContaining('jira-burst-based') } });
    expect(await state.lastApplied(C, SUP12.issueId)).toBe(0);
    expect(await state.getIncoming(C, SUP12.issueId, 1)).toBeDefined();
    expect(await state.stamps(C, SUP12.localIssueId)).toEqual({});
    expect(await state.listParked(C)).toEqual([]);
    expect((await deps.health.get(C)).counts).toMatchObject({ retried: 1, applied: 0, failed: 0 });

    limited = false;
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
  });

  it('applies nothing while the connection is paused, and keeps the messages', async () => {
    const { deps, jira, pairs, state } = await world('paused');
    await pairs.put(pairOf(SUP12));
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'held' }));
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'paused' });
    expect(jira.calls).toEqual([]);
    expect(await state.getIncoming(C, SUP12.issueId, 1)).toBeDefined();
  });
});

describe('drainIssue: newest wins, per field', () => {
  it('keeps a local value changed later than the incoming one, with no PUT at all', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    const local = { changedAt: T0 + 5_000, site: 'DEV' };
    await state.setStamps(C, SUP12.localIssueId, { summary: local });
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'older, from SUP' }, { at: 2_000 }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(jira.writes()).toEqual([]);
    expect((await state.stamps(C, SUP12.localIssueId))['summary']).toEqual(local);
  });

  it('keeps a value a person changed here later even before that change\'s event was captured (no stamp yet), from the changelog', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    // Sam changed the summary here at T0+5 s; the product event for it is still on its way, so no stamp says so.
    jira.on('POST', /^\/rest\/api\/3\/changelog\/bulkfetch$/, () => reply(200, { issueChangeLogs: [{ issueId: SUP12.localIssueId, changeHistories: [
      { id: '1', author: { accountId: 'sam', accountType: 'atlassian' }, created: new Date(T0 + 5_000).toISOString(), items: [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: 'a', to: null, toString: 'b' }] },
      { id: '2', author: { accountId: 'lockstep', accountType: 'app' }, created: new Date(T0 + 6_000).toISOString(), items: [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'x' }] },
    ] }] }));
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'older, from SUP', labels: ['from-sup'] }, { at: 2_000 }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    // The app's own later write does not count as a person's change: labels are written, summary kept.
    expect(puts(jira)).toEqual([{ path: '/rest/api/3/issue/30077', body: { fields: { labels: ['from-sup'] } } }]);
    // Not stamped: Sam's change is stamped as its own capture sends it, or found unsent by the catch-up sweep if its event is lost.
    expect((await state.stamps(C, SUP12.localIssueId))['summary']).toBeUndefined();
  });

  it('still writes the fields of the same message that were not changed later here', async () => {
    const { deps, jira, pairs, state } = await world();
    await pairs.put(pairOf(SUP12));
    await state.setStamps(C, SUP12.localIssueId, { summary: { changedAt: T0 + 5_000, site: 'DEV' }, labels: { changedAt: T0 + 1_000, site: 'DEV' } });
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'older', labels: ['newer here'] }, { at: 2_000 }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(puts(jira).map((p) => p.body)).toEqual([{ fields: { labels: ['newer_here'] } }]);
    expect((await state.stamps(C, SUP12.localIssueId))['labels']).toEqual({ changedAt: T0 + 2_000, site: 'SUP' });
  });
});

describe('drainIssue: create', () => {
  it('creates the partner of an unpaired issue, stores the pair and tells the partner with a paired message', async () => {
    const { deps, jira, pairs, state, outbox } = await world();
    const body = { type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Since Monday.' }] }] };
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'Customer cannot log in', description: { adf: body }, priority: 'High' }, { create: true, target: false }));

    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 1 });
    expect(jira.writes()).toEqual([{
      method: 'POST', path: '/rest/api/3/issue', query: expect.anything(),
      body: {
        fields: { summary: 'Customer cannot log in', description: body, priority: { name: 'High' }, project: { key: 'DEV' }, issuetype: { id: '10002' } },
        // The copy names its origin from its create on: a retry after a crash finds it by that (decision 0017).
        properties: [{ key: 'lockstep.origin', value: { connectionId: C, issueId: SUP12.issueId } }],
      },
    }]);

    expect(await pairs.byPartner(C, SUP12.issueId)).toMatchObject({ localIssueId: '30100', localIssueKey: 'DEV-100', partnerIssueKey: 'SUP-12', status: 'active' });
    expect(outbox.pushed).toEqual([{ v: 1, type: 'sync', connectionId: C, messageId: '30100-1' }]);
    const paired = await state.getOutgoing(C, '30100-1');
    expect(paired).toMatchObject({
      connectionId: C, seq: 1, change: { kind: 'paired' },
      origin: { side: 'DEV<alpha/SUP', issueId: '30100', issueKey: 'DEV-100' },
      target: { issueId: SUP12.issueId, issueKey: SUP12.issueKey },
    });
    expect(SyncMessage.safeParse(paired).success).toBe(true);
    // Stamped as the partner's changes, so newest-wins has something to weigh a later edit here against.
    expect(await state.stamps(C, '30100')).toEqual({
      summary: { changedAt: T0 + 1_000, site: 'SUP' }, description: { changedAt: T0 + 1_000, site: 'SUP' }, priority: { changedAt: T0 + 1_000, site: 'SUP' },
    });
  });

  it('parks a create whose issue type is not mapped here, creating nothing', async () => {
    const { deps, jira, state } = await world();
    await state.putIncoming(issueMessage(SUP12, 1, { summary: 'An epic' }, { create: true, target: false, issueType: { id: '20009', name: 'Epic' } }));
    expect(await drainIssue(deps, C, SUP12.issueId)).toEqual({ applied: 0, waiting: 'blocked' });
    expect(jira.writes()).toEqual([]);
    expect((await state.listParked(C))[0]?.reason).toBe('issue type Epic is not mapped');
  });
});
