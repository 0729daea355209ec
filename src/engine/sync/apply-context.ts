/** What applying one partner change works with and answers, shared by the issue and the object appliers. */
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import type { FieldStamp } from '../../domain/sync/conflict';
import type { SyncMessage } from '../../domain/sync/message';
import type { AuditEntry } from '../../ports/health';
import type { SyncDeps } from './deps';

export type ApplyOutcome = { status: 'applied'; detail: string } | { status: 'failed'; reason: string };

/** Where a change comes from: the partner's issue and side, when it happened, and this side's issue when the partner knows it. */
export type ChangeOrigin = Pick<SyncMessage, 'origin' | 'at'> & Partial<Pick<SyncMessage, 'target'>>;

export interface ApplyContext {
  deps: SyncDeps;
  connectionId: string;
  config: SyncConfig;
  message: ChangeOrigin;
  /** This side's receiving mappings by the field id the partner keys values with (this side's id). */
  mappings: Map<string, FieldMapping>;
}

export const applied = (detail: string): ApplyOutcome => ({ status: 'applied', detail });
export const failed = (reason: string): ApplyOutcome => ({ status: 'failed', reason });

/** An audit entry by Lockstep itself for a write it made here. */
export async function audit(ctx: ApplyContext, action: AuditEntry['action'], target: string | null, detail: string): Promise<void> {
  await ctx.deps.audit.record({ connectionId: ctx.connectionId, at: new Date(ctx.deps.now()).toISOString(), actor: 'lockstep', action, target, detail: detail.slice(0, 2000) });
}

/** The stamp of the partner's change: its time and its side. */
export const incomingStamp = (message: ChangeOrigin): FieldStamp => ({ changedAt: message.at, site: message.origin.side });
