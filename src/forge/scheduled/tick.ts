/**
 * The five-minute tick: re-sends the step of any background job that has not moved for a while (a lost
 * queue event, a crashed invocation). Scheduled runs can overlap; a duplicated step event is a no-op.
 */
import { reviveStalledJobs } from '../../engine/migration/jobs';
import { forgeMigrationDeps } from '../adapters/migration-deps';

export async function onScheduledTick(): Promise<{ unfinished: number; revived: number }> {
  return reviveStalledJobs(forgeMigrationDeps());
}
