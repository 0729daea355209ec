/**
 * Which local issue is paired with which partner issue, per connection. Queried by local issue (outgoing
 * changes), by partner issue (incoming changes) and by status (the admin's error list, reconciliation).
 */
import { z } from 'zod';

export const PairStatus = z.enum(['active', 'error', 'deleted']);
export type PairStatus = z.infer<typeof PairStatus>;

export const Pair = z.object({
  connectionId: z.string().min(1),
  localIssueId: z.string().regex(/^\d{1,18}$/),
  localIssueKey: z.string().min(1),
  partnerIssueId: z.string().regex(/^\d{1,18}$/),
  partnerIssueKey: z.string().min(1),
  /** ISO times: when the pair was made, and the last message each way. */
  firstSyncAt: z.iso.datetime(),
  lastSentAt: z.iso.datetime().nullable(),
  lastReceivedAt: z.iso.datetime().nullable(),
  lastError: z.string().max(1000).nullable(),
  status: PairStatus,
});
export type Pair = z.infer<typeof Pair>;

export type PairPatch = Partial<Pick<Pair, 'localIssueKey' | 'partnerIssueKey' | 'lastSentAt' | 'lastReceivedAt' | 'lastError' | 'status'>>;

export interface PairPage {
  pairs: Pair[];
  /** Present when there are more pairs to read. */
  cursor?: string;
}

export interface PairStore {
  /** Creates or replaces the pair of `pair.localIssueId`. */
  put(pair: Pair): Promise<void>;
  /** Many pairs at once (pairing existing issues, imports); same effect as `put` for each. */
  putMany(pairs: readonly Pair[]): Promise<void>;
  byLocal(connectionId: string, localIssueId: string): Promise<Pair | undefined>;
  byPartner(connectionId: string, partnerIssueId: string): Promise<Pair | undefined>;
  /** Changes some fields of an existing pair; returns the updated pair, or undefined when there is none. */
  update(connectionId: string, localIssueId: string, patch: PairPatch): Promise<Pair | undefined>;
  /** One page of a connection's pairs, optionally only those of one status, in local issue id order. */
  list(connectionId: string, options?: { status?: PairStatus; cursor?: string; limit?: number }): Promise<PairPage>;
  remove(connectionId: string, localIssueId: string): Promise<void>;
  /** Removes up to `limit` pairs of the connection; returns how many it removed (0 when none are left). */
  removeSome(connectionId: string, limit: number): Promise<number>;
}
