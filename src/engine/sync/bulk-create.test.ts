/**
 * The receiving side of "Sync existing issues" over in-memory ports and a fake Jira: one bulk create for
 * the batch, a refused element created alone without its refused value, existing pairs answered without
 * creating, and Jira being busy thrown for the job to retry. This side is DEV on beta; its partner is SUP.
 */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig, SyncConfigInput } from '../../domain/config/schema';
import type { IssueChange, PortableValue } from '../../domain/sync/message';
import { JiraError } from '../../jira/errors';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../ports/fakes/health';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemorySyncState } from '../../ports/fakes/sync';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../../ports/jira';
import { bulkCreate, type CreateItem } from './bulk-create';
import type { SyncDeps } from './deps';

const C = 'sup-dev';
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const SIDE = 'SUP<beta/DEV';

interface JiraCall { method: string; path: string; body: any }
const reply = (status: number, body?: unknown): Response => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * Jira's bulk create (refusing an unknown component per element, as Jira does), single create, and the
 * transitions of a new issue. Records every request.
 */
class FakeJira implements JiraTransport {
  readonly calls: JiraCall[] = [];
  busy = false;
  private nextId = 30100;
  private create(fields: Record<string, unknown>): { id: string; key: string } | { errors: Record<string, string> } {
    const components = (fields['components'] as Array<{ name: string }> | undefined) ?? [];
    const unknown = components.find((c) => c.name !== 'Billing');
    if (unknown) return { errors: { components: `Component name '${unknown.name}' is not valid` } };
    const id = this.nextId++;
    return { id: String(id), key: `DEV-${id - 30000}` };
  }

  async requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const url = new URL(route.value, 'https://beta.example');
    const call: JiraCall = { method: init?.method ?? 'GET', path: url.pathname, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    this.calls.push(call);
    if (this.busy) return new Response(JSON.stringify({ errorMessages: ['Rate limit exceeded.'] }), { status: 429, headers: { 'Retry-After': '7', 'RateLimit-Reason': 'jira-burst-based' } });
    if (call.method === 'POST' && call.path === '/rest/api/3/issue/bulk') {
      const issues: unknown[] = [];
      const errors: unknown[] = [];
      (call.body.issueUpdates as Array<{ fields: Record<string, unknown> }>).forEach((u, n) => {
        const made = this.create(u.fields);
        if ('errors' in made) errors.push({ failedElementNumber: n, status: 400, elementErrors: { errorMessages: [], errors: made.errors } });
        else issues.push({ ...made, self: `https://beta.example/rest/api/3/issue/${made.id}` });
      });
      return reply(issues.length ? 201 : 400, { issues, errors });
    }
    if (call.method === 'POST' && call.path === '/rest/api/3/issue') {
      const made = this.create(call.body.fields);
      return 'errors' in made ? reply(400, { errorMessages: [], errors: made.errors }) : reply(201, made);
    }
    if (call.method === 'GET' && /\/transitions$/.test(call.path)) return reply(200, { transitions: [{ id: '21', name: 'Start progress', to: { id: '3', name: 'In Progress' } }] });
    if (call.method === 'POST' && /\/transitions$/.test(call.path)) return reply(204);
    return reply(404, { errorMessages: [`No route ${call.method} ${call.path} in the fake`], errors: {} });
  }

  count(method: string, path: RegExp): number {
    return this.calls.filter((c) => c.method === method && path.test(c.path)).length;
  }
}

const configInput: SyncConfigInput = {
  version: 1, local: { projectKey: 'DEV' }, partner: { site: 'alpha', projectKey: 'SUP' },
  issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'both' },
    { kind: 'system', field: 'components', direction: 'both' },
  ],
  statuses: [{ local: { id: '3', name: 'In Progress' }, partner: { id: '13', name: 'In Progress' } }],
};
const configWith = (patch: Partial<SyncConfigInput> = {}): SyncConfig => {
  const r = parseSyncConfig({ ...configInput, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
};

async function world() {
  const connections = new MemoryConnections();
  await connections.save({ id: C, localProjectKey: 'DEV', partnerSite: 'alpha', partnerProject: 'SUP', state: 'running', pairs: 0, lastActivity: null, openErrors: 0 }, { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://alpha.example/x1/inbox' });
  const jira = new FakeJira();
  const deps = {
    connections, pairs: new MemoryPairs(), jira,
    state: new MemorySyncState(), intents: new MemoryIntents(), health: new MemoryHealth(), audit: new MemoryAudit(),
    outbox: new MemoryQueue(), inbox: new MemoryQueue(),
    partner: { post: async () => { throw new Error('creating never posts to the partner'); } },
    now: () => T0 + 60_000,
    random: () => 0,
  } satisfies SyncDeps;
  return { deps, jira };
}

const item = (n: number, fields: Record<string, PortableValue>, extra: Partial<IssueChange> = {}): CreateItem => ({
  origin: { issueId: String(10040 + n), key: `SUP-${n}` }, at: T0 + n,
  change: { kind: 'issue', create: true, issueType: { id: '20002', name: 'Task' }, fields, ...extra },
});

describe('bulkCreate', () => {
  it('creates the batch with one bulk request, and an element Jira refuses alone, leaving out its refused value', async () => {
    const { deps, jira } = await world();
    const config = configWith();
    const results = await bulkCreate(deps, C, config, SIDE, [
      item(1, { summary: 'One', priority: 'High' }),
      item(2, { summary: 'Two', components: ['Legacy'] }),
      item(3, { summary: 'Three', components: ['Billing'] }),
    ]);
    expect(results).toEqual([
      { originId: '10041', issueId: '30100', key: 'DEV-100' },
      { originId: '10042', issueId: '30102', key: 'DEV-102', note: expect.stringContaining('components: Component name \'Legacy\' is not valid (left out)') },
      { originId: '10043', issueId: '30101', key: 'DEV-101' },
    ]);
    expect(jira.count('POST', /^\/rest\/api\/3\/issue\/bulk$/)).toBe(1);
    // The refused value is already left out of the single create: what the bulk answer said is not asked again.
    const single = jira.calls.filter((c) => c.path === '/rest/api/3/issue');
    expect(single.map((c) => c.body.fields)).toEqual([{ summary: 'Two', project: { key: 'DEV' }, issuetype: { id: '10002' } }]);
    expect(await deps.pairs.byPartner(C, '10042')).toMatchObject({ localIssueKey: 'DEV-102', partnerIssueKey: 'SUP-2', lastError: expect.stringMatching(/left out/) });
    expect(await deps.pairs.byPartner(C, '10041')).toMatchObject({ localIssueKey: 'DEV-100', partnerIssueKey: 'SUP-1', status: 'active', lastError: null });
    // Stamped as the partner's changes; the pair travels in the answer, not as a message.
    expect(await deps.state.stamps(C, '30100')).toEqual({ summary: { changedAt: T0 + 1, site: SIDE }, priority: { changedAt: T0 + 1, site: SIDE } });
    expect(deps.outbox.pushed).toEqual([]);
    expect((await deps.audit.list(C)).entries.map((e) => `${e.action} ${e.target}`).sort()).toEqual(['issue.created DEV-100', 'issue.created DEV-101', 'issue.created DEV-102']);
  });

  it('walks a copy to a status that is not new, and says so', async () => {
    const { deps, jira } = await world();
    const results = await bulkCreate(deps, C, configWith(), SIDE, [
      item(1, { summary: 'Started' }, { status: { id: '13', name: 'In Progress', category: 'indeterminate' } }),
      item(2, { summary: 'Fresh' }, { status: { id: '11', name: 'Open', category: 'new' } }),
    ]);
    expect(results).toEqual([{ originId: '10041', issueId: '30100', key: 'DEV-100', moved: true }, { originId: '10042', issueId: '30101', key: 'DEV-101' }]);
    expect(jira.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /rest/api/3/issue/bulk', 'GET /rest/api/3/issue/30100/transitions', 'POST /rest/api/3/issue/30100/transitions']);
    expect((await deps.state.stamps(C, '30100'))['status']).toEqual({ changedAt: T0 + 1, site: SIDE });
  });

  it('answers an origin paired here already with its pair, creating nothing: a retried request is harmless', async () => {
    const { deps, jira } = await world();
    const config = configWith();
    const first = await bulkCreate(deps, C, config, SIDE, [item(1, { summary: 'One' }), item(2, { summary: 'Two' })]);
    jira.calls.length = 0;
    const again = await bulkCreate(deps, C, config, SIDE, [item(1, { summary: 'One' }), item(2, { summary: 'Two' }), item(2, { summary: 'Two' })]);
    expect(again).toEqual(first.map((r) => ({ ...r, existed: true })));
    expect(jira.calls).toEqual([]);
  });

  it('reports what it cannot create per element: an unmapped type, a refusal without field errors, no creates accepted', async () => {
    const { deps, jira } = await world();
    const results = await bulkCreate(deps, C, configWith(), SIDE, [item(1, { summary: 'Epic' }, { issueType: { id: '20009', name: 'Epic' } }), item(2, { summary: 'Fine' })]);
    expect(results).toEqual([{ originId: '10041', error: 'issue type Epic is not mapped' }, { originId: '10042', issueId: '30100', key: 'DEV-100' }]);

    const closed = await world();
    const refusing = configWith({ advanced: { jql: '', accept: { create: false, update: true, delete: false }, correlationField: null, deletePolicy: 'ignore', conflicts: 'newest-wins' } });
    expect(await bulkCreate(closed.deps, C, refusing, SIDE, [item(1, { summary: 'One' })])).toEqual([{ originId: '10041', error: 'this side does not accept new issues from the partner' }]);
    expect(closed.jira.calls).toEqual([]);
    expect(jira.count('POST', /^\/rest\/api\/3\/issue$/)).toBe(0);
  });

  it('throws when Jira is busy, having stored nothing, so the job step runs again later', async () => {
    const { deps, jira } = await world();
    jira.busy = true;
    const failure = await bulkCreate(deps, C, configWith(), SIDE, [item(1, { summary: 'One' })]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JiraError);
    expect(failure).toMatchObject({ status: 429, retryAfterSeconds: 7, transient: true });
    expect(await deps.pairs.byPartner(C, '10041')).toBeUndefined();
  });
});
