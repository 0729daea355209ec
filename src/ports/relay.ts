/** The ports that carry messages: this installation's work queues, and the partner's web trigger. */
import type { QueueEnvelope } from '../domain/messages';

/** A queue of work for this installation's own consumers. */
export interface WorkQueue {
  /** Queues envelopes, optionally not before `delaySeconds` (at most 900) have passed. */
  push(envelopes: QueueEnvelope[], delaySeconds?: number): Promise<void>;
}

export interface PartnerReply {
  status: number;
  body: string;
  /** Seconds the partner asked us to wait (Retry-After), when it did. */
  retryAfterSeconds?: number;
}

/** Sends a signed request to a partner installation's web trigger. */
export interface PartnerTransport {
  post(url: string, body: string, headers: Record<string, string>): Promise<PartnerReply>;
}
