/**
 * Removing one side of a connection: its directory entry and secrets first (so nothing is sent or accepted
 * for it any more), then health, audit, pairs and everything else it held (sync state, errors, jobs and
 * their texts). A connection can hold a million pairs, far more than one invocation can delete: the first
 * batch goes inline, the rest in background rounds paced to KVS's write budget.
 */
import { audit, type ConnectionsDeps } from './deps';

/** Pairs removed per removeSome call. */
export const PAIR_BATCH = 100;
/** Batches per background round: 2,000 pairs, about half a minute of KVS's ~4,000 writes a minute. */
export const ROUND_BATCHES = 20;
/** Pause between rounds, so the cleanup leaves write budget for the syncs that are still running. */
export const ROUND_DELAY_SECONDS = 30;

/** Removes everything this side holds for the connection; `pairsLeft` tells whether the background continues. */
export async function removeHere(deps: ConnectionsDeps, connectionId: string, actor: string, detail: string): Promise<{ pairsLeft: boolean }> {
  await deps.connections.remove(connectionId);
  await deps.links.forget(connectionId);
  await deps.health.clear(connectionId);
  await deps.audit.clear(connectionId);
  // Recorded after the clear: the one entry a deleted connection keeps says who deleted it and when (it expires with the audit log).
  await audit(deps, connectionId, actor, 'connection.deleted', detail);
  // A store may remove fewer than asked even when more remain: only 0 proves there are none left.
  const pairsLeft = (await deps.pairs.removeSome(connectionId, PAIR_BATCH)) > 0;
  const dataLeft = (await deps.data.removeSome(connectionId, PAIR_BATCH)) > 0;
  if (pairsLeft || dataLeft) await deps.cleanup.schedule(connectionId, 0);
  return { pairsLeft };
}

export type CleanupResult = { status: 'done' | 'continues'; removed: number } | { status: 'skipped'; reason: string };

/**
 * One background round: up to ROUND_BATCHES batches of pairs and then of the rest, then another round when
 * some are left. A connection that exists (again) is never touched: only deleted connections are cleaned up.
 */
export async function continueCleanup(deps: Pick<ConnectionsDeps, 'connections' | 'pairs' | 'data' | 'cleanup'>, connectionId: string): Promise<CleanupResult> {
  if (await deps.connections.get(connectionId)) return { status: 'skipped', reason: 'the connection exists' };
  let removed = 0;
  let pairsDone = false;
  for (let i = 0; i < ROUND_BATCHES; i++) {
    const n = pairsDone ? await deps.data.removeSome(connectionId, PAIR_BATCH) : await deps.pairs.removeSome(connectionId, PAIR_BATCH);
    if (n === 0 && pairsDone) return { status: 'done', removed };
    if (n === 0) pairsDone = true;
    removed += n;
  }
  await deps.cleanup.schedule(connectionId, ROUND_DELAY_SECONDS);
  return { status: 'continues', removed };
}
