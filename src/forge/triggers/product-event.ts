/**
 * Product-event trigger: a change on this site becomes sync messages for every running sync of its
 * project. A capture that fails for a passing reason is retried by Forge, then by Lockstep's own queue.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { captureOrDefer, type CaptureAttempt } from '../../engine/sync/capture-retry';
import { forgeSyncDeps } from '../adapters/sync-deps';

export const onProductEvent = async (event: unknown): Promise<Exclude<CaptureAttempt, { retry: unknown }> | InvocationError> => {
  const retryCount = (event as { retryContext?: { retryCount?: number } } | undefined)?.retryContext?.retryCount ?? 0;
  const attempt = await captureOrDefer(forgeSyncDeps(), event, retryCount);
  if ('retry' in attempt) return new InvocationError({ retryAfter: attempt.retry.afterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { reason: attempt.retry.reason } });
  return attempt;
};
