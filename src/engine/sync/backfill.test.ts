/**
 * The backfill over in-memory ports and a fake Jira: which of an issue's comments, attachments and links
 * a new pair sends, under which rules, and at what Jira cost. This side is SUP on alpha; SUP-12 has just
 * paired with DEV-7, SUP-13 is paired with DEV-8, SUP-14 is not paired.
 */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig, SyncConfigInput } from '../../domain/config/schema';
import { SyncMessage, type Change } from '../../domain/sync/message';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemorySyncState } from '../../ports/fakes/sync';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../../ports/jira';
import type { Pair } from '../../ports/pairs';
import { applyMessage } from './apply';
import { backfillIssue, backfillPair } from './backfill';
import type { SyncDeps } from './deps';

const C = 'sup-dev';
const NOW = Date.UTC(2026, 10, 2, 10, 0, 0);
const reply = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const sam = { accountId: 'acc-sam', accountType: 'atlassian', displayName: 'Sam', emailAddress: 'sam@example.com' };
const app = { accountId: 'acc-lockstep', accountType: 'app', displayName: 'Lockstep' };
const AT = '2026-11-02T09:30:00.000+0000';

const comment = (id: string, text: string, extra: Record<string, unknown> = {}) => ({ id, author: sam, body: doc(text), created: AT, updated: AT, ...extra });
const file = (id: string, filename: string, author: unknown = sam) => ({ id, filename, mimeType: 'image/png', size: 10, author, created: AT, content: `https://alpha.example/a/${id}` });
const ref = (id: string, key: string) => ({ id, key, fields: { summary: key } });

/** SUP-12 as Jira holds it: comments (one by the app, one restricted, one already paired), files, links to paired and unpaired issues. */
const sup12 = () => ({
  comment: {
    comments: [
      comment('501', 'Customer called'),
      comment('502', 'Copied from DEV', { author: app }),
      comment('503', 'Internal only', { visibility: { type: 'role', value: 'Developers' } }),
      comment('504', 'Came from DEV earlier'),
    ],
    total: 4, startAt: 0, maxResults: 4,
  },
  attachment: [file('601', 'screen.png'), file('602', 'copied.png', app), file('603', 'notes.txt')],
  issuelinks: [
    { id: '701', type: { name: 'Blocks' }, outwardIssue: ref('10043', 'SUP-13') },
    { id: '702', type: { name: 'Relates' }, inwardIssue: ref('10043', 'SUP-13') },
    { id: '703', type: { name: 'Blocks' }, outwardIssue: ref('10044', 'SUP-14') },
  ],
});

/** Jira's GET of SUP-12 (only the fields asked for), its comment pages, and the app's own account (counted apart). */
class FakeJira implements JiraTransport {
  readonly calls: string[] = [];
  myself = 0;
  constructor(private readonly fields: Record<string, unknown> | null, private readonly morePages: unknown[] = []) {}
  async requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const url = new URL(route.value, 'https://alpha.example');
    if (url.pathname === '/rest/api/3/myself') { this.myself++; return reply(200, { accountId: app.accountId, accountType: 'app' }); }
    // The changelog check before writing (newer-here.ts): nobody changed anything here.
    if (url.pathname === '/rest/api/3/changelog/bulkfetch') return reply(200, { issueChangeLogs: [] });
    // The link types (cached per site in production): their phrases tell a link's directions apart in its history.
    if (url.pathname === '/rest/api/3/issueLinkType') return reply(200, { issueLinkTypes: [{ name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, { name: 'Relates', inward: 'relates to', outward: 'relates to' }] });
    this.calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (!this.fields) return reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    if (url.pathname.endsWith('/comment')) return reply(200, { comments: this.morePages.shift() ?? [], total: 0, startAt: 0, maxResults: 100 });
    const asked = url.searchParams.get('fields')?.split(',') ?? [];
    return reply(200, { id: '10042', key: 'SUP-12', fields: Object.fromEntries(Object.entries(this.fields).filter(([f]) => asked.includes(f))) });
  }
}

const base: SyncConfigInput = {
  version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }],
  fields: [{ kind: 'system', field: 'summary', direction: 'both' }],
  attachments: { direction: 'both', maxBytes: 1_000_000, mimeTypes: ['image/*'] },
};

function configWith(patch: Partial<SyncConfigInput> = {}): SyncConfig {
  const r = parseSyncConfig({ ...base, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const pair = (localIssueId: string, localIssueKey: string, partnerIssueId: string, partnerIssueKey: string): Pair => ({
  connectionId: C, localIssueId, localIssueKey, partnerIssueId, partnerIssueKey,
  firstSyncAt: '2026-11-02T09:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
});
const SUP12 = pair('10042', 'SUP-12', '20077', 'DEV-7');

async function world(fields: Record<string, unknown> | null = sup12(), morePages: unknown[] = [], options: { sup12Paired?: boolean } = {}) {
  const connections = new MemoryConnections();
  await connections.save({ id: C, localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 2, lastActivity: null, openErrors: 0 }, { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://beta.example/x1/inbox' });
  const pairs = new MemoryPairs();
  if (options.sup12Paired !== false) await pairs.put(SUP12);
  await pairs.put(pair('10043', 'SUP-13', '20078', 'DEV-8'));
  const state = new MemorySyncState();
  // DEV's comment 9001 and file 9002 were copied here as 504 and 603: they are DEV's, not SUP-12's own.
  await state.putObjectPair(C, 'comment', '504', '9001');
  await state.putObjectPair(C, 'attachment', '603', '9002');
  const jira = new FakeJira(fields, morePages);
  const deps = {
    connections, pairs, state, jira, intents: new MemoryIntents(), health: new MemoryHealth(), audit: new MemoryAudit(),
    outbox: new MemoryQueue(), inbox: new MemoryQueue(),
    partner: { post: async () => { throw new Error('a backfill never posts to the partner'); } },
    now: () => NOW, random: () => 0,
  } satisfies SyncDeps;
  const sent = () => [...state.outgoing.values()].map((m) => SyncMessage.parse(m)).map((m) => ({ origin: m.origin.issueKey, target: m.target?.issueKey, change: m.change }));
  return { deps, jira, sent };
}

const kinds = (changes: Array<{ change: Change }>) => changes.map((c) => c.change.kind);

describe('backfillPair', () => {
  it('sends the person-made comments and files not paired yet, and the links whose other end is paired, for 1 GET', async () => {
    const { deps, jira, sent } = await world();
    const result = await backfillPair(deps, C, configWith(), SUP12);
    expect(jira.calls).toEqual(['GET /rest/api/3/issue/10042?fields=comment%2Cattachment%2Cissuelinks']);
    // Only for the two things an app wrote (this fake names no site, so nothing is cached).
    expect(jira.myself).toBe(2);
    expect(result).toEqual({ sent: { comments: 1, attachments: 1, links: 2 }, note: '; backfilled 1 comment, 1 attachment, 2 links' });
    const messages = sent();
    expect(messages.find((m) => m.change.kind === 'comment')).toMatchObject({ origin: 'SUP-12', target: 'DEV-7', change: { commentId: '501', author: { accountId: 'acc-sam', email: 'sam@example.com' } } });
    expect(messages.find((m) => m.change.kind === 'attachment')).toMatchObject({ change: { attachmentId: '601', filename: 'screen.png' } });
    // Each link goes in its source's order, with the partner's ids of both ends, as its created event would.
    expect(messages.filter((m) => m.change.kind === 'link')).toEqual([
      { origin: 'SUP-12', target: 'DEV-7', change: { kind: 'link', linkId: '701', typeName: 'Blocks', inwardTargetId: '20077', outwardTargetId: '20078' } },
      { origin: 'SUP-13', target: 'DEV-8', change: { kind: 'link', linkId: '702', typeName: 'Relates', inwardTargetId: '20078', outwardTargetId: '20077' } },
    ]);
  });

  it('follows the configuration: restricted comments when asked, link types, and what is not sent is not even read', async () => {
    const { deps, jira, sent } = await world();
    await backfillPair(deps, C, configWith({ comments: { direction: 'both', includeRestricted: true }, attachments: { direction: 'from-partner' }, links: { direction: 'both', types: ['Relates'] } }), SUP12);
    expect(jira.calls).toEqual(['GET /rest/api/3/issue/10042?fields=comment%2Cissuelinks']);
    expect(sent().map((m) => m.change)).toEqual([
      expect.objectContaining({ kind: 'comment', commentId: '501' }),
      expect.objectContaining({ kind: 'comment', commentId: '503' }),
      expect.objectContaining({ kind: 'link', linkId: '702' }),
    ]);
  });

  it('sends another app\'s comment (an automation\'s), as its event would be', async () => {
    const fields = sup12();
    fields.comment.comments = [comment('507', 'Automation says hi', { author: { accountId: 'acc-automation', accountType: 'app', displayName: 'Automation for Jira' } })];
    const { deps, sent } = await world(fields);
    await backfillPair(deps, C, configWith({ attachments: { direction: 'from-partner' }, links: { direction: 'from-partner' } }), SUP12);
    expect(sent().map((m) => m.change)).toEqual([expect.objectContaining({ kind: 'comment', commentId: '507' })]);
  });

  it('costs nothing when the sync sends no comments, attachments or links', async () => {
    const { deps, jira, sent } = await world();
    const off = { direction: 'from-partner' } as const;
    expect(await backfillPair(deps, C, configWith({ comments: off, attachments: off, links: off }), SUP12)).toMatchObject({ note: '' });
    expect(jira.calls).toEqual([]);
    expect(sent()).toEqual([]);
  });

  it('reads the rest of a comment list Jira cut short, a page per 100', async () => {
    const fields = sup12();
    fields.comment = { comments: [comment('501', 'First')], total: 3, startAt: 0, maxResults: 1 };
    const { deps, jira, sent } = await world(fields, [[comment('505', 'Second'), comment('506', 'Third')]]);
    await backfillPair(deps, C, configWith({ attachments: { direction: 'from-partner' }, links: { direction: 'from-partner' } }), SUP12);
    expect(jira.calls).toEqual(['GET /rest/api/3/issue/10042?fields=comment', 'GET /rest/api/3/issue/10042/comment?startAt=1&maxResults=100']);
    expect(kinds(sent())).toEqual(['comment', 'comment', 'comment']);
  });

  it('sends nothing for an issue deleted here meanwhile, and does not fail', async () => {
    const { deps, sent } = await world(null);
    expect(await backfillPair(deps, C, configWith(), SUP12)).toMatchObject({ note: '' });
    expect(sent()).toEqual([]);
  });
});

describe('backfillIssue', () => {
  it('takes the objects from fields a search already read, with no request', async () => {
    const { deps, jira, sent } = await world();
    await backfillIssue(deps, C, configWith(), { id: '10042', key: 'SUP-12', fields: sup12() });
    expect(jira.calls).toEqual([]);
    expect(kinds(sent())).toEqual(['comment', 'attachment', 'link', 'link']);
  });
});

describe('pairing with an existing issue', () => {
  it('sends the existing issue\'s objects after its `paired` message, from the read the pairing makes anyway', async () => {
    const { deps, jira, sent } = await world({ ...sup12(), project: { key: 'SUP' } }, [], { sup12Paired: false });
    const outcome = await applyMessage(deps, C, configWith(), {
      v: 1, type: 'sync', messageId: '20099-1', connectionId: C, origin: { side: 'DEV<alpha/SUP', issueId: '20099', issueKey: 'DEV-99' }, seq: 1, at: NOW,
      change: { kind: 'issue', create: false, issueType: { id: '20002', name: 'Task' }, fields: { summary: 'From DEV' }, pairWith: 'SUP-12' },
    });
    expect(outcome.status).toBe('applied');
    expect(jira.calls.filter((c) => c.startsWith('GET'))).toEqual(['GET /rest/api/3/issue/SUP-12?fields=project%2Ccomment%2Cattachment%2Cissuelinks']);
    expect(sent().map((m) => [m.origin, m.target, m.change.kind])).toEqual([
      ['SUP-12', 'DEV-99', 'paired'], ['SUP-12', 'DEV-99', 'comment'], ['SUP-12', 'DEV-99', 'attachment'], ['SUP-12', 'DEV-99', 'link'], ['SUP-13', 'DEV-8', 'link'],
    ]);
  });
});
