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

/** The fields `update` may change; identity fields never can. */
export const PATCHABLE = ['localIssueKey', 'partnerIssueKey', 'lastSentAt', 'lastReceivedAt', 'lastError', 'status'] as const;
export type PairPatch = Partial<Pick<Pair, (typeof PATCHABLE)[number]>>;

/** Pairs per page when the caller does not say. */
export const DEFAULT_PAIR_PAGE = 100;

/** The pair as parsed by the port's schema, or an error that names the pair and every problem. */
export function validPair(pair: Pair): Pair {
  const parsed = Pair.safeParse(pair);
  if (parsed.success) return parsed.data;
  throw new Error(`Refusing invalid pair (connection ${String(pair?.connectionId)}, local issue ${String(pair?.localIssueId)}): ${z.prettifyError(parsed.error)}`);
}

/** Only the patchable fields the patch actually sets. */
export function applyPatch(current: Pair, patch: PairPatch): Pair {
  const next: Record<string, unknown> = { ...current };
  for (const field of PATCHABLE) if (patch[field] !== undefined) next[field] = patch[field];
  return next as Pair;
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAIR_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A pair page limit must be a positive integer, received ${limit}`);
  return limit;
}

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

/** Every page of a connection's pairs, 1,000 at a time, in local issue id order. */
export async function eachPairPage(store: Pick<PairStore, 'list'>, connectionId: string, visit: (pairs: Pair[]) => void): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await store.list(connectionId, { limit: 1000, ...(cursor ? { cursor } : {}) });
    visit(page.pairs);
    cursor = page.cursor;
  } while (cursor);
}
