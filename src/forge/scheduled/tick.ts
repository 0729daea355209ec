/** The five-minute tick: finds resync jobs that have work left. Scheduled runs can overlap, so each step is idempotent. */
import { kvs, WhereConditions } from '@forge/kvs';

export const JOB_PREFIX = 'resync-job:';

export async function onScheduledTick(): Promise<{ pendingJobs: number }> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith(JOB_PREFIX)).limit(20).getMany<unknown>();
  return { pendingJobs: page.results.length };
}
