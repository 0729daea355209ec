/** Queue consumers: the outbox (changes to send to a partner) and the inbox (partner changes to apply here). */
import { QueueEnvelope } from '../../domain/messages';

/** Forge's consumer event: the pushed body plus delivery metadata. */
export interface ConsumerEvent {
  body?: unknown;
  retryContext?: { retryCount: number };
}

export type ConsumerOutcome = { accepted: QueueEnvelope } | { dropped: string };

/** Parses one queue message; an unreadable one is dropped with a reason instead of being retried forever. */
export function readQueueMessage(event: ConsumerEvent): ConsumerOutcome {
  const parsed = QueueEnvelope.safeParse(event.body);
  return parsed.success ? { accepted: parsed.data } : { dropped: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
}

function consume(queue: string, event: ConsumerEvent): ConsumerOutcome {
  const outcome = readQueueMessage(event);
  if ('dropped' in outcome) console.warn(`[${queue}] dropped a message: ${outcome.dropped}`);
  return outcome;
}

export const onOutboxEvent = async (event: ConsumerEvent): Promise<ConsumerOutcome> => consume('lockstep-outbox', event);
export const onInboxEvent = async (event: ConsumerEvent): Promise<ConsumerOutcome> => consume('lockstep-inbox', event);
