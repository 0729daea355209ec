/**
 * Background jobs: started by an admin, advanced one bounded step per queue invocation (Forge consumers
 * run up to 900 s), their resume point saved after every step, so a crash or timeout resumes where it
 * stopped. The five-minute tick re-sends the step of a job that has not moved for a while. A step event
 * whose number is not the job's current step is stale or duplicated, and does nothing.
 */
import { randomBytes } from 'node:crypto';
import { JiraError } from '../../jira/errors';
import { isFinal, type Job, type JobKind } from '../../ports/jobs';
import type { MigrationDeps } from './deps';
import { PartnerBusy } from './partner-errors';

export interface StepOutcome {
  done: number;
  total?: number | null;
  cursor: unknown;
  /** Present when the job is over: its one-line summary. */
  finished?: string;
  /** Present when the job cannot go on; `problems` for a refused input file (nothing was changed). */
  failed?: { error: string; problems?: Job['problems'] };
}

export type StepHandler = (deps: MigrationDeps, job: Job) => Promise<StepOutcome>;

/** A step that has not moved for this long is sent again by the tick (the consumer limit is 15 minutes). */
export const STALL_MS = 16 * 60_000;
/** A transient Jira or partner failure waits this long before the step is tried again, unless it said how long. */
export const RETRY_SECONDS = 30;
/** A step still failing transiently this long after its first failure is given up: whatever is down needs an admin by then. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

export const envelopeOf = (job: Pick<Job, 'id' | 'connectionId' | 'step'>) => ({ v: 1 as const, type: 'job', connectionId: job.connectionId, messageId: `${job.id}.${job.step}` });

export async function startJob(deps: MigrationDeps, input: { connectionId: string; kind: JobKind; params: unknown; startedBy: string; total?: number | null }): Promise<Job> {
  const at = new Date(deps.now()).toISOString();
  const job: Job = {
    id: randomBytes(9).toString('base64url'), connectionId: input.connectionId, kind: input.kind, state: 'queued', step: 0,
    startedAt: at, updatedAt: at, finishedAt: null, startedBy: input.startedBy, done: 0, total: input.total ?? null,
    params: input.params, cursor: null, error: null, problems: [], summary: null, cancelRequested: false,
  };
  await deps.jobs.put(job);
  await deps.jobQueue.push([envelopeOf(job)]);
  await deps.audit.record({ connectionId: job.connectionId, at, actor: input.startedBy, action: 'job.started', target: null, detail: `${input.kind} job ${job.id} started` });
  return job;
}

/** Asks a running job to stop at its next step; a queued one stops at once. */
export async function cancelJob(deps: MigrationDeps, job: Job, actor: string): Promise<Job> {
  if (isFinal(job.state)) return job;
  const next: Job = { ...job, cancelRequested: true, updatedAt: new Date(deps.now()).toISOString() };
  await deps.jobs.put(next);
  await deps.audit.record({ connectionId: job.connectionId, at: next.updatedAt, actor, action: 'job.cancelled', target: null, detail: `${job.kind} job ${job.id}: cancel asked at ${job.done}${job.total !== null ? ` of ${job.total}` : ''}` });
  return next;
}

export const parseStepId = (messageId: string): { jobId: string; step: number } | undefined => {
  const m = /^([A-Za-z0-9_-]{1,64})\.(\d{1,9})$/.exec(messageId);
  return m ? { jobId: m[1]!, step: Number(m[2]) } : undefined;
};

export type StepResult = { ran: Job } | { ignored: string } | { retry: string };

export async function runJobStep(deps: MigrationDeps, handlers: Record<JobKind, StepHandler>, connectionId: string, jobId: string, step: number): Promise<StepResult> {
  const job = await deps.jobs.get(connectionId, jobId);
  if (!job) return { ignored: `no job ${jobId}` };
  if (isFinal(job.state)) return { ignored: `job ${jobId} is ${job.state}` };
  if (job.step !== step) return { ignored: `step ${step} of job ${jobId} is stale (now at ${job.step})` };
  const at = () => new Date(deps.now()).toISOString();
  if (job.cancelRequested) return { ran: await finish(deps, job, { state: 'cancelled', summary: `Cancelled after ${job.done}${job.total !== null ? ` of ${job.total}` : ''}.` }) };
  let outcome: StepOutcome;
  try {
    outcome = await handlers[job.kind](deps, { ...job, state: 'running' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const delay = retryDelay(error);
    if (delay === undefined) return { ran: await finish(deps, job, { state: 'failed', error: message }) };
    const waited = waitingSince(job);
    const since = waited?.since ?? deps.now();
    const attempts = (waited?.attempts ?? 0) + 1;
    if (deps.now() - since >= GIVE_UP_AFTER_MS) {
      return { ran: await finish(deps, job, { state: 'failed', error: `Gave up after ${attempts} attempts over ${hoursOf(deps.now() - since)} hours, the last: ${message} Run the job again once that is fixed.` }) };
    }
    // Transient: the same step runs again later; the job's record says why meanwhile, and since when, which bounds the retries.
    const waiting: Job = { ...job, state: 'running', updatedAt: at(), error: waitingText(attempts, since, message) };
    await deps.jobs.put(waiting);
    await deps.jobQueue.push([envelopeOf(waiting)], delay);
    return { retry: message };
  }
  const advanced: Job = { ...job, state: 'running', step: job.step + 1, updatedAt: at(), done: outcome.done, total: outcome.total === undefined ? job.total : outcome.total, cursor: outcome.cursor, error: null };
  if (outcome.failed) return { ran: await finish(deps, advanced, { state: 'failed', error: outcome.failed.error, problems: outcome.failed.problems ?? [] }) };
  if (outcome.finished !== undefined) return { ran: await finish(deps, advanced, { state: 'done', summary: outcome.finished }) };
  // Someone may have asked to cancel while this step ran: keep their request.
  const latest = await deps.jobs.get(connectionId, jobId);
  const saved: Job = { ...advanced, cancelRequested: latest?.cancelRequested ?? false };
  await deps.jobs.put(saved);
  await deps.jobQueue.push([envelopeOf(saved)]);
  return { ran: saved };
}

/** Seconds to wait before a failed step runs again, or undefined when asking again cannot help. */
function retryDelay(error: unknown): number | undefined {
  if (error instanceof JiraError) return error.transient ? error.retryAfterSeconds || RETRY_SECONDS : undefined;
  if (error instanceof PartnerBusy) return error.retryAfterSeconds || RETRY_SECONDS;
  return undefined;
}

/**
 * A waiting job's error reads "Waiting to retry after 3 failed attempts since <ISO time>: <why>": the
 * admin sees how long, and the next failure reads back when the step first failed (its record has no
 * field for it). Progress clears the error, so each step starts afresh.
 */
const WAITING = /^Waiting to retry after (\d{1,9}) failed attempts? since (\S+): /;
const waitingText = (attempts: number, since: number, reason: string) =>
  `Waiting to retry after ${attempts} failed ${attempts === 1 ? 'attempt' : 'attempts'} since ${new Date(since).toISOString()}: ${reason}`.slice(0, 2000);

function waitingSince(job: Pick<Job, 'error'>): { attempts: number; since: number } | undefined {
  const m = job.error ? WAITING.exec(job.error) : null;
  const since = m ? Date.parse(m[2]!) : NaN;
  return m && Number.isFinite(since) ? { attempts: Number(m[1]), since } : undefined;
}

const hoursOf = (ms: number) => Math.floor(ms / 3_600_000);

async function finish(deps: MigrationDeps, job: Job, end: { state: 'done' | 'failed' | 'cancelled'; summary?: string; error?: string; problems?: Job['problems'] }): Promise<Job> {
  const at = new Date(deps.now()).toISOString();
  const final: Job = { ...job, state: end.state, updatedAt: at, finishedAt: at, summary: end.summary ?? null, error: end.error?.slice(0, 2000) ?? null, problems: (end.problems ?? []).slice(0, 50) };
  await deps.jobs.put(final);
  await deps.audit.record({ connectionId: job.connectionId, at, actor: 'lockstep', action: 'job.finished', target: null, detail: `${job.kind} job ${job.id} ${end.state}: ${end.summary ?? end.error ?? ''}`.slice(0, 2000) });
  return final;
}

/** The tick: re-sends the current step of every unfinished job that has not moved for STALL_MS. */
export async function reviveStalledJobs(deps: MigrationDeps): Promise<{ unfinished: number; revived: number }> {
  const unfinished = await deps.jobs.listUnfinished();
  const stalled = unfinished.filter((j) => deps.now() - Date.parse(j.updatedAt) >= STALL_MS);
  for (const job of stalled) {
    await deps.jobs.put({ ...job, updatedAt: new Date(deps.now()).toISOString() });
    await deps.jobQueue.push([envelopeOf(job)]);
  }
  return { unfinished: unfinished.length, revived: stalled.length };
}

/** Seconds left at the pace so far; null until some work is done and the total is known. */
export function etaSeconds(job: Pick<Job, 'done' | 'total' | 'startedAt' | 'state'>, now: number): number | null {
  if (job.total === null || job.done === 0 || isFinal(job.state)) return null;
  const elapsed = (now - Date.parse(job.startedAt)) / 1000;
  return Math.max(0, Math.round((elapsed / job.done) * (job.total - job.done)));
}
