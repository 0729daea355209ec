/** Queue consumers: the outbox (notices to send to a partner) and the inbox (partner notices to apply here). */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { QueueEnvelope } from '../../domain/messages';
import { describeIssues, type ChangeNotice } from '../../domain/notices';
import { deliverNotice, type DeliveryResult } from '../../engine/relay/deliver-notice';
import { kvsConnections } from '../adapters/kvs-connections';
import { kvsMessages } from '../adapters/kvs-messages';
import { forgeQueue, INBOX_QUEUE } from '../adapters/forge-queue';
import { partnerFetch } from '../adapters/partner-fetch';

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

export const onOutboxEvent = async (event: ConsumerEvent): Promise<DeliveryResult | ConsumerOutcome | InvocationError> => {
  const read = readQueueMessage(event);
  if ('dropped' in read) { console.warn(`[lockstep-outbox] dropped a message: ${read.dropped}`); return read; }
  const retryCount = event.retryContext?.retryCount ?? 0;
  const result = await deliverNotice({ connections: kvsConnections, messages: kvsMessages, partner: partnerFetch, inbox: forgeQueue(INBOX_QUEUE), now: Date.now }, read.accepted, retryCount);
  if (result.status === 'retry') {
    console.warn(`[lockstep-outbox] ${read.accepted.messageId}: ${result.reason}; retry ${retryCount + 1} in ${result.afterSeconds} s`);
    return new InvocationError({ retryAfter: result.afterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { reason: result.reason } });
  }
  if (result.status === 'parked') console.warn(`[lockstep-outbox] ${read.accepted.messageId} parked: ${result.reason}`);
  return result;
};

/** Reads what a partner sent; applying it to this site's issues is the sync engine's next step. */
export const onInboxEvent = async (event: ConsumerEvent): Promise<{ received: ChangeNotice['issue'] } | ConsumerOutcome> => {
  const read = readQueueMessage(event);
  if ('dropped' in read) { console.warn(`[lockstep-inbox] dropped a message: ${read.dropped}`); return read; }
  const notice = await kvsMessages.getIncoming(read.accepted.connectionId, read.accepted.messageId);
  if (!notice) return { dropped: `no incoming record for ${read.accepted.messageId}` };
  return { received: notice.issue };
};
