/**
 * The outgoing side over in-memory ports and a fake Jira: which events become messages, and at what
 * Jira cost. This side is SUP on alpha; its partner is DEV on beta.
 */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig, SyncConfigInput } from '../../domain/config/schema';
import { SyncMessage } from '../../domain/sync/message';
import type { ConnectionSummary } from '../../ports/connections';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemorySyncState } from '../../ports/fakes/sync';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../../ports/jira';
import type { Pair } from '../../ports/pairs';
import { captureEvent } from './capture';
import { isPassing } from './capture-retry';
import { CopyNotRecorded } from './intents';
import type { SyncDeps } from './deps';

const C = 'sup-dev';
const NOW = Date.UTC(2026, 10, 2, 10, 0, 0);

interface JiraCall {
  method: string;
  path: string;
  fields: string[];
}

const reply = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Jira's GET of an issue over a few stored issues, returning only the fields asked for, as Jira does. */
class FakeJira implements JiraTransport {
  readonly calls: JiraCall[] = [];
  constructor(readonly issues: Record<string, { key: string; fields: Record<string, unknown>; properties?: Record<string, unknown>; histories?: unknown[] }>) {}

  async requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const url = new URL(route.value, 'https://alpha.example');
    const fields = url.searchParams.get('fields')?.split(',') ?? [];
    const call = { method: init?.method ?? 'GET', path: url.pathname, fields };
    this.calls.push(call);
    if (call.path === '/rest/api/3/issueLinkType') return reply(200, { issueLinkTypes: [{ id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }] });
    if (call.method === 'POST' && call.path === '/rest/api/3/changelog/bulkfetch') {
      const asked = JSON.parse(String(init?.body)) as { issueIdsOrKeys: string[] };
      return reply(200, { issueChangeLogs: asked.issueIdsOrKeys.map((id) => ({ issueId: id, changeHistories: this.issues[id]?.histories ?? [] })) });
    }
    const property = /^\/rest\/api\/3\/issue\/(\d+)\/properties\/(.+)$/.exec(call.path);
    if (property) {
      const value = this.issues[property[1]!]?.properties?.[decodeURIComponent(property[2]!)];
      return value === undefined ? reply(404, { errorMessages: ['The property does not exist.'], errors: {} }) : reply(200, { key: property[2], value });
    }
    const id = /^\/rest\/api\/3\/issue\/(\d+)$/.exec(call.path)?.[1];
    const issue = id && call.method === 'GET' ? this.issues[id] : undefined;
    if (!issue) return reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    return reply(200, { id, key: issue.key, fields: Object.fromEntries(Object.entries(issue.fields).filter(([f]) => fields.includes(f))) });
  }
}

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string) => ({ type: 'text', text: t });

const configInput: SyncConfigInput = {
  version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'description', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'to-partner' },
    { kind: 'system', field: 'labels', direction: 'from-partner' },
    { kind: 'custom', type: 'number', local: { id: 'customfield_10011', name: 'Story Points' }, partner: { id: 'customfield_20011', name: 'Points' }, direction: 'both' },
  ],
  statuses: [{ local: { id: '1', name: 'Open' }, partner: { id: '11', name: 'To Do' } }],
  attachments: { direction: 'both', maxBytes: 1_000_000, mimeTypes: ['image/*', 'application/pdf'] },
};

function configWith(patch: Partial<SyncConfigInput> = {}): SyncConfig {
  const r = parseSyncConfig({ ...configInput, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const TASK = { id: '10002', name: 'Task' };
const OPEN = { id: '1', name: 'Open' };
const UPDATED = '2026-11-02T09:30:00.000+0000';
const UPDATED_MS = Date.UTC(2026, 10, 2, 9, 30, 0);
const sam = { accountId: 'acc-sam', emailAddress: 'sam@example.com', displayName: 'Sam' };
const APP_USER = { accountId: 'acc-app', displayName: 'Lockstep', accountType: 'app' };

/** What Jira holds on alpha: SUP-12 and SUP-13 are paired with DEV-7 and DEV-8, SUP-14 is not. */
const stored = () => ({
  '10042': { key: 'SUP-12', fields: {
    summary: 'Login fails', priority: { id: '2', name: 'High' }, labels: ['sso'], customfield_10011: 5, issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' },
    description: doc(para(text('Ask '), { type: 'mention', attrs: { id: 'acc-sam', text: '@Sam' } }), { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { type: 'file', id: 'f1', collection: 'c' } }] }),
  } },
  '10043': { key: 'SUP-13', fields: { summary: 'Other', issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' } } },
  '10044': { key: 'SUP-14', fields: {
    summary: 'Brand new', description: doc(para(text('Details'))), priority: { id: '3', name: 'Medium' }, labels: ['new'], customfield_10011: 3,
    issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' }, creator: { ...sam, accountType: 'atlassian' },
  } },
  '10045': { key: 'SUP-15', fields: { summary: 'Epic', issuetype: { id: '10009', name: 'Epic' }, status: OPEN, updated: UPDATED, project: { key: 'SUP' } } },
  // Lockstep's copy of DEV-9, made by the app; its create died before the pair was stored.
  '10046': { key: 'SUP-16', fields: { summary: 'Copy of DEV-9', issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' }, creator: APP_USER }, properties: { 'lockstep.origin': { connectionId: C, issueId: '20079' } } },
  // Made by another app (an automation rule), or by Lockstep for another sync: a new issue for this one.
  '10047': { key: 'SUP-17', fields: { summary: 'Made by a rule', issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' }, creator: APP_USER }, properties: { 'lockstep.origin': { connectionId: 'sup-ops', issueId: '50001' } } },
});

const pair = (localIssueId: string, localIssueKey: string, partnerIssueId: string, partnerIssueKey: string): Pair => ({
  connectionId: C, localIssueId, localIssueKey, partnerIssueId, partnerIssueKey,
  firstSyncAt: '2026-11-01T09:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
});

async function world(options: { state?: ConnectionSummary['state']; config?: SyncConfig } = {}) {
  const connections = new MemoryConnections();
  await connections.save(
    { id: C, localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state: options.state ?? 'running', pairs: 2, lastActivity: null, openErrors: 0 },
    { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://beta.example/x1/inbox' },
  );
  await connections.saveConfig(C, options.config ?? configWith());
  const pairs = new MemoryPairs();
  await pairs.put(pair('10042', 'SUP-12', '20077', 'DEV-7'));
  await pairs.put(pair('10043', 'SUP-13', '20078', 'DEV-8'));
  const jira = new FakeJira(stored());
  const deps = {
    connections, pairs, jira,
    state: new MemorySyncState(), intents: new MemoryIntents(), health: new MemoryHealth(), audit: new MemoryAudit(),
    outbox: new MemoryQueue(), inbox: new MemoryQueue(),
    partner: { post: async () => { throw new Error('capturing never posts to the partner'); } },
    now: () => NOW,
    random: () => 0,
  } satisfies SyncDeps;
  /** The messages stored for delivery, parsed as the partner would. */
  const sentMessages = () => [...deps.state.outgoing.values()].map((m) => SyncMessage.parse(m));
  return { deps, jira, state: deps.state, outbox: deps.outbox, sentMessages };
}

/** An issue event as Forge delivers it, carrying `fields` of the issue in its payload. */
const issueEvent = (eventType: string, id: string, key: string, fields: Record<string, unknown>, items: Array<{ fieldId: string; field?: string }> = []) => ({
  eventType, atlassianId: 'acc-sam',
  issue: { id, key, fields: { issuetype: TASK, status: OPEN, updated: UPDATED, project: { key: 'SUP' }, ...fields } },
  changelog: { id: '90001', items: items.map((i) => ({ field: i.fieldId, ...i, from: null, to: null })) },
});

describe('captureEvent: issue updates', () => {
  it('sends nothing when the changelog touches only fields this side does not send', async () => {
    const { deps, jira, outbox } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10042', 'SUP-12', { environment: null, labels: ['sso', 'vip'] }, [{ fieldId: 'environment' }, { fieldId: 'labels' }]));
    expect(result).toEqual({ ignored: `${C}: no mapped field changed` });
    expect(jira.calls).toEqual([]);
    expect(outbox.pushed).toEqual([]);
  });

  it('sends a summary carried in the event without any Jira request, and stamps it as this side\'s change', async () => {
    const { deps, jira, state, outbox, sentMessages } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10042', 'SUP-12', { summary: 'Login fails on Safari' }, [{ fieldId: 'summary' }]));
    expect(result).toEqual({ sent: [{ connectionId: C, messageId: '10042-1', kind: 'issue' }] });
    expect(jira.calls).toEqual([]);
    expect(outbox.pushed).toEqual([{ v: 1, type: 'sync', connectionId: C, messageId: '10042-1' }]);
    expect(sentMessages()).toEqual([{
      v: 1, type: 'sync', messageId: '10042-1', connectionId: C, seq: 1, at: UPDATED_MS,
      origin: { side: 'SUP<beta/DEV', issueId: '10042', issueKey: 'SUP-12' }, target: { issueId: '20077', issueKey: 'DEV-7' },
      change: { kind: 'issue', create: false, issueType: TASK, fields: { summary: 'Login fails on Safari' } },
    }]);
    expect(await state.stamps(C, '10042')).toEqual({ summary: { changedAt: UPDATED_MS, site: 'SUP<beta/DEV' } });
  });

  it('reads a description the event does not carry with exactly one GET, and sends it portable', async () => {
    const { deps, jira, sentMessages } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10042', 'SUP-12', {}, [{ fieldId: 'description' }]));
    expect(result).toEqual({ sent: [{ connectionId: C, messageId: '10042-1', kind: 'issue' }] });
    expect(jira.calls).toEqual([{ method: 'GET', path: '/rest/api/3/issue/10042', fields: expect.arrayContaining(['description']) }]);
    expect(sentMessages()[0]?.change).toEqual({ kind: 'issue', create: false, issueType: TASK, fields: { description: { adf: doc(para(text('Ask '), text('@Sam'))) } } });
  });

  it('carries a status change when statuses are mapped, with the fields that changed alongside', async () => {
    const { deps, sentMessages } = await world();
    await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10042', 'SUP-12', { customfield_10011: 8 }, [{ fieldId: 'status' }, { fieldId: 'customfield_10011', field: 'Story Points' }]));
    expect(sentMessages()[0]?.change).toEqual({ kind: 'issue', create: false, issueType: TASK, fields: { customfield_20011: 8 }, status: OPEN });
  });

  it('shares an unpaired issue as a create with every field this side sends, and its status', async () => {
    const { deps, jira, sentMessages } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:created:issue', '10044', 'SUP-14', { summary: 'Brand new' }));
    expect(result).toEqual({ sent: [{ connectionId: C, messageId: '10044-1', kind: 'issue' }] });
    expect(jira.calls).toHaveLength(1);
    const [m] = sentMessages();
    expect(m?.target).toBeUndefined();
    expect(m?.change).toEqual({
      kind: 'issue', create: true, issueType: TASK, status: OPEN,
      fields: { summary: 'Brand new', description: { adf: doc(para(text('Details'))) }, priority: 'Medium', customfield_20011: 3 },
    });
  });

  it("holds back an edit of this sync's own copy whose pair is not stored yet, until the create's retry pairs it", async () => {
    const { deps, jira, outbox } = await world();
    await deps.intents.begin({ connectionId: C, kind: 'issue', id: '20079', since: NOW - 60_000 });
    const event = issueEvent('avi:jira:updated:issue', '10046', 'SUP-16', { summary: 'Copy of DEV-9, edited', creator: APP_USER }, [{ fieldId: 'summary' }]);
    // Thrown as a passing error: Forge retries the event, then Lockstep's queue does (capture-retry.ts).
    await expect(captureEvent(deps, event)).rejects.toBeInstanceOf(CopyNotRecorded);
    expect(isPassing(new CopyNotRecorded('x'))).toBe(true);
    expect(outbox.pushed).toEqual([]);
    expect(jira.calls.map((c) => c.path)).toContain('/rest/api/3/issue/10046/properties/lockstep.origin');
    // The retry adopted the copy: the same event now carries the edit like any other.
    await deps.pairs.put(pair('10046', 'SUP-16', '20079', 'DEV-9'));
    await deps.intents.end(C, 'issue', '20079');
    expect(await captureEvent(deps, event)).toEqual({ sent: [{ connectionId: C, messageId: '10046-1', kind: 'issue' }] });
  });

  it("does not share this sync's copy that no create will record (another copy replaced it)", async () => {
    const { deps, outbox } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10046', 'SUP-16', { summary: 'Copy of DEV-9, edited', creator: APP_USER }, [{ fieldId: 'summary' }]));
    expect(result).toEqual({ ignored: `${C}: a copy this sync made that another copy replaced: it is not shared` });
    expect(outbox.pushed).toEqual([]);
  });

  it("shares an app's issue that is not this sync's copy, reading its mark once", async () => {
    const { deps, jira, sentMessages } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:updated:issue', '10047', 'SUP-17', { summary: 'Made by a rule', creator: APP_USER }, [{ fieldId: 'summary' }]));
    expect(result).toEqual({ sent: [{ connectionId: C, messageId: '10047-1', kind: 'issue' }] });
    expect(jira.calls.filter((c) => c.path.includes('/properties/'))).toHaveLength(1);
    expect(sentMessages()[0]?.change).toMatchObject({ kind: 'issue', create: true });
  });

  it('does not send an issue of a type the sync does not map', async () => {
    const { deps, outbox } = await world();
    const result = await captureEvent(deps, issueEvent('avi:jira:created:issue', '10045', 'SUP-15', { summary: 'Epic', issuetype: { id: '10009', name: 'Epic' } }));
    expect(result).toEqual({ ignored: `${C}: issue type Epic is not synced` });
    expect(outbox.pushed).toEqual([]);
  });
});

describe('captureEvent: comments', () => {
  const comment = (extra: Record<string, unknown> = {}) => ({
    eventType: 'avi:jira:commented:issue', issue: { id: '10042', key: 'SUP-12', fields: { project: { key: 'SUP' } } },
    comment: { id: '10500', author: sam, body: doc(para(text('Looking into it'))), created: '2026-11-02T09:40:00.000+0000', updated: '2026-11-02T09:40:00.000+0000', ...extra },
  });

  it('sends a comment with its author and body', async () => {
    const { deps, jira, sentMessages } = await world();
    expect(await captureEvent(deps, comment())).toEqual({ sent: [{ connectionId: C, messageId: '10042-1', kind: 'comment' }] });
    expect(jira.calls).toEqual([]);
    expect(sentMessages()[0]?.change).toEqual({
      kind: 'comment', commentId: '10500', author: { accountId: 'acc-sam', email: 'sam@example.com', displayName: 'Sam' },
      created: '2026-11-02T09:40:00.000Z', body: doc(para(text('Looking into it'))),
    });
  });

  it('keeps a restricted comment here unless the sync includes restricted comments', async () => {
    const restricted = comment({ visibility: { type: 'role', value: 'Administrators', identifier: 'Administrators' } });
    const closed = await world();
    expect(await captureEvent(closed.deps, restricted)).toEqual({ ignored: `${C}: restricted comment stays here` });
    expect(closed.outbox.pushed).toEqual([]);

    const open = await world({ config: configWith({ comments: { direction: 'both', includeRestricted: true } }) });
    expect(await captureEvent(open.deps, restricted)).toEqual({ sent: [{ connectionId: C, messageId: '10042-1', kind: 'comment' }] });
  });
});

describe('captureEvent: attachments', () => {
  const attachment = (id: string, filename: string, mimeType: string, size: number, issueId = '10042') => ({
    eventType: 'avi:jira:created:attachment', issue: { id: issueId, key: issueId === '10042' ? 'SUP-12' : 'SUP-14', fields: { project: { key: 'SUP' } } },
    attachment: { id, filename, mimeType, size, author: sam, created: '2026-11-02T09:45:00.000+0000' },
  });

  it('sends files within the size limit whose type matches a pattern', async () => {
    const { deps, sentMessages } = await world();
    expect(await captureEvent(deps, attachment('10601', 'screen.png', 'image/png', 20_000))).toMatchObject({ sent: [{ kind: 'attachment' }] });
    expect(await captureEvent(deps, attachment('10602', 'invoice.pdf', 'application/pdf', 1_000_000))).toMatchObject({ sent: [{ kind: 'attachment' }] });
    expect(sentMessages().map((m) => m.change)).toEqual([
      { kind: 'attachment', attachmentId: '10601', filename: 'screen.png', mimeType: 'image/png', size: 20_000, author: { accountId: 'acc-sam', email: 'sam@example.com', displayName: 'Sam' }, created: '2026-11-02T09:45:00.000Z' },
      expect.objectContaining({ attachmentId: '10602', mimeType: 'application/pdf' }),
    ]);
  });

  it('keeps files over the size limit, of other types, or on unpaired issues here', async () => {
    const { deps, outbox } = await world();
    expect(await captureEvent(deps, attachment('10603', 'dump.png', 'image/png', 1_000_001))).toEqual({ ignored: `${C}: attachment dump.png is larger than 1000000 bytes` });
    expect(await captureEvent(deps, attachment('10604', 'notes.txt', 'text/plain', 10))).toEqual({ ignored: `${C}: attachment type text/plain is not synced` });
    // `image/*` is a prefix of the type, not of any string: imagery/x is not an image.
    expect(await captureEvent(deps, attachment('10605', 'x.bin', 'imagery/x', 10))).toEqual({ ignored: `${C}: attachment type imagery/x is not synced` });
    expect(await captureEvent(deps, attachment('10606', 'a.png', 'image/png', 10, '10044'))).toEqual({ ignored: `${C}: issue not synced` });
    expect(outbox.pushed).toEqual([]);
  });
});

describe('captureEvent: links', () => {
  const link = (destinationIssueId: string) => ({
    eventType: 'avi:jira:created:issuelink',
    issueLink: { id: 10800, sourceIssueId: 10042, destinationIssueId, issueLinkType: { id: '10000', name: 'Blocks' } },
  });

  it('carries a link between two synced issues, naming both ends by the partner\'s ids, at the time Jira\'s history gives it', async () => {
    const { deps, jira, sentMessages } = await world();
    const madeAt = NOW - 20 * 60_000;
    jira.issues['10042']!.histories = [
      { id: '1', author: { accountId: 'sam', accountType: 'atlassian' }, created: new Date(madeAt).toISOString(), items: [{ field: 'Link', fieldId: 'issuelinks', to: 'SUP-13', toString: 'This issue blocks SUP-13' }] },
    ];
    expect(await captureEvent(deps, link('10043'))).toEqual({ sent: [{ connectionId: C, messageId: '10042-1', kind: 'link' }] });
    expect(sentMessages()[0]?.change).toEqual({ kind: 'link', linkId: '10800', typeName: 'Blocks', inwardTargetId: '20077', outwardTargetId: '20078' });
    // The event came 20 minutes late; the partner weighs the link against its own by when it was made.
    expect(sentMessages()[0]?.at).toBe(madeAt);
  });

  it('dates a link whose history Jira does not show by the capture', async () => {
    const { deps, sentMessages } = await world();
    await captureEvent(deps, link('10043'));
    expect(sentMessages()[0]?.at).toBe(NOW);
  });

  it('does not carry a link to an issue that is not synced', async () => {
    const { deps, outbox } = await world();
    expect(await captureEvent(deps, link('10044'))).toEqual({ ignored: `${C}: only links between synced issues are carried` });
    expect(outbox.pushed).toEqual([]);
  });
});

describe('captureEvent: what is never sent', () => {
  it('sends nothing, and asks Jira nothing, while the connection is paused', async () => {
    const { deps, jira, outbox } = await world({ state: 'paused' });
    expect(await captureEvent(deps, issueEvent('avi:jira:created:issue', '10044', 'SUP-14', { summary: 'Brand new' }))).toEqual({ ignored: 'no running sync for SUP' });
    expect(jira.calls).toEqual([]);
    expect(outbox.pushed).toEqual([]);
  });

  it('ignores payloads it cannot read, saying why', async () => {
    const { deps, jira } = await world();
    for (const raw of [null, 'avi:jira:updated:issue', { eventType: 'jira:issue_updated' }, { eventType: 'avi:jira:updated:issue', issue: { id: 'SUP-12', key: 'SUP-12' } }]) {
      const result = await captureEvent(deps, raw);
      expect(result).toEqual({ ignored: expect.stringMatching(/^unreadable event: .+/) });
    }
    expect(await captureEvent(deps, { eventType: 'avi:jira:updated:issue' })).toEqual({ ignored: 'avi:jira:updated:issue names no issue' });
    expect(jira.calls).toEqual([]);
  });
});
