/**
 * Background jobs as the Migration tab shows them: whether a job is over, what its status line says,
 * which recent job a step picks up after a reload, and the loop that polls a job until it is over.
 * Pure (the clock and the resolver are passed in), so it is unit-tested.
 */
import type { ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import { progressText } from '../../../shared/progress';
import type { JobKind, JobState, JobView } from '../../../shared/types';

export const FINAL_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

export function isFinal(job: Pick<JobView, 'state'>): boolean {
  return FINAL_STATES.includes(job.state);
}

export const JOB_KIND_LABEL: Record<JobKind, string> = {
  'pair-preview': 'Pairing preview',
  'pair-apply': 'Pairing',
  resync: 'Resync',
  reconcile: 'Reconciliation',
  'initial-sync': 'Sync existing issues',
};

export const JOB_STATE_LABEL: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const JOB_STATE_APPEARANCE: Record<JobState, ThemeAppearance> = {
  queued: 'default',
  running: 'inprogress',
  done: 'success',
  failed: 'removed',
  cancelled: 'moved',
};

/** One line for a job's status: progress while it runs, its summary or error once it is over. */
export function jobStatusText(job: JobView): string {
  if (job.cancelling && !isFinal(job)) return `Cancelling… ${progressText(job.done, job.total, null)}`;
  switch (job.state) {
    case 'queued':
      return 'Waiting to start…';
    case 'running':
      // A step waiting out a partner that is down says so (the job retries it on its own).
      return job.error ? `${progressText(job.done, job.total, null)}. ${job.error}` : progressText(job.done, job.total, job.etaSeconds);
    case 'done':
      return job.summary ?? `Done: ${progressText(job.done, job.total, null)}.`;
    case 'failed':
      return job.error ?? (job.problems.length > 0 ? 'The input was refused: nothing was changed.' : 'The job failed.');
    case 'cancelled':
      return job.summary ?? `Cancelled after ${progressText(job.done, job.total, null)}.`;
  }
}

/** The newest job of one of `kinds` (jobs come newest first), optionally only one still running. */
export function latestJob(jobs: readonly JobView[], kinds: readonly JobKind[], options: { active?: boolean } = {}): JobView | null {
  return jobs.find((j) => kinds.includes(j.kind) && (!options.active || !isFinal(j))) ?? null;
}

/** The jobs each step shows when the tab opens: the newest of its kinds, still running or over. */
export interface InitialJobs {
  /** The newest pairing job when it is a preview (nothing was applied after it)… */
  preview: JobView | null;
  /** …or when it is an apply. */
  apply: JobView | null;
  resync: JobView | null;
  reconcile: JobView | null;
}

export function initialJobs(jobs: readonly JobView[]): InitialJobs {
  const pairing = latestJob(jobs, ['pair-preview', 'pair-apply']);
  return {
    preview: pairing?.kind === 'pair-preview' ? pairing : null,
    apply: pairing?.kind === 'pair-apply' ? pairing : null,
    resync: latestJob(jobs, ['resync']),
    reconcile: latestJob(jobs, ['reconcile']),
  };
}

export const POLL_INTERVAL_MS = 1_000;
/** Polling gives up after this many failed calls in a row (a single timeout is not worth an error). */
export const MAX_POLL_FAILURES = 3;

export interface PollOptions {
  /** Reads the job once (getSyncJob). */
  fetch: () => Promise<JobView>;
  onUpdate: (job: JobView) => void;
  /** True once nobody wants the answer any more (unmounted, another job started). */
  isStopped: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  intervalMs?: number;
  maxFailures?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads the job every `intervalMs` until its state is final and returns it; null when stopped first.
 * Throws the last error after `maxFailures` failed reads in a row.
 */
export async function pollJob({ fetch, onUpdate, isStopped, sleep = realSleep, intervalMs = POLL_INTERVAL_MS, maxFailures = MAX_POLL_FAILURES }: PollOptions): Promise<JobView | null> {
  let failures = 0;
  for (;;) {
    await sleep(intervalMs);
    if (isStopped()) return null;
    let job: JobView;
    try {
      job = await fetch();
    } catch (error) {
      failures += 1;
      if (failures >= maxFailures) throw error;
      continue;
    }
    failures = 0;
    if (isStopped()) return null;
    onUpdate(job);
    if (isFinal(job)) return job;
  }
}
