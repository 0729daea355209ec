/**
 * Where personal data reporting stands, kept between runs (one record): a cycle gathers the accounts held,
 * reports them, and erases the closed ones. Each step saves it, so a run cut short or answered 429 goes on
 * from the same place in the next run.
 */
import { z } from 'zod';
import { AccountId } from '../../ports/privacy';

/** Atlassian's default cycle period: each account is reported once per 7 days (user-privacy-guidelines). */
export const CYCLE_MS = 7 * 24 * 60 * 60_000;
/** While a closed account is still named by a record that could not be changed yet (a running job), erasure runs again this often. */
export const ERASE_AGAIN_MS = 6 * 60 * 60_000;
/** Closed accounts one cycle erases; more are reported again (still closed) next cycle. Keeps the state record far below 240 KiB. */
export const CLOSED_MAX = 1000;

/** The record families that hold accountIds, scanned in this order: the audit log last, so entries the erasure itself writes are scrubbed in the same round. */
export const FAMILIES = ['config', 'job', 'parked', 'deferred', 'audit'] as const;
export const Family = z.enum(FAMILIES);
export type Family = z.infer<typeof Family>;

/** A scan's place: the family, and after which connection id, deferred event id or audit cursor it goes on. */
export const ScanPosition = z.object({ family: Family, after: z.string().optional() });
export type ScanPosition = z.infer<typeof ScanPosition>;

const count = z.number().int().nonnegative();
export const Counts = z.object({
  /** Distinct accounts found held. */
  found: count,
  reported: count,
  updated: count,
  closed: count,
  /** Accounts in batches the API refused as malformed (400). */
  refused: count,
  erased: z.object({ configs: count, audit: count, jobs: count, parked: count, deferred: count }),
});
export type Counts = z.infer<typeof Counts>;

export const Phase = z.enum(['idle', 'gather', 'report', 'erase']);
export type Phase = z.infer<typeof Phase>;

export const CycleState = z.object({
  v: z.literal(1),
  /** The cycle's start (epoch ms), also its number: ledger entries name the cycle that found them. 0 before the first. */
  cycle: count,
  phase: Phase,
  /** Gather and erase: where the scan goes on. */
  scan: ScanPosition.optional(),
  /** Report: the ledger page to report next. */
  ledgerCursor: z.string().optional(),
  /** The reporting API asked to wait (429 or unavailable): nothing is sent before this (epoch ms). */
  retryAt: count.optional(),
  /** Accounts Atlassian said are closed, to erase. */
  closed: z.array(AccountId).max(CLOSED_MAX),
  /** Of those, the ones a record still names that this round could not change; erased again later. */
  pending: z.array(AccountId).max(CLOSED_MAX),
  /** When to run the erasure again for the pending ones (epoch ms). */
  eraseAgainAt: count.optional(),
  counts: Counts,
  /** When the last cycle finished (epoch ms). */
  finishedAt: count.optional(),
});
export type CycleState = z.infer<typeof CycleState>;

export const zeroCounts = (): Counts => ({ found: 0, reported: 0, updated: 0, closed: 0, refused: 0, erased: { configs: 0, audit: 0, jobs: 0, parked: 0, deferred: 0 } });

export const initialState = (): CycleState => ({ v: 1, cycle: 0, phase: 'idle', closed: [], pending: [], counts: zeroCounts() });

/** The stored state, or a fresh one when none is stored or this version cannot read it (the next cycle starts at once). */
export function readState(raw: unknown): CycleState {
  if (raw === undefined) return initialState();
  const parsed = CycleState.safeParse(raw);
  if (!parsed.success) console.warn(`[lockstep-privacy] unreadable cycle state, starting afresh: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? parsed.data : initialState();
}

/** What the run does next at `now`, from an idle state: start a cycle, erase the pending accounts again, or nothing. */
export function nextFromIdle(state: CycleState, now: number): 'cycle' | 'erase' | undefined {
  if (now >= state.cycle + CYCLE_MS) return 'cycle';
  if (state.closed.length > 0 && state.eraseAgainAt !== undefined && now >= state.eraseAgainAt) return 'erase';
  return undefined;
}
