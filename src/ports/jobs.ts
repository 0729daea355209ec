/**
 * Background jobs of a sync (pair preview and apply, resync, reconciliation, initial sync) and the large
 * texts they read and write (uploaded files, previews, reports). A job advances one step per queue
 * invocation; its `step` counter makes a duplicated or stale step event a no-op.
 */
import { z } from 'zod';

export const JobKind = z.enum(['pair-preview', 'pair-apply', 'resync', 'reconcile', 'initial-sync']);
export type JobKind = z.infer<typeof JobKind>;
export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

/** How long a job's record and its texts (uploads, previews, reports) are kept after their last write. */
export const JOB_RETENTION_DAYS = 90;

export const FINAL_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];
export const isFinal = (state: JobState): boolean => FINAL_STATES.includes(state);

export const Job = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  connectionId: z.string().min(1).max(400),
  kind: JobKind,
  state: JobState,
  /** Steps taken; a step event naming another number is stale or duplicated. */
  step: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  startedBy: z.string().min(1),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** The job's own parameters and resume point, each kind parses its own. */
  params: z.unknown(),
  cursor: z.unknown(),
  error: z.string().max(2000).nullable(),
  problems: z.array(z.object({ at: z.string(), message: z.string() })).max(50),
  summary: z.string().max(2000).nullable(),
  cancelRequested: z.boolean(),
});
export type Job = z.infer<typeof Job>;

export interface JobStore {
  get(connectionId: string, jobId: string): Promise<Job | undefined>;
  /** Creates or replaces the job. */
  put(job: Job): Promise<void>;
  /** The connection's jobs, newest first. */
  list(connectionId: string): Promise<Job[]>;
  /** Jobs that are not final, of one connection or of all (the tick revives those whose step stalled). */
  listUnfinished(connectionId?: string): Promise<Job[]>;
  /** Removes the job and nothing else (its texts are the caller's). */
  remove(connectionId: string, jobId: string): Promise<void>;
}

/** Large texts, stored in pieces under a name; a missing name reads as undefined. */
export interface TextStore {
  put(name: string, text: string): Promise<void>;
  /** Adds to the text under `name` (an upload arriving in pieces); creates it when missing. */
  append(name: string, text: string): Promise<number>;
  get(name: string): Promise<string | undefined>;
  remove(name: string): Promise<void>;
}
