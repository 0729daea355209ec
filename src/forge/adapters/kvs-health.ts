/**
 * HealthStore and AuditLog over Forge storage. Counters: one item of the custom entity `health` per
 * connection, written only if its `version` is still the one read. Audit: one KVS key per entry,
 * `audit:<connection>:<newest-first time>:<newest-first record time>:<random>`, expiring after
 * AUDIT_RETENTION_DAYS.
 */
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import {
  AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, AUDIT_RETENTION_DAYS, AuditEntry, AuditListOptions, HealthBump, LATEST_ISO_MS, addBump, emptyHealth,
  type AuditLog, type ConnectionHealth, type HealthStore,
} from '../../ports/health';

/** Matches the entity declared in manifest.yml under app.storage.entities. */
const HEALTH_ENTITY = 'health';
const MAX_ATTEMPTS = 30;
const BACKOFF_BASE_MS = 20;
const BACKOFF_CAP_MS = 400;
/** Forge takes at most 25 operations in one transaction. */
const TRANSACTION_MAX = 25;
/** Digits of an inverted time: reaches back to year 0000, the earliest an ISO time can name. */
const INVERTED_DIGITS = 15;

/**
 * A connection id as one key segment: every character but `[A-Za-z0-9._-]` becomes `#` and four hex
 * digits, so the segment holds no `:` and `audit:c1:` can never be a prefix of another connection's keys.
 */
export function keySegment(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ── health ────────────────────────────────────────────────────────────────────────────────────

// Whole numbers, declared `float` in the manifest: Forge's `integer` is 32-bit, too small for a busy connection's version.
const count = z.number().int().nonnegative();
/** The stored form: counts flat, times present only once known. */
const HealthRecord = z.object({
  sent: count, received: count, applied: count, failed: count, retried: count,
  lastSentAt: z.iso.datetime().optional(),
  lastAppliedAt: z.iso.datetime().optional(),
  lagMs: z.number().nonnegative().optional(),
  /** Buckets as [start ms, sent, received, applied, failed, retried, max lag ms or -1]: compact, a day is at most 288. */
  history: z.array(z.tuple([count, count, count, count, count, count, z.number()])).optional(),
  version: count,
});
type HealthRecord = z.infer<typeof HealthRecord>;

const healthItems = kvs.entity<HealthRecord>(HEALTH_ENTITY);

function toRecord(health: ConnectionHealth, version: number): HealthRecord {
  return {
    ...health.counts,
    ...(health.lastSentAt === null ? {} : { lastSentAt: health.lastSentAt }),
    ...(health.lastAppliedAt === null ? {} : { lastAppliedAt: health.lastAppliedAt }),
    ...(health.lagMs === null ? {} : { lagMs: health.lagMs }),
    history: health.history.map((b): [number, number, number, number, number, number, number] => [Date.parse(b.at), b.sent, b.received, b.applied, b.failed, b.retried, b.maxLagMs ?? -1]),
    version,
  };
}

function fromRecord(connectionId: string, r: HealthRecord): ConnectionHealth {
  return {
    connectionId,
    counts: { sent: r.sent, received: r.received, applied: r.applied, failed: r.failed, retried: r.retried },
    lastSentAt: r.lastSentAt ?? null,
    lastAppliedAt: r.lastAppliedAt ?? null,
    lagMs: r.lagMs ?? null,
    history: (r.history ?? []).map(([ms, sent, received, applied, failed, retried, lag]) => ({ at: new Date(ms).toISOString(), sent, received, applied, failed, retried, maxLagMs: lag < 0 ? null : lag })),
  };
}

/** The stored health and the version it was read at; `undefined` version means no item yet. */
async function readHealth(connectionId: string): Promise<{ health: ConnectionHealth; version: number | undefined }> {
  const key = keySegment(connectionId);
  const raw: unknown = await healthItems.get(key);
  if (raw === undefined) return { health: emptyHealth(connectionId), version: undefined };
  const parsed = HealthRecord.safeParse(raw);
  if (parsed.success) return { health: fromRecord(connectionId, parsed.data), version: parsed.data.version };
  // Counting restarts from zero rather than showing half-read numbers; the version still guards the rewrite.
  console.warn(`Ignoring unreadable health record ${HEALTH_ENTITY}/${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const version = (raw as { version?: unknown }).version;
  return { health: emptyHealth(connectionId), version: typeof version === 'number' ? version : undefined };
}

/** Writes the next health if nobody wrote since `version` was read; false when someone did. */
async function writeIfUnchanged(health: ConnectionHealth, version: number | undefined): Promise<boolean> {
  const unchanged = new Filter<HealthRecord>().and('version', version === undefined ? FilterConditions.notExists() : FilterConditions.equalTo(version));
  try {
    await kvs.transact()
      .set(keySegment(health.connectionId), toRecord(health, (version ?? 0) + 1), { entityName: HEALTH_ENTITY, conditions: unchanged })
      .execute();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Read by code, not class: the SDK's error class may come from another copy of @forge/kvs. */
function isConditionFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'CONDITIONAL_CHECK_FAILED';
}

/** Full jitter, so racing writers spread out instead of colliding again in step. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// One versioned item, not shards: a connection's bumps come a few at a time, so retries are rare and get/clear stay one request.
export const kvsHealth: HealthStore = {
  async bump(connectionId, counts, at, appliedLagMs) {
    const bump = HealthBump.parse({ connectionId, counts, at, appliedLagMs });
    for (let attempt = 1; ; attempt++) {
      const { health, version } = await readHealth(connectionId);
      if (await writeIfUnchanged(addBump(health, bump), version)) return;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Health of connection ${connectionId}: ${MAX_ATTEMPTS} conflicting updates in a row, giving up`);
      await sleep(backoffMs(attempt));
    }
  },
  async get(connectionId) {
    return (await readHealth(connectionId)).health;
  },
  async clear(connectionId) {
    await healthItems.delete(keySegment(connectionId));
  },
};

// ── audit ─────────────────────────────────────────────────────────────────────────────────────

const auditPrefix = (connectionId: string): string => `audit:${keySegment(connectionId)}:`;

/** Later times give smaller digits, so ascending key order is newest first. */
function inverted(ms: number): string {
  return String(LATEST_ISO_MS - ms).padStart(INVERTED_DIGITS, '0');
}

/** The random tail keeps two entries of one connection at one millisecond from overwriting each other. */
function auditKey(entry: AuditEntry, recordedAt: number): string {
  return `${auditPrefix(entry.connectionId)}${inverted(Date.parse(entry.at))}:${inverted(recordedAt)}:${randomUUID().slice(0, 8)}`;
}

/** One page of a connection's audit keys, in key order (newest first). */
async function auditPage(connectionId: string, limit: number, cursor: string | undefined): Promise<{ results: Array<{ key: string; value: unknown }>; nextCursor?: string }> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(auditPrefix(connectionId))).limit(limit);
  if (cursor) query = query.cursor(cursor);
  return query.getMany<unknown>();
}

/** A stored entry, or none with a log line when this version cannot read it. */
function readEntry(key: string, value: unknown): AuditEntry[] {
  const parsed = AuditEntry.safeParse(value);
  if (!parsed.success) console.warn(`Skipping unreadable audit record ${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? [parsed.data] : [];
}

/** Deletes keys in transactions of at most 25; deleting a key that already expired is fine. */
async function deleteAll(keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += TRANSACTION_MAX) {
    const tx = kvs.transact();
    for (const key of keys.slice(i, i + TRANSACTION_MAX)) tx.delete(key);
    await tx.execute();
  }
}

export const kvsAudit: AuditLog = {
  async record(entry) {
    const valid = AuditEntry.parse(entry);
    await kvs.set(auditKey(valid, Date.now()), valid, { ttl: { value: AUDIT_RETENTION_DAYS, unit: 'DAYS' } });
  },
  async list(connectionId, options = {}) {
    const { cursor, limit = AUDIT_PAGE_DEFAULT } = AuditListOptions.parse(options);
    // Forge's cursor is handed on as is: a page may be short and still have one, so callers follow it to the end.
    const page = await auditPage(connectionId, limit, cursor);
    const entries = page.results.flatMap((r) => readEntry(r.key, r.value));
    return page.nextCursor ? { entries, cursor: page.nextCursor } : { entries };
  },
  async clear(connectionId) {
    let cursor: string | undefined;
    do {
      const page = await auditPage(connectionId, AUDIT_PAGE_MAX, cursor);
      await deleteAll(page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
  },
};
