/** Personal data reporting over in-memory ports: gather, report in batches, erase the closed, in bounded runs. */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig, SyncConfigInput } from '../../domain/config/schema';
import { messageIdOf, SyncMessage } from '../../domain/sync/message';
import { MemoryClaims } from '../../ports/fakes/claims';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryHealth } from '../../ports/fakes/health';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemoryJobs } from '../../ports/fakes/jobs';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryAuditRecords, MemoryPrivacyLedger, MemoryReporter } from '../../ports/fakes/privacy';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemorySyncState } from '../../ports/fakes/sync';
import type { AuditEntry } from '../../ports/health';
import type { JiraTransport } from '../../ports/jira';
import type { Job } from '../../ports/jobs';
import { DELETED_ACCOUNT } from './accounts';
import { CYCLE_MS, ERASE_AGAIN_MS } from './cycle';
import { runPersonalDataReporting, type PrivacyDeps } from './run';

const C = 'sup-dev';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const ADA = '5b10a2844c20165700ede21a';
const SAM = '5b10a2844c20165700ede22b';
const DANA = '5b10a2844c20165700ede23c';
const OMAR = '5b10a2844c20165700ede24d';

const noJira: JiraTransport = { requestJira: () => { throw new Error('personal data reporting must not call Jira here'); } };

const configInput: SyncConfigInput = {
  version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'assignee', direction: 'both', default: OMAR },
    { kind: 'custom', type: 'user', local: { id: 'customfield_10020', name: 'Reviewer' }, partner: { id: 'customfield_20020', name: 'Reviewer' }, direction: 'both', default: ADA },
    { kind: 'custom', type: 'select', local: { id: 'customfield_10030', name: 'Team' }, partner: { id: 'customfield_20030', name: 'Team' }, direction: 'both', default: 'Core' },
  ],
  users: { strategy: 'table', table: [{ local: ADA, partner: DANA }, { local: OMAR, partner: SAM }], defaultUser: OMAR },
};

function config(patch: Partial<SyncConfigInput> = {}): SyncConfig {
  const r = parseSyncConfig({ ...configInput, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

function job(id: string, startedBy: string, state: Job['state'], startedAt: number): Job {
  return {
    id, connectionId: C, kind: 'resync', state, step: 3, startedAt: iso(startedAt), updatedAt: iso(startedAt + HOUR), finishedAt: state === 'done' ? iso(startedAt + HOUR) : null,
    startedBy, done: 10, total: 10, params: { jql: '' }, cursor: null, error: null, problems: [], summary: state === 'done' ? '10 issues' : null, cancelRequested: false,
  };
}

function commentBy(author: string, issueId: string, at: number, mention?: string): SyncMessage {
  const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: mention ? [{ type: 'mention', attrs: { id: mention, text: '@Someone' } }] : [] }] };
  return SyncMessage.parse({
    v: 1, type: 'sync', messageId: messageIdOf(issueId, 1), connectionId: C, origin: { side: 'SUP', issueId, issueKey: `SUP-${issueId}` }, seq: 1, at,
    change: { kind: 'comment', commentId: '500', author: { accountId: author, email: 'x@example.com', displayName: 'Someone' }, created: iso(at), body },
  });
}

const audit = (actor: string, at: number, action: AuditEntry['action'], detail: string): AuditEntry => ({ connectionId: C, at: iso(at), actor, action, target: 'SUP', detail });

function world(options: { connections?: string[] } = {}) {
  let now = T0;
  const ids = options.connections ?? [C];
  const connections = new MemoryConnections();
  const state = new MemorySyncState();
  const log = new MemoryAuditRecords(() => now);
  const jobs = new MemoryJobs();
  const reporter = new MemoryReporter();
  const ledger = new MemoryPrivacyLedger();
  const outbox = new MemoryQueue();
  const deps: PrivacyDeps = {
    connections, pairs: new MemoryPairs(), state, intents: new MemoryIntents(), health: new MemoryHealth(), audit: log, jira: noJira,
    outbox, inbox: new MemoryQueue(), partner: { post: () => { throw new Error('no partner'); } }, now: () => now, random: () => 0,
    jobs, auditRecords: log, connectionIds: async () => [...ids], ledger, reporter, claims: new MemoryClaims(),
  };
  return {
    deps, connections, state, log, jobs, reporter, ledger, outbox,
    advance: (ms: number) => { now += ms; },
    now: () => now,
    run: (maxSteps?: number) => runPersonalDataReporting(deps, maxSteps === undefined ? {} : { maxSteps }),
  };
}

/** Everything the installation stores that may name an account, as one text. */
async function everything(w: ReturnType<typeof world>, connectionIds = [C]): Promise<string> {
  const parts: unknown[] = [w.log.entries(), w.ledger.all(), await w.ledger.cycle()];
  for (const id of connectionIds) parts.push(await w.connections.config(id), await w.jobs.list(id), await w.state.listParked(id));
  for (const id of await w.state.pendingDeferredEvents(1000)) parts.push(await w.state.getDeferredEvent(id));
  return JSON.stringify(parts);
}

/** A sync holding accounts in every family: Omar (to be closed) and Ada, Sam, Dana (open). */
async function seed(w: ReturnType<typeof world>) {
  await w.connections.saveConfig(C, config());
  await w.log.record(audit(ADA, T0 - 10 * DAY, 'config.changed', `Users: added table row ${OMAR} ↔ ${SAM}; Users: default user none → "${OMAR}"; Field "Team" default value none → "Core"`));
  await w.log.record(audit(OMAR, T0 - 20 * DAY, 'job.started', 'resync job j-omar started'));
  await w.log.record(audit('lockstep', T0 - DAY, 'issue.updated', 'resync from DEV-1: summary'));
  await w.jobs.put(job('j-omar', OMAR, 'done', T0 - 20 * DAY));
  await w.jobs.put(job('j-ada', ADA, 'running', T0 - HOUR));
  await w.state.park({ connectionId: C, direction: 'out', message: commentBy(OMAR, '10001', T0 - 30 * DAY), reason: 'partner refused with 400', at: iso(T0 - 29 * DAY) });
  await w.state.park({ connectionId: C, direction: 'out', message: commentBy(SAM, '10002', T0 - 5 * DAY, DANA), reason: 'partner refused with 400', at: iso(T0 - 5 * DAY) });
  await w.state.putDeferredEvent(`${T0 - 2 * DAY}-omar`, { eventType: 'avi:jira:updated:issue', atlassianId: SAM, issue: { id: '10003', key: 'SUP-3', fields: { assignee: { accountId: OMAR, displayName: 'Omar Outsider' } } } });
  await w.state.putDeferredEvent(`${T0 - 2 * DAY}-sam`, { eventType: 'avi:jira:updated:issue', atlassianId: SAM, issue: { id: '10004', key: 'SUP-4', fields: {} } });
}

describe('runPersonalDataReporting', () => {
  it('reports every account held once, with the oldest age found, and erases a closed one from every record', async () => {
    const w = world();
    await seed(w);
    w.reporter.close(OMAR);

    const result = await w.run();

    expect(result).toMatchObject({ phase: 'idle', counts: { found: 4, reported: 4, closed: 1, updated: 0, erased: { configs: 1, audit: 2, jobs: 1, parked: 1, deferred: 1 } } });
    expect(w.reporter.requests).toHaveLength(1);
    expect([...w.reporter.requests[0]!].sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual([
      { accountId: ADA, updatedAt: iso(T0 - 10 * DAY) },
      { accountId: SAM, updatedAt: iso(T0 - 10 * DAY) },
      { accountId: DANA, updatedAt: iso(T0 - 5 * DAY) },
      { accountId: OMAR, updatedAt: iso(T0 - 30 * DAY) },
    ].sort((a, b) => a.accountId.localeCompare(b.accountId)));

    // The configuration: Omar's row, the default user and the assignee's default gone; Ada's row and default stay.
    const after = (await w.connections.config(C))!;
    expect(after.users).toEqual({ strategy: 'table', table: [{ local: ADA, partner: DANA }], defaultUser: null });
    expect(after.fields.map((f) => f.default)).toEqual([null, null, ADA, 'Core']);
    // Audit entries keep their place, the id replaced; Lockstep's own entry says what it removed, without the id.
    const entries = w.log.entries();
    expect(entries.find((e) => e.action === 'job.started')!.actor).toBe(DELETED_ACCOUNT);
    expect(entries.find((e) => e.actor === ADA)!.detail).toBe(`Users: added table row ${DELETED_ACCOUNT} ↔ ${SAM}; Users: default user none → "${DELETED_ACCOUNT}"; Field "Team" default value none → "Core"`);
    expect(entries.filter((e) => e.action === 'config.changed' && e.actor === 'lockstep').map((e) => e.detail)).toEqual([
      'Removed 1 user table row, the default user, the default of field "Assignee": Atlassian reported the account closed',
    ]);
    expect(entries.filter((e) => e.action === 'message.skipped').map((e) => e.target)).toEqual(['SUP-10001']);
    // The finished job forgets its starter; the error naming Omar is skipped, the partner told by a placeholder; the deferred event is given up.
    expect((await w.jobs.get(C, 'j-omar'))!.startedBy).toBe(DELETED_ACCOUNT);
    expect((await w.state.listParked(C)).map((p) => p.message.messageId)).toEqual(['10002-1']);
    expect((await w.state.getOutgoing(C, '10001-1'))!.change).toEqual({ kind: 'skipped' });
    expect(await w.state.pendingDeferredEvents(10)).toEqual([`${T0 - 2 * DAY}-sam`]);
    expect(await everything(w)).not.toContain(OMAR);
    expect(w.ledger.all().map((e) => e.accountId).sort()).toEqual([ADA, SAM, DANA].sort());
  });

  it('leaves every record of open accounts as it was', async () => {
    const w = world();
    await seed(w);
    const before = { entries: w.log.entries(), config: await w.connections.config(C), jobs: await w.jobs.list(C), parked: await w.state.listParked(C) };

    expect(await w.run()).toMatchObject({ phase: 'idle', counts: { reported: 4, closed: 0, erased: { configs: 0, audit: 0, jobs: 0, parked: 0, deferred: 0 } } });

    expect({ entries: w.log.entries(), config: await w.connections.config(C), jobs: await w.jobs.list(C), parked: await w.state.listParked(C) }).toEqual(before);
    expect(await w.state.pendingDeferredEvents(10)).toHaveLength(2);
  });

  it('reports each account once a cycle: not again before 7 days have passed, and then again', async () => {
    const w = world();
    await seed(w);
    await w.run();
    for (const wait of [HOUR, 6 * DAY]) {
      w.advance(wait);
      expect(await w.run()).toMatchObject({ phase: 'idle', steps: 0 });
    }
    expect(w.reporter.requests).toHaveLength(1);
    w.advance(CYCLE_MS - 6 * DAY - HOUR);
    expect(await w.run()).toMatchObject({ phase: 'idle', cycle: iso(w.now()), counts: { reported: 4 } });
    expect(w.reporter.requests).toHaveLength(2);
  });

  it('waits out a 429 and sends the same batch again, losing nothing gathered', async () => {
    const w = world();
    await seed(w);
    w.reporter.close(OMAR);
    w.reporter.throttleNext(3600);

    expect(await w.run()).toMatchObject({ phase: 'report', waitingUntil: iso(T0 + HOUR), counts: { found: 4, reported: 0 } });
    expect((await w.jobs.get(C, 'j-omar'))!.startedBy).toBe(OMAR);
    w.advance(HOUR / 2);
    expect(await w.run()).toMatchObject({ phase: 'report', steps: 0 });
    expect(w.reporter.requests).toHaveLength(1);

    w.advance(HOUR / 2);
    expect(await w.run()).toMatchObject({ phase: 'idle', counts: { found: 4, reported: 4, closed: 1 } });
    expect(w.reporter.requests).toHaveLength(2);
    expect(w.reporter.requests[1]).toEqual(w.reporter.requests[0]);
    expect(await everything(w)).not.toContain(OMAR);
  });

  it('takes a bounded number of steps per run, each run going on where the last stopped', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const w = world({ connections: ids });
    for (const [i, id] of ids.entries()) {
      await w.connections.saveConfig(id, config({ users: { strategy: 'table', table: [{ local: ADA, partner: `5b10a2844c20165700ede3${i}f` }], defaultUser: null }, fields: [] }));
    }
    w.reporter.close('5b10a2844c20165700ede32f');
    const results = [];
    for (let run = 0; run < 20 && (results.length === 0 || results[results.length - 1]!.phase !== 'idle'); run++) results.push(await w.run(3));
    expect(results.length).toBeGreaterThan(3);
    expect(results.every((r) => r.steps <= 3)).toBe(true);
    expect(results[results.length - 1]).toMatchObject({ phase: 'idle', counts: { found: 6, reported: 6, closed: 1, erased: { configs: 1 } } });
    expect(w.reporter.requests).toHaveLength(1);
    expect((await w.connections.config('c3'))!.users.table).toEqual([]);
    expect((await w.connections.config('c4'))!.users.table).toHaveLength(1);
  });

  it('sends more than 90 accounts in requests of at most 90, each account once', async () => {
    const w = world();
    const many = Array.from({ length: 200 }, (_, i) => `5b10a2844c2016570${String(i).padStart(7, '0')}`);
    for (const id of many) await w.log.record(audit(id, T0 - DAY, 'job.started', 'a job'));
    w.reporter.close(many[150]!);

    expect(await w.run()).toMatchObject({ phase: 'idle', counts: { found: 200, reported: 200, closed: 1, erased: { audit: 1 } } });
    expect(w.reporter.requests.map((r) => r.length)).toEqual([90, 90, 20]);
    expect(new Set(w.reporter.requests.flat().map((a) => a.accountId)).size).toBe(200);
  });

  it('leaves a running job to finish, erases its starter in a later round, and never reports the closed account again', async () => {
    const w = world();
    await w.jobs.put(job('j-omar', OMAR, 'running', T0 - HOUR));
    w.reporter.close(OMAR);

    expect(await w.run()).toMatchObject({ phase: 'idle', pending: 1, counts: { closed: 1, erased: { jobs: 0 } } });
    expect((await w.jobs.get(C, 'j-omar'))!.startedBy).toBe(OMAR);

    // Finished meanwhile; its end was audited under its starter, as src/engine/migration/jobs.ts does.
    await w.jobs.put(job('j-omar', OMAR, 'done', T0 - HOUR));
    await w.log.record(audit(OMAR, T0 + HOUR, 'pairs.imported', '10 pairs stored'));
    w.advance(ERASE_AGAIN_MS / 2);
    expect(await w.run()).toMatchObject({ steps: 0, pending: 1 });
    w.advance(ERASE_AGAIN_MS / 2);
    expect(await w.run()).toMatchObject({ phase: 'idle', counts: { erased: { jobs: 1, audit: 1 } } });
    expect((await w.jobs.get(C, 'j-omar'))!.startedBy).toBe(DELETED_ACCOUNT);
    expect(await everything(w)).not.toContain(OMAR);
    expect(w.reporter.requests).toHaveLength(1);
  });

  it('never reports a closed account again while a record still names it', async () => {
    const w = world();
    await w.jobs.put(job('j-omar', OMAR, 'running', T0 - HOUR));
    await w.log.record(audit(SAM, T0 - DAY, 'job.started', 'a job'));
    w.reporter.close(OMAR);
    await w.run();
    w.advance(CYCLE_MS);
    expect(await w.run()).toMatchObject({ phase: 'idle', pending: 1, counts: { found: 2, reported: 1 } });
    expect(w.reporter.requests.map((r) => r.map((a) => a.accountId))).toEqual([[SAM, OMAR].sort(), [SAM]]);
  });

  it('drops accounts no longer held from the ledger instead of reporting them', async () => {
    const w = world();
    await w.connections.saveConfig(C, config());
    await w.run();
    await w.connections.saveConfig(C, config({ users: { strategy: 'same-account', table: [], defaultUser: null }, fields: [] }));
    w.advance(CYCLE_MS);
    expect(await w.run()).toMatchObject({ phase: 'idle', counts: { found: 0, reported: 0 } });
    expect(w.reporter.requests).toHaveLength(1);
    expect(w.ledger.all()).toEqual([]);
  });

  it('does nothing while another run holds the lease', async () => {
    const w = world();
    await seed(w);
    await w.deps.claims.claim('privacy-report', T0 + HOUR, T0);
    expect(await w.run()).toMatchObject({ steps: 0, skipped: 'another run holds the lease' });
    expect(w.reporter.requests).toEqual([]);
  });

  it('skips a batch the API refuses as malformed and goes on, reporting it again next cycle', async () => {
    const w = world();
    await seed(w);
    const refusing = { report: async () => ({ kind: 'refused' as const, reason: 'HTTP 400: bad account' }) };
    const result = await runPersonalDataReporting({ ...w.deps, reporter: refusing });
    expect(result).toMatchObject({ phase: 'idle', counts: { reported: 0, refused: 4, closed: 0 } });
  });
});
