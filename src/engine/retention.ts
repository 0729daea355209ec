/**
 * The retention sweep for what a TTL cannot expire. Audit entries, jobs and their texts lapse by Forge
 * TTL on write (src/forge/adapters/kvs-health.ts, kvs-jobs.ts); a parked message cannot simply vanish,
 * since the later messages wait behind it and the partner waits for its sequence number. So an
 * error nobody acted on for ERROR_RETENTION_DAYS is skipped exactly as an admin's Skip would, audited as
 * the app's own act, and its content (field values, comment bodies, people's names and emails) leaves
 * storage (docs/SECURITY.md).
 */
import type { ConnectionData } from '../ports/cleanup';
import { APP_ACTOR } from './connections/deps';
import type { SyncDeps } from './sync/deps';
import { skipParked } from './sync/errors';

/** How long an unresolved error (a parked message) is kept before it is skipped. */
export const ERROR_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

export type RetentionDeps = SyncDeps & Pick<ConnectionData, 'connectionIds'>;

export interface SweepResult {
  connections: number;
  errorsExpired: number;
}

/** Skips every error of every connection last parked more than ERROR_RETENTION_DAYS before `now`. */
export async function sweepRetention(deps: RetentionDeps, now = deps.now()): Promise<SweepResult> {
  const cutoff = now - ERROR_RETENTION_DAYS * DAY_MS;
  const ids = await deps.connectionIds();
  let errorsExpired = 0;
  for (const connectionId of ids) {
    for (const parked of await deps.state.listParked(connectionId)) {
      // Measured from the latest failed attempt: a message retried and parked again starts over.
      if (!(Date.parse(parked.at) < cutoff)) continue;
      const done = await skipParked(deps, connectionId, parked.direction, parked.message.messageId, APP_ACTOR, `expired unresolved after ${ERROR_RETENTION_DAYS} days:`);
      if ('done' in done) errorsExpired++;
    }
  }
  return { connections: ids.length, errorsExpired };
}
