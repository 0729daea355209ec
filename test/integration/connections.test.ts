/**
 * Connections end to end through the real app on the local Forge runtime: two sites (alpha, beta) in one
 * process, resolvers invoked as Custom UI would, the handshake and control messages posted over HTTP to
 * each installation's partner-inbox web trigger, KVS and secrets kept per installation.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../sandbox/jira/clock';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { serveForge, type RunningForgeServer } from '../../sandbox/forge/server';
import { PEOPLE } from '../../sandbox/jira/sites';
import { encodeInvitation, parseInvitation } from '../../src/domain/connections/invitation';
import { randomSecret } from '../../src/domain/connections/keys';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsHealth } from '../../src/forge/adapters/kvs-health';
import { kvsLinks } from '../../src/forge/adapters/kvs-links';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { allWithPrefix } from '../../src/forge/adapters/kvs-prefix';
import type { Pair } from '../../src/ports/pairs';
import { sandboxEmulator, type Person } from '../support/jira';

const root = join(import.meta.dirname, '..', '..');
const emulator = sandboxEmulator();
// Two more projects on alpha for same-site syncs: OPS is Ada's, LAB is Dana's (Ada is only a member there).
emulator.site('alpha').addProject({ key: 'OPS', name: 'Operations', leadAccountId: PEOPLE.ada.accountId, admins: [PEOPLE.ada.accountId] });
emulator.site('alpha').addProject({ key: 'LAB', name: 'Lab', leadAccountId: PEOPLE.dana.accountId, admins: [PEOPLE.dana.accountId], members: [PEOPLE.ada.accountId] });

let runtime: ForgeRuntime;
let server: RunningForgeServer;
const logs: string[] = [];
/** Every resolver answer, to prove no secret is ever in one. */
const answers: unknown[] = [];

beforeAll(async () => {
  runtime = await ForgeRuntime.start({ emulator, root, clock: new ManualClock(Date.now()), log: (line) => logs.push(line) });
  runtime.install('alpha');
  runtime.install('beta');
  server = await serveForge(runtime);
});

afterAll(async () => {
  await server?.close();
  await runtime?.close();
});

type Site = 'alpha' | 'beta';

/** Calls a settings-page resolver as a person, with the project the page was opened from. */
async function call(site: Site, who: Person, functionKey: string, projectKey: string, payload: unknown = {}): Promise<any> {
  const outcome = await runtime.invokeResolver({
    site, moduleKey: 'lockstep-settings', accountId: PEOPLE[who].accountId, functionKey, payload, context: { extension: { project: { key: projectKey } } },
  });
  if (outcome.status !== 'ok') throw outcome.error;
  answers.push(outcome.value);
  return outcome.value;
}

const keyOn = (site: Site, id: string) => runtime.runAs(site, () => kvsConnections.signingKey(id));

/** Everything a site keeps about connections: records, listings, and which secrets exist. */
async function stateOf(site: Site, ids: string[]) {
  return runtime.runAs(site, async () => ({
    records: [...(await allWithPrefix('connection')), ...(await allWithPrefix('invitation'))],
    secrets: await Promise.all(ids.map(async (id) => [id, (await kvsConnections.signingKey(id)) !== undefined, (await kvsLinks.invitation(id)) !== undefined])),
  }));
}

function ran(): string[] {
  return runtime.invocations.map((i) => `${i.installation} ${i.kind} ${i.functionKey} ${i.status}`);
}

/** Asserts that no resolver answer, invocation record or log line ever contained the key. */
function expectNowhere(key: string): void {
  expect(JSON.stringify(answers)).not.toContain(key);
  expect(JSON.stringify(runtime.invocations)).not.toContain(key);
  expect(logs.join('\n')).not.toContain(key);
}

/** Re-encodes a code with changes and a valid checksum: a forgery, not a damaged copy. */
function forged(code: string, change: Record<string, unknown>): string {
  const parsed = parseInvitation(code, Date.now());
  if (!parsed.ok) throw new Error(parsed.message);
  return encodeInvitation({ ...parsed.invitation, ...change });
}

async function linkedPair(): Promise<string> {
  const invited = await call('alpha', 'ada', 'createInvitation', 'SUP');
  await call('beta', 'ada', 'acceptInvitation', 'DEV', { code: invited.code });
  return invited.connection.id;
}

describe('cross-site connections', () => {
  it('links SUP on alpha with DEV on beta: both hold one derived key that no answer, record or log shows', async () => {
    runtime.invocations.length = 0;
    const invited = await call('alpha', 'ada', 'createInvitation', 'SUP');
    expect(invited.code).toMatch(/^LSI1\./);
    expect(invited.connection).toMatchObject({ localProjectKey: 'SUP', partnerSite: 'pending', partnerProject: 'pending', state: 'draft' });
    const id: string = invited.connection.id;
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(Date.parse(invited.expiresAt) - Date.now()).toBeGreaterThan(23 * 60 * 60_000);

    const accepted = await call('beta', 'ada', 'acceptInvitation', 'DEV', { code: invited.code });
    expect(accepted.connection).toEqual({
      id, localProjectKey: 'DEV', partnerSite: emulator.site('alpha').baseUrl, partnerProject: 'SUP', state: 'draft', pairs: 0, lastActivity: null, openErrors: 0, direction: null,
    });
    const alphaView = await call('alpha', 'ada', 'getSettings', 'SUP');
    expect(alphaView.syncs).toEqual([expect.objectContaining({ id, partnerSite: emulator.site('beta').baseUrl, partnerProject: 'DEV', state: 'draft' })]);
    expect(ran()).toEqual([
      'alpha resolver settings-resolver ok',
      'alpha webtrigger partner-webtrigger ok',
      'beta resolver settings-resolver ok',
      'alpha resolver settings-resolver ok',
    ]);

    const key = await keyOn('alpha', id);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await keyOn('beta', id)).toBe(key);
    expect(await runtime.runAs('alpha', () => kvsConnections.partnerInboxUrl(id))).toBe(runtime.webTriggerUrl('beta', 'partner-inbox'));
    expect(await runtime.runAs('beta', () => kvsConnections.partnerInboxUrl(id))).toBe(runtime.webTriggerUrl('alpha', 'partner-inbox'));
    // The invitation's private key and token are gone from alpha once used; no plain record holds the key.
    expect(await runtime.runAs('alpha', () => kvsLinks.invitation(id))).toBeUndefined();
    expect(JSON.stringify(await stateOf('alpha', [id])) + JSON.stringify(await stateOf('beta', [id]))).not.toContain(key!);
    expectNowhere(key!);
  });

  it('refuses people who do not administer the project, and browser-altered context, changing nothing', async () => {
    const before = { alpha: await stateOf('alpha', []), beta: await stateOf('beta', []) };
    expect(await call('alpha', 'sam', 'createInvitation', 'SUP')).toEqual({ error: { status: 403, code: 'forbidden', message: 'Only administrators of this project can configure Lockstep.' } });
    expect(await call('alpha', 'omar', 'createInvitation', 'SUP')).toMatchObject({ error: { status: 403 } });
    // Sam edits the page context to a project that does not exist here, or to garbage.
    expect(await call('alpha', 'sam', 'createInvitation', 'DEV')).toMatchObject({ error: { status: 403 } });
    expect(await call('alpha', 'ada', 'createInvitation', 'SUP\'; --')).toMatchObject({ error: { status: 400 } });
    expect(await call('beta', 'sam', 'acceptInvitation', 'DEV', { code: 'LSI1.x.y' })).toMatchObject({ error: { status: 403 } });
    expect(await call('beta', 'sam', 'setConnectionState', 'DEV', { connectionId: 'x', state: 'running' })).toMatchObject({ error: { status: 403 } });
    expect(await call('beta', 'sam', 'deleteConnection', 'DEV', { connectionId: 'x' })).toMatchObject({ error: { status: 403 } });
    expect(await call('alpha', 'sam', 'createSameSiteConnection', 'SUP', { partnerProjectKey: 'OPS' })).toMatchObject({ error: { status: 403 } });
    expect({ alpha: await stateOf('alpha', []), beta: await stateOf('beta', []) }).toEqual(before);
  });

  it('refuses a reused, expired, damaged or forged code with a clear error, changing nothing on either side', async () => {
    const invited = await call('alpha', 'ada', 'createInvitation', 'SUP');
    const id: string = invited.connection.id;
    const before = { alpha: await stateOf('alpha', [id]), beta: await stateOf('beta', [id]) };
    const accept = (code: unknown) => call('beta', 'ada', 'acceptInvitation', 'DEV', { code });

    const expired = forged(invited.code, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(await accept(expired)).toEqual({ error: { status: 400, code: 'bad-input', message: expect.stringMatching(/^This invitation code expired at .*Ask the partner project's admin for a new one\.$/) } });
    const damaged = invited.code.slice(0, 25) + (invited.code[25] === 'Q' ? 'R' : 'Q') + invited.code.slice(26);
    expect(await accept(damaged)).toMatchObject({ error: { status: 400, message: 'The invitation code is damaged or was altered: copy it again, in full.' } });
    expect(await accept('LSI2.abc.def')).toMatchObject({ error: { status: 400, message: expect.stringContaining('version 2') } });
    expect(await accept(42)).toMatchObject({ error: { status: 400, message: 'Invalid request: code: paste the invitation code as text.' } });
    expect(await accept(forged(invited.code, { token: randomSecret() }))).toMatchObject({ error: { status: 400, message: expect.stringContaining('not genuine') } });
    expect({ alpha: await stateOf('alpha', [id]), beta: await stateOf('beta', [id]) }).toEqual(before);

    // The genuine code still works once; used again — here, or from a site that lost its side — it is refused.
    await accept(invited.code);
    expect(await accept(invited.code)).toMatchObject({ error: { status: 400, message: 'This invitation was already accepted here.' } });
    await runtime.runAs('beta', () => kvsConnections.remove(id));
    const afterUse = { alpha: await stateOf('alpha', [id]), beta: await stateOf('beta', [id]) };
    expect(await accept(invited.code)).toMatchObject({ error: { status: 400, message: expect.stringContaining('already used, withdrawn, or is not genuine') } });
    expect({ alpha: await stateOf('alpha', [id]), beta: await stateOf('beta', [id]) }).toEqual(afterUse);
    expect(await keyOn('beta', id)).toBeUndefined();
  });

  it('shows a state change on the other site, carried by a signed control message', async () => {
    const id = await linkedPair();
    const stateOn = async (site: Site, project: string) => (await call(site, 'ada', 'getSettings', project)).syncs.find((s: { id: string }) => s.id === id)?.state;

    expect(await call('alpha', 'ada', 'setConnectionState', 'SUP', { connectionId: id, state: 'running' })).toMatchObject({ connection: { state: 'running' }, partner: { notified: true } });
    expect(await stateOn('beta', 'DEV')).toBe('running');
    expect(await call('beta', 'ada', 'setConnectionState', 'DEV', { connectionId: id, state: 'paused' })).toMatchObject({ partner: { notified: true } });
    expect(await stateOn('alpha', 'SUP')).toBe('paused');

    // Refused, and nothing moves: a transition that is not allowed, an unknown state, another project's connection.
    expect(await call('alpha', 'ada', 'setConnectionState', 'SUP', { connectionId: id, state: 'draft' })).toMatchObject({ error: { status: 400, message: 'A paused connection cannot become draft; it can become running or stopped.' } });
    expect(await call('alpha', 'ada', 'setConnectionState', 'SUP', { connectionId: id, state: 'asleep' })).toMatchObject({ error: { status: 400, message: expect.stringContaining('state: one of draft, running, paused, stopped') } });
    expect(await call('alpha', 'ada', 'setConnectionState', 'OPS', { connectionId: id, state: 'running' })).toMatchObject({ error: { status: 404, message: `No sync ${id} in project OPS.` } });
    expect([await stateOn('alpha', 'SUP'), await stateOn('beta', 'DEV')]).toEqual(['paused', 'paused']);
    expectNowhere((await keyOn('alpha', id))!);
  });

  it('deletes both sides with their pairs: the first batch inline, the rest by the cleanup consumer', async () => {
    const id = await linkedPair();
    const pairs: Pair[] = Array.from({ length: 250 }, (_, i) => ({
      connectionId: id, localIssueId: String(10_001 + i), localIssueKey: `SUP-${i + 1}`, partnerIssueId: String(20_001 + i), partnerIssueKey: `DEV-${i + 1}`,
      firstSyncAt: '2026-11-01T00:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
    }));
    await runtime.runAs('alpha', () => kvsPairs.putMany(pairs));
    await runtime.runAs('alpha', () => kvsHealth.bump(id, { sent: 5 }, Date.now()));
    runtime.invocations.length = 0;

    expect(await call('alpha', 'ada', 'deleteConnection', 'SUP', { connectionId: id })).toEqual({ deleted: id, partner: { notified: true }, pairsLeft: true });
    await runtime.idle();
    expect(ran()).toContain('alpha consumer cleanup-consumer ok');
    for (const site of ['alpha', 'beta'] as const) {
      expect(await runtime.runAs(site, () => kvsConnections.get(id))).toBeUndefined();
      expect(await keyOn(site, id)).toBeUndefined();
      expect((await stateOf(site, [id])).records.filter((r) => r.key.endsWith(id))).toEqual([]);
    }
    expect((await runtime.runAs('alpha', () => kvsPairs.list(id))).pairs).toEqual([]);
    expect((await runtime.runAs('alpha', () => kvsHealth.get(id))).counts.sent).toBe(0);
    expect(await call('alpha', 'ada', 'deleteConnection', 'SUP', { connectionId: id })).toMatchObject({ error: { status: 404 } });
  });
});

describe('same-site connections', () => {
  it('mirrors two projects of alpha with one key and no web trigger, only for an admin of both', async () => {
    expect(await call('alpha', 'ada', 'createSameSiteConnection', 'SUP', { partnerProjectKey: 'LAB' })).toEqual({
      error: { status: 403, code: 'forbidden', message: 'Only administrators of both projects can sync them: you do not administer LAB.' },
    });
    expect(await call('alpha', 'ada', 'createSameSiteConnection', 'SUP', { partnerProjectKey: 'ops' })).toMatchObject({ error: { status: 400, message: expect.stringContaining('partnerProjectKey') } });
    expect(await call('alpha', 'ada', 'createSameSiteConnection', 'SUP', { partnerProjectKey: 'SUP' })).toMatchObject({ error: { status: 400, message: expect.stringContaining('cannot sync with itself') } });

    runtime.invocations.length = 0;
    const made = await call('alpha', 'ada', 'createSameSiteConnection', 'SUP', { partnerProjectKey: 'OPS' });
    const [sup, ops] = [made.connection.id as string, made.mirror.id as string];
    expect(made.connection).toMatchObject({ localProjectKey: 'SUP', partnerSite: 'same', partnerProject: 'OPS', state: 'draft' });
    expect(made.mirror).toMatchObject({ localProjectKey: 'OPS', partnerSite: 'same', partnerProject: 'SUP', state: 'draft' });
    const key = await keyOn('alpha', sup);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await keyOn('alpha', ops)).toBe(key);
    expect(await runtime.runAs('alpha', () => kvsConnections.partnerInboxUrl(sup))).toBeNull();
    expect(await runtime.runAs('alpha', () => kvsConnections.partnerConnectionId(sup))).toBe(ops);
    expect(await runtime.runAs('alpha', () => kvsConnections.partnerConnectionId(ops))).toBe(sup);

    await call('alpha', 'ada', 'setConnectionState', 'OPS', { connectionId: ops, state: 'running' });
    expect((await call('alpha', 'ada', 'getSettings', 'SUP')).syncs.find((s: { id: string }) => s.id === sup)?.state).toBe('running');
    expect(await call('alpha', 'ada', 'deleteConnection', 'SUP', { connectionId: sup })).toEqual({ deleted: sup, partner: { notified: true }, pairsLeft: false });
    expect(await runtime.runAs('alpha', () => kvsConnections.get(ops))).toBeUndefined();
    expect(await keyOn('alpha', ops)).toBeUndefined();
    expect(ran().filter((r) => r.includes('webtrigger'))).toEqual([]);
    expectNowhere(key!);
  });
});

describe('the runtime log', () => {
  it('shows no failed invocation along the way', () => {
    expect(logs).toEqual([]);
  });
});
