/**
 * A product event whose capture failed for a passing reason (Jira 429/5xx, a storage hiccup, a site
 * down for minutes, a copy whose pair is not stored yet) is tried again: by Forge for its first retries, then from Lockstep's own queue,
 * stored until a capture goes through, so an outage longer than Forge's retry budget loses nothing.
 */
import { isTransient, JiraError } from '../../jira/errors';
import { captureEvent, PairPending, type CaptureResult } from './capture';
import { retryDelaySeconds } from './backoff';
import type { SyncDeps } from './deps';
import { CopyNotRecorded } from './intents';

/** Forge retries a trigger four times; the last of them hands the event to the queue instead. */
export const DEFER_AFTER_RETRIES = 3;
/** The outbox envelope type of a deferred capture (its messageId is the stored event's id). */
export const CAPTURE_ENVELOPE = 'capture';

export type Retry = { retry: { afterSeconds: number; reason: string } };
export type CaptureAttempt = CaptureResult | Retry | { deferred: string };

/** Errors worth trying again: Jira's transient ones, network failures, and storage answering 429 or 5xx. */
export function isPassing(error: unknown): boolean {
  // A copy whose create is still being recorded: its event waits for the pair (intents.ts).
  if (isTransient(error) || error instanceof CopyNotRecorded || error instanceof PairPending) return true;
  const status = (error as { responseDetails?: { status?: unknown } } | undefined)?.responseDetails?.status;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);
const retryAfterOf = (error: unknown): number | undefined => (error instanceof JiraError ? error.retryAfterSeconds : undefined);

export async function captureOrDefer(deps: SyncDeps, event: unknown, retryCount: number): Promise<CaptureAttempt> {
  try {
    return await captureEvent(deps, event);
  } catch (error) {
    if (!isPassing(error)) throw error;
    const afterSeconds = retryDelaySeconds(retryCount, deps.random, retryAfterOf(error));
    if (retryCount < DEFER_AFTER_RETRIES) return { retry: { afterSeconds, reason: reasonOf(error) } };
    const id = `${deps.now()}-${Math.floor(deps.random() * 2 ** 40).toString(36)}`;
    // Forge's delivery metadata is not part of the event: a later capture starts afresh.
    const { retryContext: _, ...payload } = (event ?? {}) as Record<string, unknown>;
    await deps.state.putDeferredEvent(id, payload);
    await deps.outbox.push([{ v: 1, type: CAPTURE_ENVELOPE, connectionId: '-', messageId: id }], afterSeconds);
    return { deferred: id };
  }
}

/** The outbox's step for a deferred event: captured and forgotten, or tried again later. */
export async function captureDeferred(deps: SyncDeps, id: string, retryCount: number): Promise<CaptureResult | Retry | { gone: true }> {
  const event = await deps.state.getDeferredEvent(id);
  // Delivered twice: the first delivery captured it already.
  if (event === undefined) return { gone: true };
  try {
    const result = await captureEvent(deps, event);
    await deps.state.removeDeferredEvent(id);
    return result;
  } catch (error) {
    if (!isPassing(error)) {
      await deps.state.removeDeferredEvent(id);
      throw error;
    }
    return { retry: { afterSeconds: retryDelaySeconds(retryCount, deps.random, retryAfterOf(error)), reason: reasonOf(error) } };
  }
}
