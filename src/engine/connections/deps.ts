/** The ports the connection use cases (invite, accept, same-site, state, delete) take, through one object. */
import type { SiteIdentity } from '../../domain/connections/site';
import type { ConnectionDirectory } from '../../ports/connections';
import type { AuditEntry, AuditLog, HealthStore } from '../../ports/health';
import type { LinkStore } from '../../ports/links';
import type { PairStore } from '../../ports/pairs';
import type { PartnerTransport } from '../../ports/relay';
import type { CleanupQueue, ConnectionData } from '../../ports/cleanup';
import type { ClaimStore } from '../../ports/claims';

/** This installation as a partner sees it. */
export interface LocalSite {
  identity: SiteIdentity;
  /** Its partner-inbox web trigger URL. */
  inboxUrl: string;
}

export interface ConnectionsDeps {
  connections: ConnectionDirectory;
  links: LinkStore;
  /** Posts handshake and control requests to a partner's web trigger. */
  partner: PartnerTransport;
  pairs: Pick<PairStore, 'removeSome'>;
  health: Pick<HealthStore, 'clear'>;
  audit: Pick<AuditLog, 'record' | 'clear'>;
  /** Where the rest of a deleted connection's pairs and data are removed, in the background. */
  cleanup: CleanupQueue;
  /** Signatures already received (replay protection) and the key-rotation lock. */
  claims: ClaimStore;
  /** The rest of what a connection holds: sync state, errors, jobs and their texts. */
  data: Pick<ConnectionData, 'removeSome'>;
  /** Who and where this installation is; looked up only by the steps that need it. */
  localSite: () => Promise<LocalSite>;
  now: () => number;
}

/** An HTTP request to the partner-inbox web trigger, as the engine reads it. */
export interface InboundRequest {
  method: string;
  header: (name: string) => string;
  body: string;
}

export interface InboundResult {
  status: number;
  body: unknown;
}

/** The actor of entries the app records on its own (a partner's message, not a person here). */
export const APP_ACTOR = 'lockstep';

export async function audit(deps: Pick<ConnectionsDeps, 'audit' | 'now'>, connectionId: string, actor: string, action: AuditEntry['action'], detail: string): Promise<void> {
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor, action, target: null, detail: detail.slice(0, 2000) });
}
