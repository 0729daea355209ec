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
}

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
    'connection.created', 'connection.state', 'connection.deleted', 'config.changed',
    'issue.created', 'issue.updated', 'issue.deleted', 'issue.transitioned',
    'comment.created', 'comment.updated', 'comment.deleted',
    'attachment.created', 'attachment.deleted', 'link.created', 'link.deleted',
    'message.parked', 'message.retried', 'message.skipped',
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
