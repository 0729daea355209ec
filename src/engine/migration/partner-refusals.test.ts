/**
 * What migration work makes of a failed partner request: the classification (asking again can help, or
 * only an admin can), the words an admin reads, and a job that waits on the one and stops on the other.
 * The partner side is the real inbox (src/engine/inbox.ts) over in-memory stores where it can be, so the
 * refusals classified are the ones the receiving side actually answers.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../ports/connections';
import { MemoryClaims } from '../../ports/fakes/claims';
import { MemoryConnections } from '../../ports/fakes/connections';
import { MemoryAudit } from '../../ports/fakes/health';
import { MemoryJobs, MemoryTexts } from '../../ports/fakes/jobs';
import { MemoryPairs } from '../../ports/fakes/pairs';
import { MemoryQueue } from '../../ports/fakes/queue';
import type { JobKind } from '../../ports/jobs';
import type { PartnerReply, PartnerTransport } from '../../ports/relay';
import { servePartnerRequest, type InboxDeps } from '../inbox';
import { REPLAYED, UNAUTHENTICATED } from '../partner-channel';
import type { MigrationDeps } from './deps';
import { GIVE_UP_AFTER_MS, parseStepId, RETRY_SECONDS, runJobStep, startJob, type StepHandler } from './jobs';
import { askPartner } from './partner';
import { isRetryable, PartnerBusy, PartnerUnavailable } from './partner-errors';

const ID = 'conn-1';
const KEY = 'k'.repeat(43);
const URL_B = 'https://beta.example.net/x1/inbox';
const onAlpha: ConnectionSummary = { id: ID, localProjectKey: 'SUP', partnerSite: 'https://beta.example.net', partnerProject: 'DEV', state: 'running', pairs: 0, lastActivity: null, openErrors: 0 };
const onBeta: ConnectionSummary = { ...onAlpha, localProjectKey: 'DEV', partnerSite: 'https://alpha.example.net', partnerProject: 'SUP' };
const PAIR = { localId: '10001', localKey: 'SUP-1', partnerId: '20001', partnerKey: 'DEV-1' };

/** A transport whose next replies are scripted; once the script runs out it hands requests to `backend`. */
class ScriptedTransport implements PartnerTransport {
  readonly script: Array<PartnerReply | Error> = [];
  sent = 0;
  backend: ((body: string, headers: Record<string, string>) => Promise<PartnerReply>) | undefined;
  async post(_url: string, body: string, headers: Record<string, string>): Promise<PartnerReply> {
    this.sent++;
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    if (next) return next;
    if (!this.backend) throw new Error('nothing scripted');
    return this.backend(body, headers);
  }
}
const reply = (status: number, body: unknown, retryAfterSeconds?: number): PartnerReply => ({ status, body: typeof body === 'string' ? body : JSON.stringify(body), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });

/** Alpha asking, beta answering through its real inbox; both share one clock. */
async function sites() {
  let now = Date.UTC(2026, 10, 21, 10);
  const clock = () => now;
  const beta = { connections: new MemoryConnections(), claims: new MemoryClaims(), pairs: new MemoryPairs(), now: clock };
  await beta.connections.save(onBeta, { signingKey: KEY, partnerInboxUrl: 'https://alpha.example.net/x1/inbox' });
  const inbox: InboxDeps = { sync: () => beta as never, connections: () => { throw new Error('not a connection request'); } };
  const transport = new ScriptedTransport();
  transport.backend = async (body, headers) => {
    const answer = await servePartnerRequest(inbox, { method: 'POST', header: (name) => headers[name.toLowerCase()] ?? headers[name] ?? '', body });
    return reply(answer.status, answer.body);
  };
  const alpha = { connections: new MemoryConnections(), pairs: new MemoryPairs(), partner: transport, jobs: new MemoryJobs(), texts: new MemoryTexts(), jobQueue: new MemoryQueue(), audit: new MemoryAudit(), now: clock };
  await alpha.connections.save(onAlpha, { signingKey: KEY, partnerInboxUrl: URL_B, partnerConnectionId: ID });
  return { alpha: alpha as unknown as MigrationDeps, beta, transport, queue: alpha.jobQueue, audit: alpha.audit, tick: (ms: number) => { now += ms; } };
}

const ask = (deps: MigrationDeps) => askPartner(deps, ID, 'pairs', { v: 1, pairs: [PAIR] });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

describe('partner answers, classified', () => {
  it('retries what may succeed later (408, 429, 5xx, a replayed signature) and nothing else', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryable(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 405, 410, 413, 415, 422]) expect(isRetryable(status), String(status)).toBe(false);
    // A conflict the answering side marks final (no configuration there) is not a replay.
    expect(isRetryable(409, { retry: false })).toBe(false);
    expect(isRetryable(503, { retry: false })).toBe(false);
  });

  it('a partner that is down, busy or unreachable is busy, keeping its Retry-After', async () => {
    const { alpha, transport } = await sites();
    transport.script.push(reply(503, 'Service unavailable', 120), reply(429, { error: 'Slow down.' }, 7), reply(502, '<html>bad gateway</html>'), new TypeError('fetch failed'), reply(408, { error: 'Timed out.' }));
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await failure(ask(alpha)));
    expect(seen.every((e) => e instanceof PartnerBusy && e.transient)).toBe(true);
    expect(seen.map((e) => (e as PartnerBusy).retryAfterSeconds)).toEqual([120, 7, undefined, undefined, undefined]);
    expect((seen[0] as Error).message).toBe('DEV on beta.example.net could not answer the request to store pairs now (HTTP 503).');
    expect((seen[2] as Error).message).not.toContain('html');
    expect((seen[3] as Error).message).toBe('DEV on beta.example.net could not be reached for the request to store pairs: fetch failed.');
  });

  it('a signature the partner saw before is asked again, signed anew, and then answered', async () => {
    const { alpha, beta } = await sites();
    // Two identical asks in one millisecond carry one signature: the channel refuses the second.
    expect(await ask(alpha)).toEqual({ stored: 1 });
    const replayed = await failure(ask(alpha));
    expect(replayed).toBeInstanceOf(PartnerBusy);
    expect((replayed as Error).message).toContain(`HTTP 409: ${REPLAYED.body.error.replace(/\.$/, '')}`);
    expect((await beta.pairs.byLocal(ID, '20001'))?.partnerIssueKey).toBe('SUP-1');
  });

  it('a partner that no longer knows the sync refuses for good, saying which partner, what it said and what to do', async () => {
    const { alpha, beta, transport } = await sites();
    await beta.connections.remove(ID);
    const refused = await failure(ask(alpha));
    expect(refused).toBeInstanceOf(PartnerUnavailable);
    expect(refused).not.toBeInstanceOf(PartnerBusy);
    expect(refused).toMatchObject({ status: 401, transient: false });
    expect((refused as Error).message).toBe(
      `DEV on beta.example.net refused the request to store pairs (HTTP 401: ${UNAUTHENTICATED.body.error.replace(/\.$/, '')}). `
      + 'DEV on beta.example.net no longer knows this sync: it was deleted there (or Lockstep was uninstalled there, or the two sides\' signing keys no longer match). '
      + 'Delete this sync here, or connect the projects again with a new invitation.',
    );
    expect(transport.sent).toBe(1);
  });

  it('other refusals are final too, each with what an admin can do', async () => {
    const { alpha, transport } = await sites();
    transport.script.push(
      reply(400, { error: 'Unknown x-lockstep-channel.' }), reply(403, 'Forbidden'), reply(404, 'Not found'),
      reply(413, { error: 'Body too large: this channel takes at most 262144 bytes.' }), reply(422, { error: 'pairs: DEV-1 is not an issue of OPS' }),
      reply(200, { stored: 'all' }), reply(200, 'not json'),
    );
    const seen: PartnerUnavailable[] = [];
    for (let i = 0; i < 7; i++) seen.push((await failure(ask(alpha))) as PartnerUnavailable);
    expect(seen.map((e) => e.transient)).toEqual([false, false, false, false, false, false, false]);
    expect(seen[0]!.message).toMatch(/HTTP 400: Unknown x-lockstep-channel\)\. .*both sites run the current version of Lockstep/);
    expect(seen[1]!.message).toMatch(/\(HTTP 403\)\. DEV on beta\.example\.net does not let this site in/);
    expect(seen[2]!.message).toMatch(/\(HTTP 404\)\. DEV on beta\.example\.net no longer knows this sync/);
    expect(seen[3]!.message).toMatch(/HTTP 413: Body too large.*a fault in Lockstep, please report it/);
    expect(seen[4]!.message).toMatch(/HTTP 422: pairs: DEV-1 is not an issue of OPS\)\. .*fix the setting it names/);
    expect(seen[5]!.message).toMatch(/^DEV on beta\.example\.net answered the request to store pairs in a form this site cannot read \(stored: /);
    expect(seen[6]!.message).toMatch(/cannot read .*current version of Lockstep/);
  });

  it('same-site, a partner project with no configuration refuses for good, and a deleted mirror is named', async () => {
    const connections = new MemoryConnections();
    const mirror: ConnectionSummary = { ...onAlpha, id: 'conn-2', localProjectKey: 'QA', partnerSite: 'same', partnerProject: 'SUP' };
    await connections.save({ ...onAlpha, partnerSite: 'same', partnerProject: 'QA' }, { signingKey: KEY, partnerInboxUrl: null, partnerConnectionId: 'conn-2' });
    await connections.save(mirror, { signingKey: KEY, partnerInboxUrl: null, partnerConnectionId: ID });
    const deps = { connections, pairs: new MemoryPairs(), now: () => 0 } as unknown as MigrationDeps;
    const snapshot = () => askPartner(deps, ID, 'snapshot', { v: 1, issueIds: ['20001'], status: false });
    const noConfig = (await failure(snapshot())) as PartnerUnavailable;
    expect(noConfig).toMatchObject({ status: 409, transient: false });
    expect(noConfig.message).toBe('QA on this site refused the request for the values of paired issues (HTTP 409: The sync has no saved configuration on this side yet). Fix that in the sync\'s settings of QA on this site, then run this again.');
    await connections.remove('conn-2');
    expect(((await failure(snapshot())) as Error).message).toMatch(/^QA on this site refused .*\(HTTP 404: No such connection here\)\. QA on this site no longer knows this sync/);
    await connections.remove(ID);
    expect(((await failure(snapshot())) as Error).message).toBe('This sync no longer exists on this site: it was deleted while the job ran.');
  });
});

const handlers = (h: StepHandler) => ({ 'pair-preview': h, 'pair-apply': h, resync: h, reconcile: h, 'initial-sync': h }) satisfies Record<JobKind, StepHandler>;
/** A job of two steps, each asking the partner to store one pair. */
const asking: StepHandler = async (deps, job) => {
  await askPartner(deps, job.connectionId, 'pairs', { v: 1, pairs: [{ ...PAIR, localKey: `SUP-${job.step + 1}` }] });
  return job.step === 0 ? { done: 1, total: 2, cursor: 1 } : { done: 2, total: 2, cursor: 2, finished: 'Stored 2.' };
};

/** Runs the job's queued steps in order, as the consumer would, each after the delay it was queued with. */
async function drive(s: Awaited<ReturnType<typeof sites>>, jobId: string, from = 0, limit = 10_000) {
  let ran = from;
  while (ran < s.queue.pushed.length && ran < limit) {
    s.tick(((s.queue.delays[ran] ?? 0) * 1000) || 1);
    const step = parseStepId(s.queue.pushed[ran]!.messageId)!;
    ran++;
    await runJobStep(s.alpha, handlers(asking), ID, step.jobId, step.step);
  }
  return { runs: ran - from, job: (await s.alpha.jobs.get(ID, jobId))! };
}

describe('jobs asking the partner', () => {
  it('stop at once on a permanent refusal, with the refusal as their error and in the audit log, and never ask again', async () => {
    const s = await sites();
    await s.beta.connections.remove(ID);
    const job = await startJob(s.alpha, { connectionId: ID, kind: 'initial-sync', params: {}, startedBy: 'ada' });
    const { runs, job: after } = await drive(s, job.id);
    expect(runs).toBe(1);
    expect(s.transport.sent).toBe(1);
    expect(after).toMatchObject({ state: 'failed', step: 0, error: expect.stringMatching(/^DEV on beta\.example\.net refused the request to store pairs \(HTTP 401: .*no longer knows this sync: it was deleted there .*Delete this sync here, or connect the projects again/) });
    const { entries } = await s.audit.list(ID);
    expect(entries[0]).toMatchObject({ action: 'job.finished', detail: `initial-sync job ${job.id} failed: ${after.error}` });
  });

  it('wait out a partner that is down, honouring its Retry-After, then go on from the same step', async () => {
    const s = await sites();
    const job = await startJob(s.alpha, { connectionId: ID, kind: 'initial-sync', params: {}, startedBy: 'ada' });
    s.transport.script.push(reply(503, 'Service unavailable', 120), reply(503, 'Service unavailable'), new TypeError('fetch failed'));
    const first = parseStepId(s.queue.pushed[0]!.messageId)!;
    expect(await runJobStep(s.alpha, handlers(asking), ID, first.jobId, first.step)).toEqual({ retry: expect.stringContaining('HTTP 503') });
    const waiting = (await s.alpha.jobs.get(ID, job.id))!;
    expect(waiting).toMatchObject({ state: 'running', step: 0, error: 'Waiting to retry after 1 failed attempt since 2026-11-21T10:00:00.000Z: DEV on beta.example.net could not answer the request to store pairs now (HTTP 503).' });
    expect(s.queue.delays.at(-1)).toBe(120);
    const { job: after } = await drive(s, job.id, 1);
    expect(s.queue.delays).toEqual([undefined, 120, RETRY_SECONDS, RETRY_SECONDS, undefined]);
    expect(after).toMatchObject({ state: 'done', step: 2, error: null, summary: 'Stored 2.' });
    expect(s.transport.sent).toBe(5);
  });

  it('cannot wait forever: a step still failing a day after its first failure ends the job, and progress starts the count afresh', async () => {
    const s = await sites();
    const job = await startJob(s.alpha, { connectionId: ID, kind: 'initial-sync', params: {}, startedBy: 'ada' });
    // Step 0: down for 23 hours (every answer asks for 15 minutes), then it answers; step 1: down for good.
    const busyFor = (n: number) => Array.from({ length: n }, () => reply(503, { error: 'The request could not be handled; try again later.' }, 900));
    s.transport.script.push(...busyFor(23 * 4), ...busyFor(10_000));
    s.transport.backend = undefined;
    s.transport.script.splice(23 * 4, 0, reply(200, { stored: 1 }));
    const { runs, job: after } = await drive(s, job.id);
    expect(after.state).toBe('failed');
    expect(after.step).toBe(1);
    // Step 1's first failure, then one every 15 minutes until a day has passed: 97 attempts.
    expect(after.error).toBe('Gave up after 97 attempts over 24 hours, the last: DEV on beta.example.net could not answer the request to store pairs now (HTTP 503: The request could not be handled; try again later). Run the job again once that is fixed.');
    expect(runs).toBe(23 * 4 + 1 + 97);
    expect(s.queue.pushed).toHaveLength(runs);
    expect(Date.parse(after.finishedAt!) - Date.parse(after.startedAt)).toBeGreaterThanOrEqual(23 * 3_600_000 + GIVE_UP_AFTER_MS);
  });
});
