/** Per-connection health counters and the audit log of what Lockstep changed and who configured what. */
import { z } from 'zod';

export const HEALTH_COUNTERS = ['sent', 'received', 'applied', 'failed', 'retried'] as const;
export type HealthCounter = (typeof HEALTH_COUNTERS)[number];

export interface ConnectionHealth {
  connectionId: string;
  counts: Record<HealthCounter, number>;
  /** ISO time of the last message sent and the last one applied here, if any. */
  lastSentAt: string | null;
  lastAppliedAt: string | null;
  /** Milliseconds from a change on the partner to its application here, for the last message applied. */
  lagMs: number | null;
  /** Activity in HEALTH_BUCKET_MS buckets over the last HEALTH_HISTORY_MS before the newest one, oldest first; empty buckets are left out. */
  history: HealthBucket[];
}

/** One bucket of a connection's activity: the counters bumped in it and the largest lag applied in it. */
export interface HealthBucket {
  /** ISO start of the bucket. */
  at: string;
  sent: number;
  received: number;
  applied: number;
  failed: number;
  retried: number;
  maxLagMs: number | null;
}

/** Buckets of five minutes, kept for a day: at most 288 per connection. */
export const HEALTH_BUCKET_MS = 5 * 60_000;
export const HEALTH_HISTORY_MS = 24 * 60 * 60_000;

export interface HealthStore {
  /** Adds to counters (concurrent calls must not lose counts); `appliedLagMs` records lag of an applied message. */
  bump(connectionId: string, counts: Partial<Record<HealthCounter, number>>, at: number, appliedLagMs?: number): Promise<void>;
  get(connectionId: string): Promise<ConnectionHealth>;
  /** Forgets a deleted connection's counters. */
  clear(connectionId: string): Promise<void>;
}

export const AuditEntry = z.object({
  connectionId: z.string().min(1),
  /** ISO time. */
  at: z.iso.datetime(),
  /** accountId of the admin for configuration changes; 'lockstep' for writes the app made. */
  actor: z.string().min(1),
  action: z.enum([
    'connection.created', 'connection.state', 'connection.deleted', 'connection.key-rotated', 'config.changed',
    'issue.created', 'issue.updated', 'issue.deleted', 'issue.transitioned',
    'comment.created', 'comment.updated', 'comment.deleted',
    'attachment.created', 'attachment.deleted', 'link.created', 'link.deleted',
    'message.parked', 'message.retried', 'message.skipped',
    'config.exported', 'pairs.exported', 'pairs.imported', 'job.started', 'job.finished', 'job.cancelled',
  ]),
  /** Issue key or other object the entry is about. */
  target: z.string().max(200).nullable(),
  detail: z.string().max(2000),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(connectionId: string, options?: { cursor?: string; limit?: number }): Promise<{ entries: AuditEntry[]; cursor?: string }>;
  /** Removes every entry of a connection. */
  clear(connectionId: string): Promise<void>;
}

/** How long audit entries are kept. */
export const AUDIT_RETENTION_DAYS = 90;

/** Most audit entries one `list` call returns: a Forge query page holds at most 100 items. */
export const AUDIT_PAGE_MAX = 100;
/** Entries per page when the caller does not say. */
export const AUDIT_PAGE_DEFAULT = 50;

/** The options of `AuditLog.list`, checked. */
export const AuditListOptions = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
});

/** The last millisecond of year 9999: later times have no plain ISO form. */
export const LATEST_ISO_MS = 253_402_300_799_999;

/** One `HealthStore.bump` call, checked: whole non-negative counts, a Unix-ms time, a non-negative lag. */
export const HealthBump = z.object({
  connectionId: z.string().min(1),
  counts: z.partialRecord(z.enum(HEALTH_COUNTERS), z.number().int().nonnegative()),
  at: z.number().int().nonnegative().max(LATEST_ISO_MS),
  appliedLagMs: z.number().nonnegative().finite().optional(),
});
export type HealthBump = z.infer<typeof HealthBump>;

/** The health of a connection nothing has been counted for yet. */
export function emptyHealth(connectionId: string): ConnectionHealth {
  const counts = Object.fromEntries(HEALTH_COUNTERS.map((c) => [c, 0])) as Record<HealthCounter, number>;
  return { connectionId, counts, lastSentAt: null, lastAppliedAt: null, lagMs: null, history: [] };
}

/**
 * Health after one bump: counts add up; the send and apply times only move forward, so bumps that
 * arrive out of order agree; the lag is that of the newest applied message that reported one.
 */
export function addBump(health: ConnectionHealth, bump: HealthBump): ConnectionHealth {
  const counts = { ...health.counts };
  for (const counter of HEALTH_COUNTERS) counts[counter] += bump.counts[counter] ?? 0;
  const at = new Date(bump.at).toISOString();
  const applied = (bump.counts.applied ?? 0) > 0 || bump.appliedLagMs !== undefined;
  const newestApplied = applied && isNotBefore(at, health.lastAppliedAt);
  return {
    connectionId: health.connectionId,
    counts,
    lastSentAt: (bump.counts.sent ?? 0) > 0 && isNotBefore(at, health.lastSentAt) ? at : health.lastSentAt,
    lastAppliedAt: newestApplied ? at : health.lastAppliedAt,
    lagMs: newestApplied && bump.appliedLagMs !== undefined ? bump.appliedLagMs : health.lagMs,
    history: addToHistory(health.history, bump),
  };
}

/** The history with the bump counted in its bucket; buckets a day older than the newest fall off. */
function addToHistory(history: readonly HealthBucket[], bump: HealthBump): HealthBucket[] {
  const start = Math.floor(bump.at / HEALTH_BUCKET_MS) * HEALTH_BUCKET_MS;
  const at = new Date(start).toISOString();
  const buckets = history.map((b) => ({ ...b }));
  let bucket = buckets.find((b) => b.at === at);
  if (!bucket) {
    bucket = { at, sent: 0, received: 0, applied: 0, failed: 0, retried: 0, maxLagMs: null };
    buckets.push(bucket);
    buckets.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
  for (const counter of HEALTH_COUNTERS) bucket[counter] += bump.counts[counter] ?? 0;
  if (bump.appliedLagMs !== undefined) bucket.maxLagMs = Math.max(bucket.maxLagMs ?? 0, bump.appliedLagMs);
  const newest = Date.parse(buckets[buckets.length - 1]!.at);
  return buckets.filter((b) => Date.parse(b.at) > newest - HEALTH_HISTORY_MS);
}

/** The buckets of the day before `now`: what the settings page charts. */
export function recentHistory(health: ConnectionHealth, now: number): HealthBucket[] {
  return health.history.filter((b) => Date.parse(b.at) > now - HEALTH_HISTORY_MS);
}

function isNotBefore(iso: string, than: string | null): boolean {
  return than === null || Date.parse(iso) >= Date.parse(than);
}
