/** Queue consumers: the outbox (messages to deliver to the partner) and the inbox (partner messages to apply here). */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { QueueEnvelope } from '../../domain/messages';
import { describeIssues } from '../../domain/notices';
import { REQUEUE_AFTER_RETRIES, retryDelaySeconds } from '../../engine/sync/backoff';
import { deliverMessage, type DeliveryResult } from '../../engine/sync/deliver';
import { drainIssue, type DrainResult } from '../../engine/sync/drain';
import { CAPTURE_ENVELOPE, captureDeferred } from '../../engine/sync/capture-retry';
import type { CaptureResult } from '../../engine/sync/capture';
import type { SyncDeps } from '../../engine/sync/deps';
import { forgeSyncDeps } from '../adapters/sync-deps';

/** Forge's consumer event: the pushed body plus delivery metadata. */
export interface ConsumerEvent {
  body?: unknown;
  retryContext?: { retryCount: number };
}

export type ConsumerOutcome = { accepted: QueueEnvelope } | { dropped: string };

/** Parses one queue message; an unreadable one is dropped with a reason instead of being retried forever. */
export function readQueueMessage(event: ConsumerEvent): ConsumerOutcome {
  const parsed = QueueEnvelope.safeParse(event.body);
  return parsed.success ? { accepted: parsed.data } : { dropped: describeIssues(parsed.error) };
}

/**
 * Try again later without ever dropping: Forge's own retry (InvocationError) while it has retries left,
 * then a fresh delayed copy of the envelope, which starts a new series of retries.
 */
async function later(deps: SyncDeps, queue: 'outbox' | 'inbox', envelope: QueueEnvelope, retryCount: number, afterSeconds: number | undefined, reason: string): Promise<InvocationError | { requeued: number }> {
  const delay = retryDelaySeconds(retryCount, deps.random, afterSeconds);
  console.warn(`[lockstep-${queue}] ${envelope.messageId}: ${reason}; again in ${delay} s`);
  if (retryCount >= REQUEUE_AFTER_RETRIES) {
    await deps[queue].push([envelope], delay);
    return { requeued: delay };
  }
  return new InvocationError({ retryAfter: delay, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { reason } });
}

export const onOutboxEvent = async (event: ConsumerEvent): Promise<DeliveryResult | CaptureResult | { gone: true } | ConsumerOutcome | InvocationError | { requeued: number }> => {
  const read = readQueueMessage(event);
  if ('dropped' in read) { console.warn(`[lockstep-outbox] dropped a message: ${read.dropped}`); return read; }
  const deps = forgeSyncDeps();
  const retryCount = event.retryContext?.retryCount ?? 0;
  if (read.accepted.type === CAPTURE_ENVELOPE) {
    // A product event whose capture outlasted Forge's retries (src/engine/sync/capture-retry.ts).
    const captured = await captureDeferred(deps, read.accepted.messageId, retryCount);
    return 'retry' in captured ? later(deps, 'outbox', read.accepted, retryCount, captured.retry.afterSeconds, captured.retry.reason) : captured;
  }
  const result = await deliverMessage(deps, read.accepted.connectionId, read.accepted.messageId);
  if (result.status === 'retry') return later(deps, 'outbox', read.accepted, retryCount, result.afterSeconds, result.reason);
  if (result.status === 'parked') console.warn(`[lockstep-outbox] ${read.accepted.messageId} parked: ${result.reason}`);
  return result;
};

export const onInboxEvent = async (event: ConsumerEvent): Promise<DrainResult | ConsumerOutcome | InvocationError | { requeued: number }> => {
  const read = readQueueMessage(event);
  if ('dropped' in read) { console.warn(`[lockstep-inbox] dropped a message: ${read.dropped}`); return read; }
  const origin = /^(\d{1,18})-\d+$/.exec(read.accepted.messageId)?.[1];
  if (!origin) return { dropped: `message id ${read.accepted.messageId} names no issue` };
  const deps = forgeSyncDeps();
  const result = await drainIssue(deps, read.accepted.connectionId, origin);
  if ('retry' in result) return later(deps, 'inbox', read.accepted, event.retryContext?.retryCount ?? 0, result.retry.afterSeconds, result.retry.reason);
  return result;
};
