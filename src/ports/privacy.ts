/**
 * Personal data reporting (docs/decisions/0019-personal-data-reporting.md): the accountIds Lockstep stores are
 * reported to Atlassian's personal data reporting API at least once per cycle, and a closed account is erased
 * from storage. Three ports: the reporting API itself, the audit log as raw records that can be rewritten in
 * place, and the run's own bookkeeping (where a cycle stands, and one ledger entry per account found).
 */
import { z } from 'zod';

/** Atlassian takes at most 90 accounts per request (user-privacy-guidelines, "Personal data reporting API reference"). */
export const REPORT_BATCH_MAX = 90;

/** An accountId as the guide defines it: 1-128 characters, letters, digits, `-` and `:`. */
export const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;
export const AccountId = z.string().regex(ACCOUNT_ID, 'an Atlassian accountId');

/** One account reported: its id and when the personal data held for it was retrieved (RFC 3339). */
export const ReportedAccount = z.object({ accountId: AccountId, updatedAt: z.iso.datetime() });
export type ReportedAccount = z.infer<typeof ReportedAccount>;

/** One request's accounts: at least one, at most REPORT_BATCH_MAX, each once. */
export const ReportBatch = z.array(ReportedAccount).min(1).max(REPORT_BATCH_MAX)
  .refine((accounts) => new Set(accounts.map((a) => a.accountId)).size === accounts.length, { message: 'each account once per request' });

/** What Atlassian says of an account: `closed` (erase it) or `updated` (the copy held is stale). */
export const AccountUpdate = z.object({ accountId: z.string().min(1), status: z.enum(['closed', 'updated']) });
export type AccountUpdate = z.infer<typeof AccountUpdate>;

/**
 * The answer to one request. `retry`: rate-limited (429 with Retry-After), the service down (5xx), or any
 * failure that may pass; nothing was learnt, the same accounts go again later. `refused`: the request itself
 * was malformed (400); sending it again cannot help.
 */
export type ReportAnswer =
  | { kind: 'answered'; updates: AccountUpdate[] }
  | { kind: 'retry'; afterSeconds: number; reason: string }
  | { kind: 'refused'; reason: string };

export interface PersonalDataReporter {
  /** Reports one batch (ReportBatch: 1 to 90 accounts) in one request. */
  report(accounts: readonly ReportedAccount[]): Promise<ReportAnswer>;
}

/** One audit entry as stored: its storage key and its value, unparsed (an older version's entry may not parse). */
export interface AuditRecord {
  key: string;
  value: unknown;
}

/**
 * The audit log of every connection, as records: paged in storage order, and rewritten in place. The
 * AuditLog port appends and lists per connection; erasing an account from entries already written needs this.
 */
export interface AuditRecords {
  /** One page of at most `limit` entries (1 to 100) of every connection; a cursor while more follow. */
  page(cursor: string | undefined, limit: number): Promise<{ records: AuditRecord[]; cursor?: string }>;
  /**
   * Replaces the value of an entry, keeping when it expires (its 90 days run from when it was first written);
   * false, writing nothing, when the entry is gone (expired or its sync deleted).
   */
  replace(key: string, value: unknown): Promise<boolean>;
}

/** What the ledger keeps per account found in storage during a cycle. */
export const LedgerEntry = z.object({
  accountId: AccountId,
  /** The cycle that last found the account in storage; an older one means Lockstep no longer holds it. */
  cycle: z.number().int().nonnegative(),
  /** Epoch ms of the oldest record found naming it this cycle: the age its data is reported with. */
  at: z.number().int().nonnegative(),
  /** When Atlassian said the account is closed: it is not reported again, only erased. */
  closedAt: z.number().int().nonnegative().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** Most ledger entries one `entries`, `put` or `forget` call takes, and one page holds. */
export const LEDGER_BATCH_MAX = 100;

export interface PrivacyLedger {
  /** The stored cycle state (parsed by the engine), or undefined before the first run. */
  cycle(): Promise<unknown>;
  saveCycle(state: unknown): Promise<void>;
  /** The entries of these accounts that exist (at most LEDGER_BATCH_MAX ids). */
  entries(accountIds: readonly string[]): Promise<LedgerEntry[]>;
  /** Creates or replaces entries (at most LEDGER_BATCH_MAX). */
  put(entries: readonly LedgerEntry[]): Promise<void>;
  /** Every entry, in a stable order by accountId, a page of at most `limit` (1 to LEDGER_BATCH_MAX) at a time. */
  page(cursor: string | undefined, limit: number): Promise<{ entries: LedgerEntry[]; cursor?: string }>;
  /** Removes entries (at most LEDGER_BATCH_MAX); unknown ids are fine. */
  forget(accountIds: readonly string[]): Promise<void>;
}
