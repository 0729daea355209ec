/**
 * Who may do what, proven: every resolver the manifest's Custom UI modules register is called through the local
 * Forge runtime (the handler Forge runs, a Forge-shaped call and context, asUser() as that caller) by a project
 * admin, a project member, an admin of another project and an anonymous visitor, then with tampered contexts and
 * payloads. Every refusal must change nothing (both installations' KVS, both Jira sites, the queues), and
 * docs/ui.md must carry exactly the tables asserted here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadManifest } from '../../sandbox/forge/manifest';
import { issuePanelContext, projectSettingsContext } from '../../sandbox/forge/ui/context';
import { snapshotSites } from '../../sandbox/jira/persist';
import { PEOPLE } from '../../sandbox/jira/sites';
import * as forgeHandlers from '../../src/forge/index';
import { startSyncHarness, type SyncHarness } from '../support/sync';

// Forge's own Resolver, observed: asked for a function key nobody defines, it first notes every key it does define,
// so the matrix covers what is really registered (a hand-kept list would let a new resolver slip in unclassified).
const PROBE = 'authorization-matrix:probe';
const probe = vi.hoisted(() => ({ names: undefined as string[] | undefined }));
vi.mock('@forge/resolver', async (importOriginal) => {
  const mod = await importOriginal<Record<string, unknown>>();
  type Definitions = { functions: Record<string, unknown> };
  type ResolverClass = { prototype: { getFunction(this: Definitions, key: string): unknown } };
  const isResolver = (c: unknown): c is ResolverClass => typeof c === 'function' && typeof (c as ResolverClass).prototype.getFunction === 'function';
  const Resolver = [mod['default'], (mod['default'] as Record<string, unknown> | undefined)?.['default']].find(isResolver);
  if (!Resolver) throw new Error('@forge/resolver exports no Resolver class to observe');
  const lookup = Resolver.prototype.getFunction;
  Resolver.prototype.getFunction = function (this: Definitions, key: string) {
    if (key === PROBE) probe.names = Object.keys(this.functions);
    return lookup.call(this, key);
  };
  return mod;
});

const root = join(import.meta.dirname, '..', '..');
const manifest = loadManifest(join(root, 'manifest.yml'));
const S = 'lockstep-settings';
const P = 'lockstep-sync-info';
type Module = typeof S | typeof P;

/** The functions the Resolver behind a handler defines, asked through the handler (and any wrapper around it). */
async function definedBy(handler: unknown): Promise<string[] | undefined> {
  if (typeof handler !== 'function') return undefined;
  probe.names = undefined;
  await Promise.resolve(handler({ call: { functionKey: PROBE, payload: {} }, context: {} }, { license: { isActive: true } })).catch(() => undefined);
  return probe.names;
}
/** Every resolver function of every Custom UI module, from the handler manifest.yml names (one probe at a time). */
const REGISTERED: Array<{ module: string; name: string }> = [];
for (const ui of manifest.uiModules) {
  if (!ui.resolver) continue;
  const handler = manifest.functions.get(ui.resolver.function)?.handler ?? '';
  const names = handler.startsWith('forge/index.') ? await definedBy((forgeHandlers as Record<string, unknown>)[handler.slice('forge/index.'.length)]) : undefined;
  if (!names) throw new Error(`${ui.key}: ${handler} is not a handler built by @forge/resolver`);
  REGISTERED.push(...names.map((name) => ({ module: ui.key, name })));
}

type Need = 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES';
type CallerKey = 'admin' | 'member' | 'outsider' | 'anonymous';
interface Caller { key: CallerKey; title: string; person?: 'ada' | 'sam' | 'omar'; accountId: string | undefined; accountType: string }
const CALLERS: readonly Caller[] = [
  { key: 'admin', title: 'Project admin (ada)', person: 'ada', accountId: PEOPLE.ada.accountId, accountType: 'licensed' },
  { key: 'member', title: 'Project member (sam)', person: 'sam', accountId: PEOPLE.sam.accountId, accountType: 'licensed' },
  { key: 'outsider', title: 'Admin of another project (omar)', person: 'omar', accountId: PEOPLE.omar.accountId, accountType: 'licensed' },
  { key: 'anonymous', title: 'Anonymous', accountId: undefined, accountType: 'anonymous' },
];
const caller = (key: CallerKey): Caller => CALLERS.find((c) => c.key === key)!;
/** What each caller holds on SUP's issues in the sandbox; the first test checks it against Jira. */
const HOLDS: Record<Exclude<CallerKey, 'anonymous'>, Need[]> = {
  admin: ['ADMINISTER_PROJECTS', 'BROWSE_PROJECTS', 'EDIT_ISSUES'],
  member: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
  outsider: [],
};
type Outcome = 'allowed' | 401 | 403;
const expected = (need: Need, key: CallerKey): Outcome => (key === 'anonymous' ? 401 : HOLDS[key].includes(need) ? 'allowed' : 403);

/** Real ids of the sandbox's SUP ↔ DEV sync and its jobs, errors and issues, made in beforeAll. */
interface Ids { sync: string; issue: string; code: string; config: unknown; configText: string; messageId: string; previewJob: string; reconcileJob: string; opsSync: string; opsIssue: string }
type Payload = (ids: Ids) => Record<string, unknown>;
interface Entry { module: Module; need: Need; payload: Payload; sync: boolean; /** Runs after everything else, in this order: it pauses, re-keys or deletes the sync the rest use. */ last?: number }

const admin = (payload: Payload = () => ({}), last?: number): Entry => ({ module: S, need: 'ADMINISTER_PROJECTS', payload, sync: false, ...(last ? { last } : {}) });
const sync = (extra: Payload = () => ({}), last?: number): Entry => ({ ...admin((ids) => ({ connectionId: ids.sync, ...extra(ids) }), last), sync: true });
const job = (key: 'previewJob' | 'reconcileJob') => sync((ids) => ({ jobId: ids[key] }));
const panel = (extra: Payload = () => ({})): Entry => ({ module: P, need: 'EDIT_ISSUES', payload: (ids) => ({ syncId: ids.sync, ...extra(ids) }), sync: true });

/** The expectation table: every registered resolver must be in it; an entry nobody registers is simply not called. */
const TABLE: Record<string, Entry> = {
  getSettings: admin(),
  listSyncableProjects: admin(),
  createInvitation: admin(),
  acceptInvitation: admin((ids) => ({ code: ids.code })),
  createSameSiteConnection: admin(() => ({ partnerProjectKey: 'LAB' })),
  getSyncConfig: sync(),
  getSyncCatalog: sync(),
  saveSyncConfig: sync((ids) => ({ config: ids.config })),
  getSyncHealth: sync(),
  listSyncErrors: sync(),
  actOnSyncError: sync((ids) => ({ action: 'retry', direction: 'in', messageId: ids.messageId })),
  retryAllSyncErrors: sync(),
  listSyncAudit: sync(),
  exportSyncConfig: sync(),
  importSyncConfig: sync((ids) => ({ text: ids.configText })),
  exportPairs: sync(() => ({ format: 'csv' })),
  uploadPairFile: sync(() => ({ text: 'SUP-1,DEV-1\n' })),
  startPairPreview: sync(() => ({ source: { match: 'key' } })),
  getPairPreview: job('previewJob'),
  startPairApply: sync((ids) => ({ previewJobId: ids.previewJob, acceptPartial: true })),
  startResync: sync(() => ({ jql: '', fields: ['summary'], direction: 'to-partner' })),
  startReconcile: sync(),
  startInitialSync: sync(),
  getReconciliation: job('reconcileJob'),
  exportReconciliation: job('reconcileJob'),
  getSyncJob: job('reconcileJob'),
  cancelSyncJob: job('reconcileJob'),
  getMigrationStatus: sync(),
  setConnectionState: sync(() => ({ state: 'paused' }), 1),
  rotateSigningKey: sync(() => ({}), 2),
  deleteConnection: sync(() => ({}), 3),
  getIssueSync: { module: P, need: 'BROWSE_PROJECTS', payload: () => ({}), sync: false },
  resyncIssue: panel(),
  retryIssueSync: panel(),
  syncThisIssue: panel(),
  pairWithExistingIssue: panel(() => ({ partnerKey: 'DEV-1' })),
};
const ORDER = REGISTERED.map((r) => r.name).sort((a, b) => (TABLE[a]?.last ?? 0) - (TABLE[b]?.last ?? 0));
const entry = (name: string): Entry => TABLE[name] ?? (() => { throw new Error(`${name} is not in the expectation table`); })();

let h: SyncHarness;
let ids: Ids;
type Context = Record<string, any>;

/** The context Forge hands the resolver for this caller on a settings page (project key) or an issue panel (issue key). */
function contextFor(module: Module, who: Caller, target: string, siteName = 'alpha'): Context {
  const site = h.emulator.site(siteName);
  const base = { appId: manifest.appId, environmentId: h.runtime.environmentId, site, moduleKey: module, accountId: who.accountId ?? '' };
  const issue = module === P ? site.issue(target) : undefined;
  const ctx = issue
    ? issuePanelContext(base, issue, site.projects.get(issue.projectId)!, `${site.baseUrl}/browse/${target}`)
    : projectSettingsContext(base, site.projectByKey(target)!, `${site.baseUrl}/plugins/servlet/project-config/${target}/apps`);
  const { accountId: _platformSets, ...rest } = ctx;
  return { ...rest, ...(who.accountId ? { accountId: who.accountId } : {}), accountType: who.accountType };
}

interface Answer { status: number | 'ok' | 'failed'; body: unknown }
/** One resolver call as Forge makes it: `{ call: { functionKey, payload }, context }`, the principal set by the platform. */
async function call(module: Module, who: Caller, functionKey: string, payload: unknown, context: Context | undefined, siteName = 'alpha'): Promise<Answer> {
  const out = await h.runtime.invokeResolver({ site: siteName, moduleKey: module, accountId: who.accountId ?? '', functionKey, payload, context: context ?? {} });
  if (out.status !== 'ok') return { status: 'failed', body: out.error.message };
  const status = (out.value as { error?: { status?: unknown } } | null)?.error?.status;
  return { status: typeof status === 'number' ? status : 'ok', body: out.value };
}
async function ok(module: Module, person: 'ada' | 'sam' | 'omar' | 'dana', functionKey: string, payload: unknown, target: string, siteName = 'alpha'): Promise<any> {
  const who: Caller = { key: 'admin', title: person, accountId: PEOPLE[person].accountId, accountType: 'licensed' };
  const answer = await call(module, who, functionKey, payload, contextFor(module, who, target, siteName), siteName);
  if (answer.status !== 'ok') throw new Error(`${functionKey} as ${person}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

type KvsInternals = { snapshot(): unknown };
/** Everything a resolver could change: each installation's KVS (the store's own snapshot), each Jira site, the queues. */
function world(): Map<string, string> {
  const parts = new Map<string, string>();
  for (const inst of h.runtime.installed) parts.set(`${inst.name} KVS`, JSON.stringify((inst.kvs as unknown as KvsInternals).snapshot()));
  for (const site of snapshotSites(h.emulator).sites) parts.set(`${site.name} Jira`, JSON.stringify(site));
  parts.set('queued events', String(h.runtime.pendingQueueEvents()));
  return parts;
}
/** Runs refused calls and fails, naming what moved, if anything changed. */
async function unchangedBy<T>(label: string, work: () => Promise<T>): Promise<T> {
  await h.runtime.idle();
  const before = world();
  const result = await work();
  await h.runtime.idle();
  const after = world();
  expect([...before.keys()].filter((k) => before.get(k) !== after.get(k)), `${label} changed`).toEqual([]);
  return result;
}

beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], (emulator) => {
    // OPS: Omar's own project, so he is an admin somewhere, just not in SUP. LAB: a second project Ada administers.
    emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', template: 'software', leadAccountId: PEOPLE.omar.accountId, members: [], admins: [PEOPLE.omar.accountId] });
    emulator.site('alpha').addProject({ key: 'LAB', name: 'Lab', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [], admins: [PEOPLE.ada.accountId] });
  });
  const create = async (site: string, who: 'sam' | 'omar' | 'dana', project: string, summary: string) => {
    const res = await h.rest(site, who)('POST', '/rest/api/3/issue', { fields: { project: { key: project }, issuetype: { name: 'Task' }, summary } });
    if (res.status !== 201) throw new Error(`create in ${project}: ${JSON.stringify(res.body)}`);
    return (res.body as { key: string }).key;
  };
  const issue = await create('alpha', 'sam', 'SUP', 'Paired before the matrix');
  const opsIssue = await create('alpha', 'omar', 'OPS', 'Omar’s own issue');
  // A parked error on alpha: two DEV issues claim the same SUP issue; alpha refuses the second and parks it.
  await ok(S, 'ada', 'setConnectionState', { connectionId: 'sup-dev', state: 'paused' }, 'SUP');
  const claimed = await create('alpha', 'sam', 'SUP', 'Claimed twice');
  const claimants = [await create('beta', 'dana', 'DEV', 'First claimant'), await create('beta', 'dana', 'DEV', 'Second claimant')];
  await h.settle();
  await ok(S, 'ada', 'setConnectionState', { connectionId: 'sup-dev', state: 'running' }, 'SUP');
  for (const key of claimants) {
    await ok(P, 'dana', 'pairWithExistingIssue', { syncId: 'sup-dev', partnerKey: claimed }, key, 'beta');
    await h.settle();
  }
  const errors = await ok(S, 'ada', 'listSyncErrors', { connectionId: 'sup-dev' }, 'SUP') as Array<{ messageId: string; direction: string }>;
  const previewJob = (await ok(S, 'ada', 'startPairPreview', { connectionId: 'sup-dev', source: { match: 'key' } }, 'SUP')).id as string;
  const reconcileJob = (await ok(S, 'ada', 'startReconcile', { connectionId: 'sup-dev' }, 'SUP')).id as string;
  await h.settle();
  ids = {
    sync: 'sup-dev', issue, opsIssue, previewJob, reconcileJob,
    messageId: errors.find((e) => e.direction === 'in')?.messageId ?? '',
    config: (await ok(S, 'ada', 'getSyncConfig', { connectionId: 'sup-dev' }, 'SUP')).config,
    configText: (await ok(S, 'ada', 'exportSyncConfig', { connectionId: 'sup-dev' }, 'SUP')).text,
    code: (await ok(S, 'ada', 'createInvitation', {}, 'DEV', 'beta')).code,
    opsSync: (await ok(S, 'omar', 'createInvitation', {}, 'OPS')).connection.id,
  };
  expect(ids.messageId, 'a parked error to act on').not.toBe('');
});
afterAll(async () => { await h?.close(); });

describe('the callers', () => {
  it('hold exactly the permissions the table assumes, as Jira tells each of them on a SUP issue', async () => {
    const wanted = 'ADMINISTER_PROJECTS,BROWSE_PROJECTS,EDIT_ISSUES';
    for (const c of CALLERS) {
      if (!c.person) continue;
      const res = await h.rest('alpha', c.person)('GET', `/rest/api/3/mypermissions?issueKey=${ids.issue}&permissions=${wanted}`);
      const held = res.status === 200 ? Object.entries(res.body.permissions as Record<string, { havePermission: boolean }>).filter(([, p]) => p.havePermission).map(([k]) => k) : [];
      expect(held.sort(), c.title).toEqual([...HOLDS[c.key as Exclude<CallerKey, 'anonymous'>]].sort());
    }
  });
});

describe('the expectation table', () => {
  it('classifies every resolver the manifest’s UI modules register, under the module that registers it', () => {
    expect(REGISTERED.length).toBeGreaterThan(30);
    expect(REGISTERED.filter((r) => TABLE[r.name]?.module !== r.module).map((r) => `${r.module}.${r.name}`)).toEqual([]);
  });
});

/** A tampered call, tried on every resolver `on` picks; each must be refused with `expect` and change nothing. */
interface Tamper {
  title: string;
  who: CallerKey;
  onTitle: string;
  on: (e: Entry, name: string) => boolean;
  /** The calls made per resolver: the tampered context and payload. */
  calls: (e: Entry) => Array<{ context: Context | undefined; payload: unknown }>;
  expect: 400 | 401 | 403 | 404 | 'failed';
  /** The module the call goes through, when not the resolver's own. */
  via?: Module;
  /** A 404 for this id must read exactly as one for an id that does not exist: ids are not an oracle. */
  hides?: () => string;
}
const ctx = (e: Entry, who: CallerKey, target?: string, change: (c: Context) => void = () => undefined): Context => {
  const c = contextFor(e.module, caller(who), target ?? (e.module === S ? 'SUP' : ids.issue));
  change(c);
  return c;
};
const one = (context: Context | undefined, payload: unknown) => [{ context, payload }];
const settingsAll = (e: Entry) => e.module === S;
const settingsSync = (e: Entry) => e.module === S && e.sync;
const panelAll = (e: Entry) => e.module === P;
const panelSync = (e: Entry) => e.module === P && e.sync;
const forged = (e: Entry, as: string) => ({ ...e.payload(ids), accountId: as, actor: as, principal: { accountId: as } });
const GARBAGE_PAYLOADS: readonly unknown[] = ['sup-dev', 42, ['sup-dev'], { connectionId: { $ne: null }, syncId: { $ne: null } }, { connectionId: '../sup-dev', syncId: 42 }];
const GARBAGE_KEYS: readonly unknown[] = [42, ['SUP'], { key: 'SUP' }, "SUP' OR 1=1", '', null];

const TAMPERED: readonly Tamper[] = [
  { title: 'Context names DEV (a project of the other site), payload names SUP’s sync', who: 'member', onTitle: 'every settings resolver', on: settingsAll, expect: 403,
    calls: (e) => one(ctx(e, 'member', 'SUP', (c) => { c['extension'].project = { id: '30000', key: 'DEV', type: 'software' }; }), e.payload(ids)) },
  { title: 'On OPS’s page (which he administers), payload names SUP’s sync', who: 'outsider', onTitle: 'every settings resolver that takes a sync', on: settingsSync, expect: 404, hides: () => ids.sync,
    calls: (e) => one(ctx(e, 'outsider', 'OPS'), e.payload(ids)) },
  { title: 'On SUP’s page, payload names OPS’s connection (its pending invitation)', who: 'admin', onTitle: 'every settings resolver that takes a sync', on: settingsSync, expect: 404, hides: () => ids.opsSync,
    calls: (e) => one(ctx(e, 'admin'), { ...e.payload(ids), connectionId: ids.opsSync }) },
  { title: 'On OPS’s page, asks for a same-site sync with SUP', who: 'outsider', onTitle: '`createSameSiteConnection`', on: (_e, name) => name === 'createSameSiteConnection', expect: 403,
    calls: (e) => one(ctx(e, 'outsider', 'OPS'), { partnerProjectKey: 'SUP' }) },
  { title: 'The admin’s accountId forged in the context and the payload', who: 'member', onTitle: 'every settings resolver', on: settingsAll, expect: 403,
    calls: (e) => one({ ...ctx(e, 'member'), accountId: PEOPLE.ada.accountId }, forged(e, PEOPLE.ada.accountId)) },
  { title: 'No principal; the admin’s accountId and `accountType: licensed` forged in the context', who: 'anonymous', onTitle: 'every resolver', on: () => true, expect: 401,
    calls: (e) => one({ ...ctx(e, 'anonymous'), accountId: PEOPLE.ada.accountId, accountType: 'licensed' }, forged(e, PEOPLE.ada.accountId)) },
  { title: 'No accountId, `accountType: unlicensed`', who: 'anonymous', onTitle: 'every resolver', on: () => true, expect: 401,
    calls: (e) => one({ ...ctx(e, 'anonymous'), accountType: 'unlicensed' }, e.payload(ids)) },
  { title: 'Extension missing from the context, or no context at all', who: 'admin', onTitle: 'every resolver', on: () => true, expect: 400,
    calls: (e) => [{ context: ctx(e, 'admin', undefined, (c) => { delete c['extension']; }), payload: e.payload(ids) }, { context: undefined, payload: e.payload(ids) }] },
  { title: 'Project key `42`, `["SUP"]`, `{"key":"SUP"}`, `SUP\' OR 1=1`, empty, `null`; no project; extension `"SUP"`', who: 'admin', onTitle: 'every settings resolver', on: settingsAll, expect: 400,
    calls: (e) => [
      ...GARBAGE_KEYS.map((key) => ({ context: ctx(e, 'admin', 'SUP', (c) => { c['extension'].project.key = key; }), payload: e.payload(ids) })),
      { context: ctx(e, 'admin', 'SUP', (c) => { delete c['extension'].project; }), payload: e.payload(ids) },
      { context: ctx(e, 'admin', 'SUP', (c) => { c['extension'] = 'SUP'; }), payload: e.payload(ids) },
    ] },
  { title: 'Payload `"sup-dev"`, `42`, `["sup-dev"]`, `{"connectionId":{"$ne":null}}`, `{"connectionId":"../sup-dev"}`', who: 'member', onTitle: 'every settings resolver', on: settingsAll, expect: 403,
    calls: (e) => GARBAGE_PAYLOADS.map((payload) => ({ context: ctx(e, 'member'), payload })) },
  { title: 'The same garbage payloads', who: 'admin', onTitle: 'every settings resolver that takes a payload', on: (e) => settingsAll(e) && Object.keys(e.payload(ids)).length > 0, expect: 400,
    calls: (e) => GARBAGE_PAYLOADS.map((payload) => ({ context: ctx(e, 'admin'), payload })) },
  { title: 'A settings function called through the issue panel’s module', who: 'admin', onTitle: 'every settings resolver', on: settingsAll, expect: 'failed', via: P,
    calls: (e) => one(contextFor(P, caller('admin'), ids.issue), e.payload(ids)) },
  { title: 'Context names an OPS issue, which he cannot browse', who: 'member', onTitle: 'every panel resolver', on: panelAll, expect: 403,
    calls: (e) => one(ctx(e, 'member', ids.opsIssue), e.payload(ids)) },
  { title: 'On his own OPS issue, with the context’s issue id and project swapped for SUP’s, payload names SUP’s sync', who: 'outsider', onTitle: 'every panel action', on: panelSync, expect: 404, hides: () => ids.sync,
    calls: (e) => one(ctx(e, 'outsider', ids.opsIssue, (c) => {
      const sup = contextFor(P, caller('admin'), ids.issue)['extension'];
      c['extension'].issue.id = sup.issue.id;
      c['extension'].project = sup.project;
    }), e.payload(ids)) },
  { title: 'The member’s accountId forged in the context and the payload', who: 'outsider', onTitle: 'every panel resolver', on: panelAll, expect: 403,
    calls: (e) => one({ ...ctx(e, 'outsider'), accountId: PEOPLE.sam.accountId }, forged(e, PEOPLE.sam.accountId)) },
  { title: 'Issue key `42`, `["SUP"]`, `{"key":"SUP"}`, `SUP\' OR 1=1`, empty, `null`; no issue', who: 'member', onTitle: 'every panel resolver', on: panelAll, expect: 400,
    calls: (e) => [
      ...GARBAGE_KEYS.map((key) => ({ context: ctx(e, 'member', undefined, (c) => { c['extension'].issue.key = key; }), payload: e.payload(ids) })),
      { context: ctx(e, 'member', undefined, (c) => { delete c['extension'].issue; }), payload: e.payload(ids) },
    ] },
  { title: 'Context names DEV-1, an issue of the other site that this site does not have', who: 'member', onTitle: 'every panel resolver', on: panelAll, expect: 403,
    calls: (e) => one(ctx(e, 'member', undefined, (c) => { c['extension'].issue.key = 'DEV-1'; }), e.payload(ids)) },
  { title: 'Payload `"sup-dev"`, `42`, `["sup-dev"]`, `{"syncId":{"$ne":null}}`, `{"syncId":42}`', who: 'member', onTitle: 'every panel action', on: panelSync, expect: 400,
    calls: (e) => GARBAGE_PAYLOADS.map((payload) => ({ context: ctx(e, 'member'), payload })) },
  { title: 'A panel function called through the settings page’s module', who: 'admin', onTitle: 'every panel resolver', on: panelAll, expect: 'failed', via: S,
    calls: (e) => one(contextFor(S, caller('admin'), 'SUP'), e.payload(ids)) },
];

/** The payload with `hidden` swapped for an id that names nothing. */
const withMissingId = (payload: unknown, hidden: string): unknown =>
  Object.fromEntries(Object.entries(payload as Record<string, unknown>).map(([k, v]) => [k, v === hidden ? 'no-such-sync' : v]));
const masked = (body: unknown, id: string) => JSON.stringify(body).replaceAll(id, '<id>');

describe('tampered calls are refused and change nothing', () => {
  it.each(TAMPERED.map((t) => [`${caller(t.who).title}: ${t.title}`, t] as const))('%s', async (label, t) => {
    const names = ORDER.filter((name) => t.on(entry(name), name));
    expect(names.length).toBeGreaterThan(0);
    await unchangedBy(label, async () => {
      for (const name of names) {
        const e = entry(name);
        for (const c of t.calls(e)) {
          const answer = await call(t.via ?? e.module, caller(t.who), name, c.payload, c.context);
          expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(t.expect);
          if (!t.hides) continue;
          const missing = await call(t.via ?? e.module, caller(t.who), name, withMissingId(c.payload, t.hides()), c.context);
          expect(masked(answer.body, t.hides()), name).toBe(masked(missing.body, 'no-such-sync'));
        }
      }
    });
  });

  it('records the platform’s accountId, never a forged one, when an allowed call writes', async () => {
    const e = entry('exportSyncConfig');
    const before = world();
    await call(S, caller('admin'), 'exportSyncConfig', forged(e, PEOPLE.sam.accountId), { ...ctx(e, 'admin'), accountId: PEOPLE.sam.accountId });
    // The audit entry is a KVS write: proof that world() sees one, so "unchanged" above means something.
    expect([...before].filter(([k, v]) => world().get(k) !== v).map(([k]) => k)).toContain('alpha KVS');
    const audit = await ok(S, 'ada', 'listSyncAudit', { connectionId: ids.sync }, 'SUP');
    expect(audit.entries[0]).toMatchObject({ action: 'config.exported', actor: PEOPLE.ada.accountId });
  });

  it('runs no Lockstep code for function keys nobody registered, Object.prototype’s included', async () => {
    await unchangedBy('unregistered keys', async () => {
      for (const module of [S, P] as const) {
        for (const key of ['rotateSigningKeys', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
          const answer = await call(module, caller('member'), key, { connectionId: ids.sync }, contextFor(module, caller('member'), module === S ? 'SUP' : ids.issue));
          // @forge/resolver finds inherited names too: `constructor` echoes the call back, `toString` names a type; no Lockstep code runs.
          const body = answer.body as Record<string, unknown>;
          const inert = answer.status === 'failed' || answer.body === '[object Undefined]' || Object.keys(body).sort().join() === 'context,payload';
          expect(inert, `${module} ${key}: ${JSON.stringify(body).slice(0, 200)}`).toBe(true);
        }
      }
    });
  });
});

const observed = new Map<string, Record<CallerKey, string>>();
describe('every registered resolver, as every caller', () => {
  it.each(ORDER)('%s', async (name) => {
    const e = entry(name);
    const ask = (c: Caller) => call(e.module, c, name, e.payload(ids), contextFor(e.module, c, e.module === S ? 'SUP' : ids.issue));
    const row = {} as Record<CallerKey, string>;
    const refused = CALLERS.filter((c) => expected(e.need, c.key) !== 'allowed');
    await unchangedBy(name, async () => { for (const c of refused) row[c.key] = String((await ask(c)).status); });
    for (const c of CALLERS.filter((c) => !refused.includes(c))) {
      const answer = await ask(c);
      // Past the permission check, with ids real enough that the resolver acted or declined on the merits (409).
      expect(['failed', 400, 401, 403, 404], `${name} as ${c.title}: ${JSON.stringify(answer.body).slice(0, 400)}`).not.toContain(answer.status);
      row[c.key] = answer.status === 'ok' ? 'allowed' : `allowed (${answer.status})`;
      await h.settle();
    }
    observed.set(name, row);
    expect(row).toEqual(Object.fromEntries(CALLERS.map((c) => [c.key, expected(e.need, c.key) === 'allowed' ? expect.stringMatching(/^allowed/) : String(expected(e.need, c.key))])));
  });

  afterAll(() => {
    const lines = [...observed].map(([name, row]) => `${name.padEnd(26)} ${CALLERS.map((c) => row[c.key].padEnd(16)).join(' ')}`);
    console.log(['Who may do what (observed)', `${''.padEnd(26)} ${CALLERS.map((c) => c.key.padEnd(16)).join(' ')}`, ...lines].join('\n'));
  });
});

const NEEDS: Record<Need, string> = { ADMINISTER_PROJECTS: 'Administer the project', BROWSE_PROJECTS: 'Browse the issue', EDIT_ISSUES: 'Browse and edit the issue' };
/** The tables docs/ui.md must show, rendered from what this file asserts. */
function docTables(): string {
  const matrix = [
    `| Resolver | Page | Needs | ${CALLERS.map((c) => c.title).join(' | ')} |`,
    `|${' --- |'.repeat(3 + CALLERS.length)}`,
    ...Object.entries(TABLE).map(([name, e]) => `| \`${name}\` | ${e.module === S ? 'settings' : 'panel'} | ${NEEDS[e.need]} | ${CALLERS.map((c) => expected(e.need, c.key)).join(' | ')} |`),
  ];
  const answer = (t: Tamper) => `${t.expect === 'failed' ? 'no such function (invocation fails)' : t.expect}${t.hides ? ', word for word as for a missing id' : ''}`;
  const tampered = [
    '| Tampered call | Caller | Tried on | Answer |',
    '| --- | --- | --- | --- |',
    ...TAMPERED.map((t) => `| ${t.title} | ${caller(t.who).title} | ${t.onTitle} | ${answer(t)} |`),
  ];
  return [...matrix, '', ...tampered].join('\n');
}

describe('docs/ui.md', () => {
  it('shows exactly the tables this file asserts', () => {
    const text = readFileSync(join(root, 'docs', 'ui.md'), 'utf8');
    const section = /<!-- authorization-matrix:start[^>]*-->\n([\s\S]*?)\n<!-- authorization-matrix:end -->/.exec(text)?.[1];
    expect(section).toBe(docTables());
  });
});
