/**
 * Applies a partner issue's messages strictly in sequence order. One invocation at a time per issue
 * (a short KVS lock); a message that arrives early is kept and waits; a message that fails for good is
 * parked, and the ones after it wait until an admin retries or skips it.
 */
import { isTransient, JiraError } from '../../jira/errors';
import type { SyncMessage } from '../../domain/sync/message';
import type { SyncDeps } from './deps';
import { applyMessage } from './apply';

export type DrainResult =
  | { applied: number; waiting?: 'locked' | 'gap' | 'blocked' | 'paused' }
  | { applied: number; retry: { afterSeconds?: number; reason: string } };

const LOCK_SECONDS = 300;
/**
 * How long a missing message is waited for while later ones are here: longer than any delivery takes
 * (retries, a partner down for minutes, the sweep re-sending after 15 minutes), so only one that will
 * never come is given up on.
 */
export const GAP_SKIP_MS = 45 * 60_000;

export async function drainIssue(deps: SyncDeps, connectionId: string, originIssueId: string): Promise<DrainResult> {
  let total = 0;
  // Loops only when a message arrived while the lock was held; bounded for safety.
  for (let round = 0; round < 5; round++) {
    const result = await drainOnce(deps, connectionId, originIssueId);
    total += result.applied;
    if ('retry' in result || result.waiting !== undefined) return { ...result, applied: total };
    const next = (await deps.state.lastApplied(connectionId, originIssueId)) + 1;
    if (!(await deps.state.getIncoming(connectionId, originIssueId, next))) return { applied: total };
  }
  return { applied: total };
}

async function drainOnce(deps: SyncDeps, connectionId: string, originIssueId: string): Promise<DrainResult> {
  const summary = await deps.connections.get(connectionId);
  if (!summary || summary.state !== 'running') return { applied: 0, waiting: 'paused' };
  if (await deps.state.isBlocked(connectionId, originIssueId)) return { applied: 0, waiting: 'blocked' };
  if (!(await deps.state.tryLock(connectionId, originIssueId, LOCK_SECONDS))) return { applied: 0, waiting: 'locked' };
  let applied = 0;
  // When the gap just given up on began: a number missing right after it has been missing since then too.
  let gapBegan: number | undefined;
  try {
    const config = await deps.connections.config(connectionId);
    if (!config) return { applied, waiting: 'paused' };
    for (;;) {
      const seq = (await deps.state.lastApplied(connectionId, originIssueId)) + 1;
      const message = await deps.state.getIncoming(connectionId, originIssueId, seq);
      if (!message) {
        if (!(await deps.state.hasIncomingAfter(connectionId, originIssueId, seq))) return { applied };
        // A number claimed by a sender that crashed before storing its message never comes: its change went out again under a later number.
        // The next one missing as well was claimed before the later message that was here when the first gap began (it is not this
        // one, missing too), so it has waited as long: two lost in a row are not waited for twice.
        const since = await deps.state.gapSince(connectionId, originIssueId, seq, gapBegan ?? deps.now());
        if (deps.now() - since < GAP_SKIP_MS) return { applied, waiting: 'gap' };
        await skipGap(deps, connectionId, originIssueId, seq);
        gapBegan = since;
        continue;
      }
      gapBegan = undefined;
      let outcome;
      try {
        outcome = await applyMessage(deps, connectionId, config, message);
      } catch (error) {
        if (!isTransient(error)) outcome = { status: 'failed' as const, reason: error instanceof Error ? error.message : String(error) };
        else {
          await deps.health.bump(connectionId, { retried: 1 }, deps.now());
          return { applied, retry: { ...(error instanceof JiraError && error.retryAfterSeconds ? { afterSeconds: error.retryAfterSeconds } : {}), reason: describe(error) } };
        }
      }
      if (outcome.status === 'failed') {
        await park(deps, connectionId, message, outcome.reason);
        return { applied, waiting: 'blocked' };
      }
      await deps.state.setLastApplied(connectionId, originIssueId, seq);
      await deps.state.removeIncoming(connectionId, originIssueId, seq);
      await deps.health.bump(connectionId, { applied: 1 }, deps.now(), Math.max(0, deps.now() - message.at));
      applied++;
    }
  } finally {
    await deps.state.unlock(connectionId, originIssueId);
  }
}

async function skipGap(deps: SyncDeps, connectionId: string, originIssueId: string, seq: number): Promise<void> {
  await deps.state.setLastApplied(connectionId, originIssueId, seq);
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor: 'lockstep', action: 'message.skipped', target: originIssueId, detail: `${originIssueId}-${seq} never arrived within ${GAP_SKIP_MS / 60_000} minutes while later messages did; went on without it` });
}

function describe(error: unknown): string {
  if (error instanceof JiraError) return `${error.message}${error.rateLimitReason ? ` (${error.rateLimitReason})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

async function park(deps: SyncDeps, connectionId: string, message: SyncMessage, reason: string): Promise<void> {
  await deps.state.park({ connectionId, direction: 'in', message, reason: reason.slice(0, 1000), at: new Date(deps.now()).toISOString() });
  await deps.health.bump(connectionId, { failed: 1 }, deps.now());
  const pair = await deps.pairs.byPartner(connectionId, message.origin.issueId);
  if (pair) await deps.pairs.update(connectionId, pair.localIssueId, { lastError: reason.slice(0, 1000), status: 'error' });
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor: 'lockstep', action: 'message.parked', target: pair?.localIssueKey ?? message.origin.issueKey, detail: `${message.messageId} (${message.change.kind}): ${reason}`.slice(0, 2000) });
}
