/** The ports the relay (change notices from one installation to its partner) needs. */
import type { ChangeNotice } from '../domain/notices';
import type { QueueEnvelope } from '../domain/messages';

/** Messages at rest: the outbox until the partner acknowledges, parked failures, and what came in. */
export interface MessageStore {
  putOutgoing(notice: ChangeNotice): Promise<void>;
  getOutgoing(connectionId: string, messageId: string): Promise<ChangeNotice | undefined>;
  removeOutgoing(connectionId: string, messageId: string): Promise<void>;
  /** Keeps a message that cannot be delivered, with why, for the admin's error list. */
  park(notice: ChangeNotice, reason: string): Promise<void>;
  listParked(connectionId: string): Promise<Array<{ notice: ChangeNotice; reason: string }>>;
  /** Records an incoming message once; a second delivery of the same id reports 'duplicate'. */
  recordIncoming(notice: ChangeNotice): Promise<'new' | 'duplicate'>;
  getIncoming(connectionId: string, messageId: string): Promise<ChangeNotice | undefined>;
}

/** A queue of work for this installation's own consumers. */
export interface WorkQueue {
  push(envelopes: QueueEnvelope[]): Promise<void>;
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
