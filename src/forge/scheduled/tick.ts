/**
 * The five-minute tick: re-sends the step of any background job that has not moved for a while (a lost
 * queue event, a crashed invocation), queues again sync messages whose queue message was lost, captures
 * changes and deletions whose product event never came, and once a day runs the retention sweep (src/engine/retention.ts).
 * Scheduled runs can overlap; a duplicated step event is a no-op, and the daily claim lets one run sweep.
 * While the license is inactive neither runs: both would sync (TTL expiry of audit, jobs and texts goes on).
 */
import { kvs } from '@forge/kvs';
import { reviveStalledJobs } from '../../engine/migration/jobs';
import { sweepRetention, type SweepResult } from '../../engine/retention';
import { forgeMigrationDeps } from '../adapters/migration-deps';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { redeliverStranded, type SweepResult as Redelivered } from '../../engine/sync/redeliver';
import { catchUp } from '../../engine/sync/catch-up';
import { sweepDeletions } from '../../engine/sync/deletion-sweep';
import { kvsConnectionData } from '../adapters/kvs-connection-data';

/** Held for a little under a day, so ticks sweep about daily even as their times drift. */
const SWEEP_CLAIM = { key: 'retention-sweep', ttl: { value: 23, unit: 'HOURS' } } as const;

export interface TickResult {
  unfinished: number;
  revived: number;
  retention?: SweepResult;
  /** Sync messages queued again because their queue message was lost (src/engine/sync/redeliver.ts). */
  redelivered?: Redelivered;
  /** Changes captured because their product event never came (src/engine/sync/catch-up.ts). */
  caughtUp?: { shared: number; resent: number };
  /** Deletions sent because their product event never came (src/engine/sync/deletion-sweep.ts). */
  deletionsSent?: number;
  skipped?: string;
}

/** The healing sweeps: lost queue messages queued again, and changes and deletions no event brought captured. */
async function heal(): Promise<Pick<TickResult, 'redelivered' | 'caughtUp' | 'deletionsSent'>> {
  const deps = forgeSyncDeps();
  const redelivered = await redeliverStranded(deps);
  const caughtUp = { shared: 0, resent: 0 };
  let deletionsSent = 0;
  for (const id of await kvsConnectionData.connectionIds()) {
    // One sync's failure (its filter refused, Jira busy) must not keep the others from their sweep; the next tick tries again.
    try {
      const result = await catchUp(deps, id);
      if ('checked' in result) { caughtUp.shared += result.shared; caughtUp.resent += result.resent; }
    } catch (error) {
      console.warn(`[lockstep-tick] catch-up of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const result = await sweepDeletions(deps, id);
      if ('sent' in result) deletionsSent += result.sent;
    } catch (error) {
      console.warn(`[lockstep-tick] deletion sweep of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { redelivered, caughtUp, deletionsSent };
}

/** True for the one tick a day that claims the sweep (FAIL_IF_EXISTS: of racing ticks, one wins). */
async function claimDailySweep(now: number): Promise<boolean> {
  try {
    await kvs.set(SWEEP_CLAIM.key, { at: now }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: SWEEP_CLAIM.ttl });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'KEY_CONFLICT' || (await kvs.get(SWEEP_CLAIM.key)) !== undefined) return false;
    throw error;
  }
}

/** Runs the retention sweep now: daily from the tick, at once after a major upgrade (src/forge/lifecycle.ts). */
export async function sweepNow(): Promise<SweepResult> {
  return sweepRetention({ ...forgeMigrationDeps(), connectionIds: kvsConnectionData.connectionIds });
}

/** One tick; `licensed` comes from the invocation's license (src/forge/index.ts). */
export async function scheduledTick(licensed: boolean): Promise<TickResult> {
  if (!licensed) return { unfinished: 0, revived: 0, skipped: 'license-inactive' };
  const jobs = { ...(await reviveStalledJobs(forgeMigrationDeps())), ...(await heal()) };
  if (!(await claimDailySweep(Date.now()))) return jobs;
  return { ...jobs, retention: await sweepNow() };
}
