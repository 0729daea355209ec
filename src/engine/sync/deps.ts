/** Everything the sync engine talks to, as ports: one object handed to each step. */
import type { SyncConfig } from '../../domain/config/schema';
import type { ConnectionDirectory } from '../../ports/connections';
import type { AuditLog, HealthStore } from '../../ports/health';
import type { IntentStore } from '../../ports/intents';
import type { JiraTransport } from '../../ports/jira';
import type { PairStore } from '../../ports/pairs';
import type { PartnerTransport, WorkQueue } from '../../ports/relay';
import type { SyncState } from '../../ports/sync';

export interface SyncDeps {
  connections: ConnectionDirectory;
  pairs: PairStore;
  state: SyncState;
  /** Write-ahead intents that make creates safe to repeat after a crash (docs/decisions/0017-crash-safe-creates.md). */
  intents: IntentStore;
  health: HealthStore;
  audit: AuditLog;
  /** Jira as the app itself: every write Lockstep makes, so `ignoreSelf` keeps them from echoing. */
  jira: JiraTransport;
  /** This installation's queues: messages to deliver, and messages to apply. */
  outbox: WorkQueue;
  inbox: WorkQueue;
  partner: PartnerTransport;
  now: () => number;
  /** 0 ≤ x < 1, for back-off jitter. */
  random: () => number;
}

/**
 * The identity a side stamps its changes with, for newest-wins ties. It names this project and the
 * partner it syncs with, so the two sides differ even when both projects share a key (after a migration).
 */
export const sideOf = (config: Pick<SyncConfig, 'local' | 'partner'>): string => `${config.local.projectKey}<${config.partner.site}/${config.partner.projectKey}`;
