/**
 * Personal data reporting's storage over Forge KVS. AuditRecords: the `audit:` keys kvs-health.ts writes, of
 * every connection, paged and rewritten in place with the expiry they already had (read back as
 * EXPIRE_TIME), so an erasure never lengthens an entry's 90 days. PrivacyLedger: the cycle under
 * `privacy-cycle`, and one record per account found under `privacy-account:<accountId>`.
 */
import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { AuditEntry } from '../../ports/health';
import { LEDGER_BATCH_MAX, LedgerEntry, type AuditRecords, type PrivacyLedger } from '../../ports/privacy';

/** Every audit key starts so (kvs-health.ts: `audit:<connection>:<time>:<time>:<random>`). */
const AUDIT_PREFIX = 'audit:';
const CYCLE_KEY = 'privacy-cycle';
const ACCOUNT_PREFIX = 'privacy-account:';
/** Forge's largest query page; most keys one batch operation or transaction takes. */
const PAGE_MAX = 100;
const BATCH_MAX = 25;

const accountKey = (accountId: string): string => `${ACCOUNT_PREFIX}${accountId}`;

function pageLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new Error(`A page holds 1 to ${max} records, not ${limit}`);
  return limit;
}

/** The TTL that ends at `expireTime` (ISO), in whole seconds; undefined for a record without one, 0 for one already due. */
function remainingSeconds(expireTime: string | undefined, now: number): number | undefined {
  if (expireTime === undefined) return undefined;
  return Math.max(0, Math.floor((Date.parse(expireTime) - now) / 1000));
}

export const kvsAuditRecords: AuditRecords = {
  async page(cursor, limit) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(AUDIT_PREFIX)).limit(pageLimit(limit, PAGE_MAX));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    const records = page.results.map((r) => ({ key: r.key, value: r.value }));
    return page.nextCursor ? { records, cursor: page.nextCursor } : { records };
  },
  async replace(key, value) {
    if (!key.startsWith(AUDIT_PREFIX)) throw new Error(`Not an audit record: ${key}`);
    const entry = AuditEntry.parse(value);
    const held = await kvs.get<unknown>(key, { metadataFields: [MetadataField.EXPIRE_TIME] });
    if (held === undefined) return false;
    const ttl = remainingSeconds(held.expireTime, Date.now());
    // About to lapse anyway: a TTL cannot be zero, and a write without one would keep it for good.
    if (ttl === 0) return false;
    // A read then a write: an entry whose sync is deleted in between comes back only until its own expiry.
    await kvs.set(key, entry, ttl === undefined ? undefined : { ttl: { value: ttl, unit: 'SECONDS' } });
    return true;
  },
};

function checkBatch(n: number): void {
  if (n > LEDGER_BATCH_MAX) throw new Error(`At most ${LEDGER_BATCH_MAX} ledger entries per call, not ${n}`);
}

/** A ledger record this version cannot read is dropped: the next gather writes it afresh. */
function readEntry(key: string, value: unknown): LedgerEntry[] {
  const parsed = LedgerEntry.safeParse(value);
  if (!parsed.success) console.warn(`[lockstep-privacy] ignoring unreadable ledger record ${key}`);
  return parsed.success && key === accountKey(parsed.data.accountId) ? [parsed.data] : [];
}

export const kvsPrivacyLedger: PrivacyLedger = {
  async cycle() {
    return kvs.get<unknown>(CYCLE_KEY);
  },
  async saveCycle(state) {
    await kvs.set(CYCLE_KEY, state);
  },
  async entries(accountIds) {
    checkBatch(accountIds.length);
    const ids = [...new Set(accountIds)];
    const out: LedgerEntry[] = [];
    for (let i = 0; i < ids.length; i += BATCH_MAX) {
      const result = await kvs.batchGet<unknown>(ids.slice(i, i + BATCH_MAX).map((id) => ({ key: accountKey(id) })));
      // A key that is not there comes back as KEY_NOT_FOUND: only other failures are failures.
      const failed = result.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (failed.length > 0) throw new Error(`Forge could not read ${failed.length} ledger record(s): ${failed[0]!.error.message}`);
      out.push(...result.successfulKeys.flatMap((r) => readEntry(r.key, r.value)));
    }
    return out;
  },
  async put(entries) {
    checkBatch(entries.length);
    const valid = entries.map((e) => LedgerEntry.parse(e));
    for (let i = 0; i < valid.length; i += BATCH_MAX) {
      const result = await kvs.batchSet(valid.slice(i, i + BATCH_MAX).map((e) => ({ key: accountKey(e.accountId), value: e })));
      if (result.failedKeys.length > 0) throw new Error(`Forge could not store ${result.failedKeys.length} ledger record(s): ${result.failedKeys[0]!.error.message}`);
    }
  },
  async page(cursor, limit) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(ACCOUNT_PREFIX)).limit(pageLimit(limit, LEDGER_BATCH_MAX));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    const entries = page.results.flatMap((r) => readEntry(r.key, r.value));
    return page.nextCursor ? { entries, cursor: page.nextCursor } : { entries };
  },
  async forget(accountIds) {
    checkBatch(accountIds.length);
    const ids = [...new Set(accountIds)];
    for (let i = 0; i < ids.length; i += BATCH_MAX) {
      const tx = kvs.transact();
      for (const id of ids.slice(i, i + BATCH_MAX)) tx.delete(accountKey(id));
      await tx.execute();
    }
  },
};
