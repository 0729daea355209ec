/**
 * What the sync engine keeps between invocations, apart from pairs: sequence numbers, messages on
 * their way out and in, per-issue locks, per-field change stamps, pairs of comments and attachments,
 * and the error list. One implementation over Forge KVS, one in memory for the engine's unit tests.
 */
import type { FieldStamp } from '../domain/sync/conflict';
import type { SyncMessage } from '../domain/sync/message';

export type ObjectKind = 'comment' | 'attachment';

export interface ParkedMessage {
  /** This side's connection id (a message names the receiver's, which differs for same-site syncs). */
  connectionId: string;
  direction: 'out' | 'in';
  message: SyncMessage;
  reason: string;
  /** ISO time it was parked: the latest failed attempt. */
  at: string;
  /** Filled in by the store: the first failed attempt and how many there were, carried across retries. */
  firstAttemptAt?: string | undefined;
  attempts?: number | undefined;
}

export interface SyncState {
  /** The next sequence number of a local issue's messages on a connection; never handed out twice. */
  nextSeq(connectionId: string, localIssueId: string): Promise<number>;

  /** Outgoing messages are kept under this side's connection id until the partner has them. */
  putOutgoing(connectionId: string, message: SyncMessage): Promise<void>;
  getOutgoing(connectionId: string, messageId: string): Promise<SyncMessage | undefined>;
  removeOutgoing(connectionId: string, messageId: string): Promise<void>;

  /**
   * Messages still waiting, of every connection, up to `limit` of each kind: outgoing ones not yet
   * acknowledged by the partner, incoming ones not yet applied. A sweep re-queues those whose queue
   * message was lost (sandbox/forge/queues.ts shows how).
   */
  pendingOutgoing(limit: number): Promise<Array<{ connectionId: string; message: SyncMessage }>>;
  pendingIncoming(limit: number): Promise<Array<{ connectionId: string; message: SyncMessage }>>;

  /**
   * Product events whose capture failed past Forge's retries, kept until a queued retry captures them
   * (the event's raw payload, under 200 kB as Forge delivers it).
   */
  putDeferredEvent(id: string, event: unknown): Promise<void>;
  getDeferredEvent(id: string): Promise<unknown>;
  removeDeferredEvent(id: string): Promise<void>;
  pendingDeferredEvents(limit: number): Promise<string[]>;

  /** Keeps an incoming message once: a second copy (same connection, origin issue and seq) is a duplicate. */
  putIncoming(message: SyncMessage): Promise<'new' | 'duplicate'>;
  getIncoming(connectionId: string, originIssueId: string, seq: number): Promise<SyncMessage | undefined>;
  removeIncoming(connectionId: string, originIssueId: string, seq: number): Promise<void>;
  /** Up to when the catch-up sweep has looked for changes whose product event never came (epoch ms). */
  catchUpCursor(connectionId: string): Promise<number | undefined>;
  setCatchUpCursor(connectionId: string, at: number): Promise<void>;
  /** Where the deletion sweep's round of the sync's pairs goes on (a pair-list cursor; undefined: a round starts). */
  sweepCursor(connectionId: string): Promise<string | undefined>;
  setSweepCursor(connectionId: string, cursor: string | undefined): Promise<void>;

  /** Whether a message of this origin issue with a seq above `seq` is stored (so `seq` is a gap, not the end). */
  hasIncomingAfter(connectionId: string, originIssueId: string, seq: number): Promise<boolean>;
  /** When a gap at `seq` was first seen (`since`, the first time it is asked: usually now). */
  gapSince(connectionId: string, originIssueId: string, seq: number, since: number): Promise<number>;
  /** The last seq applied (or skipped) for a partner issue; 0 when none. */
  lastApplied(connectionId: string, originIssueId: string): Promise<number>;
  setLastApplied(connectionId: string, originIssueId: string, seq: number): Promise<void>;

  /** A short-lived exclusive claim on applying a partner issue's messages; false when someone holds it. */
  tryLock(connectionId: string, originIssueId: string, ttlSeconds: number): Promise<boolean>;
  unlock(connectionId: string, originIssueId: string): Promise<void>;

  /** When each field of a local issue last changed, and on which side (for newest-wins). */
  stamps(connectionId: string, localIssueId: string): Promise<Record<string, FieldStamp>>;
  setStamps(connectionId: string, localIssueId: string, stamps: Record<string, FieldStamp>): Promise<void>;

  /** Comment and attachment pairs: this side's id ↔ the partner's id. */
  putObjectPair(connectionId: string, kind: ObjectKind, localId: string, partnerId: string): Promise<void>;
  localObject(connectionId: string, kind: ObjectKind, partnerId: string): Promise<string | undefined>;
  partnerObject(connectionId: string, kind: ObjectKind, localId: string): Promise<string | undefined>;
  removeObjectPair(connectionId: string, kind: ObjectKind, localId: string): Promise<void>;

  /** The connection's error list. */
  park(entry: ParkedMessage): Promise<void>;
  listParked(connectionId: string): Promise<ParkedMessage[]>;
  getParked(connectionId: string, direction: 'out' | 'in', messageId: string): Promise<ParkedMessage | undefined>;
  /**
   * Takes a message off the list. `retrying` keeps its first attempt and count, so parking it again
   * continues them (kept 30 days); otherwise they are forgotten with it.
   */
  unpark(connectionId: string, direction: 'out' | 'in', messageId: string, retrying?: boolean): Promise<void>;
  /** Whether an incoming message of this origin issue is parked (later ones wait behind it). */
  isBlocked(connectionId: string, originIssueId: string): Promise<boolean>;
}
