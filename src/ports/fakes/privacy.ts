/**
 * In-memory personal data reporting for the engine's unit suites: Atlassian's reporting API as a world a test
 * can close accounts in, an audit log whose entries can be rewritten, and the run's ledger.
 */
import { AUDIT_PAGE_DEFAULT, AUDIT_RETENTION_DAYS, AuditEntry, AuditListOptions, type AuditLog } from '../health';
import {
  LEDGER_BATCH_MAX, LedgerEntry, ReportBatch,
  type AccountUpdate, type AuditRecord, type AuditRecords, type PersonalDataReporter, type PrivacyLedger, type ReportAnswer, type ReportedAccount,
} from '../privacy';

/** The reporting API's side of the world: which accounts are closed, whose profile changed when, and throttling. */
export interface ReportingWorld {
  /** The account is closed from now on: every report of it answers `closed`. */
  close(accountId: string): void;
  /** The account's profile changed at `at` (epoch ms): a report with an older `updatedAt` answers `updated`. */
  changeProfile(accountId: string, at: number): void;
  /** The next request answers 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(retryAfterSeconds: number): void;
}

/** Answers as Atlassian documents the API: closed wins, then updated; nothing to say is an empty list (204). */
export class MemoryReporter implements PersonalDataReporter, ReportingWorld {
  private readonly closed = new Set<string>();
  private readonly changed = new Map<string, number>();
  private readonly throttles: number[] = [];
  /** Every request that reached the API, in order (a throttled one too). */
  readonly requests: ReportedAccount[][] = [];

  close(accountId: string): void { this.closed.add(accountId); }
  changeProfile(accountId: string, at: number): void { this.changed.set(accountId, at); }
  throttleNext(retryAfterSeconds: number): void { this.throttles.push(retryAfterSeconds); }

  async report(accounts: readonly ReportedAccount[]): Promise<ReportAnswer> {
    const batch = ReportBatch.parse(accounts);
    this.requests.push(structuredClone(batch));
    const throttled = this.throttles.shift();
    if (throttled !== undefined) return { kind: 'retry', afterSeconds: throttled, reason: 'HTTP 429' };
    const updates = batch.flatMap((a): AccountUpdate[] => {
      if (this.closed.has(a.accountId)) return [{ accountId: a.accountId, status: 'closed' }];
      const changedAt = this.changed.get(a.accountId);
      return changedAt !== undefined && changedAt > Date.parse(a.updatedAt) ? [{ accountId: a.accountId, status: 'updated' }] : [];
    });
    return { kind: 'answered', updates };
  }
}

interface Held {
  entry: AuditEntry;
  ms: number;
  seq: number;
  /** Epoch ms the entry lapses at: AUDIT_RETENTION_DAYS after it was first recorded, as the KVS TTL. */
  expiresAt: number;
}

const DAY_MS = 86_400_000;
/** Keys in recording order within a connection; the digits keep string order and number order alike. */
const keyOf = (connectionId: string, seq: number) => `audit:${connectionId}:${String(seq).padStart(12, '0')}`;

/**
 * An AuditLog whose entries are also AuditRecords: the engine appends through one face and rewrites through
 * the other, as the KVS adapters do over one store. `now` is when entries are recorded and read, for expiry.
 */
export class MemoryAuditRecords implements AuditLog, AuditRecords {
  private readonly held = new Map<string, Held>();
  private recorded = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async record(entry: AuditEntry): Promise<void> {
    const valid = AuditEntry.parse(entry);
    const seq = ++this.recorded;
    this.held.set(keyOf(valid.connectionId, seq), { entry: structuredClone(valid), ms: Date.parse(valid.at), seq, expiresAt: this.now() + AUDIT_RETENTION_DAYS * DAY_MS });
  }

  async list(connectionId: string, options: { cursor?: string; limit?: number } = {}): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    const { cursor, limit = AUDIT_PAGE_DEFAULT } = AuditListOptions.parse(options);
    const newestFirst = (a: Held, b: Held) => b.ms - a.ms || b.seq - a.seq;
    const all = this.live().filter((h) => h.entry.connectionId === connectionId).sort(newestFirst);
    const start = cursor === undefined ? 0 : all.findIndex((h) => `${h.ms}:${h.seq}` === cursor) + 1;
    if (start === 0 && cursor !== undefined) throw new Error(`Not an audit cursor this log returned: ${cursor}`);
    const page = all.slice(start, start + limit);
    const last = page[page.length - 1];
    const entries = page.map((h) => structuredClone(h.entry));
    return start + limit < all.length && last ? { entries, cursor: `${last.ms}:${last.seq}` } : { entries };
  }

  async clear(connectionId: string): Promise<void> {
    for (const [key, h] of this.held) if (h.entry.connectionId === connectionId) this.held.delete(key);
  }

  async page(cursor: string | undefined, limit: number): Promise<{ records: AuditRecord[]; cursor?: string }> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error(`An audit page holds 1 to 100 records, not ${limit}`);
    const keys = [...this.held.keys()].filter((k) => this.isLive(k) && (cursor === undefined || k > cursor)).sort();
    const page = keys.slice(0, limit);
    const records = page.map((key) => ({ key, value: structuredClone(this.held.get(key)!.entry) as unknown }));
    return keys.length > limit ? { records, cursor: page[page.length - 1]! } : { records };
  }

  async replace(key: string, value: unknown): Promise<boolean> {
    const held = this.held.get(key);
    if (!held || !this.isLive(key)) return false;
    // The lapse time stays: a rewrite is not a new entry.
    this.held.set(key, { ...held, entry: AuditEntry.parse(value) });
    return true;
  }

  /** Every live entry (tests read what was rewritten). */
  entries(): AuditEntry[] {
    return this.live().sort((a, b) => a.seq - b.seq).map((h) => structuredClone(h.entry));
  }

  private live(): Held[] {
    return [...this.held.entries()].filter(([key]) => this.isLive(key)).map(([, h]) => h);
  }

  private isLive(key: string): boolean {
    const held = this.held.get(key);
    return held !== undefined && held.expiresAt > this.now();
  }
}

export class MemoryPrivacyLedger implements PrivacyLedger {
  private state: unknown;
  private readonly ledger = new Map<string, LedgerEntry>();

  async cycle(): Promise<unknown> { return structuredClone(this.state); }
  async saveCycle(state: unknown): Promise<void> { this.state = structuredClone(state); }

  async entries(accountIds: readonly string[]): Promise<LedgerEntry[]> {
    batchOf(accountIds.length);
    return [...new Set(accountIds)].flatMap((id) => { const e = this.ledger.get(id); return e ? [structuredClone(e)] : []; });
  }

  async put(entries: readonly LedgerEntry[]): Promise<void> {
    batchOf(entries.length);
    for (const e of entries) this.ledger.set(e.accountId, LedgerEntry.parse(e));
  }

  async page(cursor: string | undefined, limit: number): Promise<{ entries: LedgerEntry[]; cursor?: string }> {
    if (!Number.isInteger(limit) || limit < 1 || limit > LEDGER_BATCH_MAX) throw new Error(`A ledger page holds 1 to ${LEDGER_BATCH_MAX} entries, not ${limit}`);
    const ids = [...this.ledger.keys()].filter((id) => cursor === undefined || id > cursor).sort();
    const page = ids.slice(0, limit);
    const entries = page.map((id) => structuredClone(this.ledger.get(id)!));
    return ids.length > limit ? { entries, cursor: page[page.length - 1]! } : { entries };
  }

  async forget(accountIds: readonly string[]): Promise<void> {
    batchOf(accountIds.length);
    for (const id of accountIds) this.ledger.delete(id);
  }

  /** Every entry (tests). */
  all(): LedgerEntry[] {
    return [...this.ledger.values()].map((e) => structuredClone(e));
  }
}

function batchOf(n: number): void {
  if (n > LEDGER_BATCH_MAX) throw new Error(`At most ${LEDGER_BATCH_MAX} ledger entries per call, not ${n}`);
}
