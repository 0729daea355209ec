/** The migration engine's ports, bound to Forge: the sync engine's, plus KVS job records and texts and the jobs queue. */
import type { MigrationDeps } from '../../engine/migration/deps';
import { forgeQueue, JOBS_QUEUE } from './forge-queue';
import { kvsJobs, kvsTexts } from './kvs-jobs';
import { forgeSyncDeps } from './sync-deps';

export function forgeMigrationDeps(): MigrationDeps {
  return { ...forgeSyncDeps(), jobs: kvsJobs, texts: kvsTexts, jobQueue: forgeQueue(JOBS_QUEUE) };
}
