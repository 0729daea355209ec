/**
 * What the sync list and the sync page say about a sync and which actions they offer. Pure: no React,
 * so the wording and the state rules are unit-tested.
 */
import type { DeletedConnectionData, PartnerNotifiedData, SettingsSync, StateChangeData, SyncState } from '../../../shared/types';

/** What an invited connection's partner fields hold until the partner accepts (src/domain/connections/states.ts). */
export const PENDING_PARTNER = 'pending';
/** The partner site of a same-site sync. */
export const SAME_SITE = 'same';

export type SyncAction = 'start' | 'pause' | 'stop' | 'delete';

type PartnerFields = Pick<SettingsSync, 'partnerSite' | 'partnerProject'>;

/** True while an invitation has not been accepted: the partner is not known yet. */
export function isAwaitingPartner(sync: PartnerFields): boolean {
  return sync.partnerSite === PENDING_PARTNER && sync.partnerProject === PENDING_PARTNER;
}

/** "beta", or "this site" for a same-site sync. */
export function siteLabel(site: string): string {
  return site === SAME_SITE ? 'this site' : site;
}

/** "DEV on beta", "OPS on this site", or "a partner yet to accept" while an invitation is pending. */
export function partnerLabel(sync: PartnerFields): string {
  if (isAwaitingPartner(sync)) return 'a partner yet to accept';
  return `${sync.partnerProject} on ${siteLabel(sync.partnerSite)}`;
}

/** The sync list's Direction column. */
export function directionLabel(direction: string | null): string {
  return direction ?? 'Not configured';
}

export const STATE_LABEL: Record<SyncState, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
};

/** The state each state-changing action asks for. */
export const ACTION_TARGET: Record<Exclude<SyncAction, 'delete'>, SyncState> = {
  start: 'running',
  pause: 'paused',
  stop: 'stopped',
};

export const ACTION_LABEL: Record<SyncAction, string> = {
  start: 'Start',
  pause: 'Pause',
  stop: 'Stop',
  delete: 'Delete',
};

/**
 * Actions allowed from a state, mirroring the server's transitions (draft → running; running → paused or
 * stopped; paused → running or stopped; stopped → running). A pending invitation cannot start yet.
 */
export function availableActions(sync: Pick<SettingsSync, 'state'> & PartnerFields): SyncAction[] {
  const canStart = !isAwaitingPartner(sync);
  switch (sync.state) {
    case 'draft':
      return canStart ? ['start', 'delete'] : ['delete'];
    case 'running':
      return ['pause', 'stop', 'delete'];
    case 'paused':
      return ['start', 'stop', 'delete'];
    case 'stopped':
      return ['start', 'delete'];
  }
}

/** Accessible name of an action button: "Pause sync with DEV" (the key alone reads well and stays short). */
export function actionAriaLabel(action: SyncAction, sync: PartnerFields): string {
  const who = isAwaitingPartner(sync) ? 'pending invitation' : `sync with ${sync.partnerProject}`;
  return `${ACTION_LABEL[action]} ${who}`;
}

/** Actions that ask before they run. */
export function needsConfirmation(action: SyncAction): action is 'stop' | 'delete' {
  return action === 'stop' || action === 'delete';
}

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
}

export function confirmationFor(action: 'stop' | 'delete', sync: PartnerFields): Confirmation {
  const partner = partnerLabel(sync);
  if (action === 'delete') {
    return {
      title: 'Delete this sync?',
      body: `Delete the sync with ${partner}? Synced issues stay, but stop syncing. This can't be undone.`,
      confirmLabel: 'Delete',
    };
  }
  return {
    title: 'Stop this sync?',
    body: `Stop the sync with ${partner}? Changes stop flowing both ways until you start it again, which is followed by a full resync.`,
    confirmLabel: 'Stop',
  };
}

export interface Outcome {
  appearance: 'success' | 'warning';
  title: string;
  description?: string;
}

const PAST: Record<Exclude<SyncAction, 'delete'>, string> = { start: 'started', pause: 'paused', stop: 'stopped' };

function partnerWarning(partner: PartnerNotifiedData): string | undefined {
  if (partner.notified) return undefined;
  const reason = partner.reason.trim();
  return `The partner site was not told: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
}

function outcome(title: string, partner: PartnerNotifiedData, extra?: string): Outcome {
  const warning = partnerWarning(partner);
  const description = [warning, extra].filter((s): s is string => s !== undefined).join(' ');
  return {
    appearance: warning ? 'warning' : 'success',
    title,
    ...(description ? { description } : {}),
  };
}

/** The flag after a state change: success, or a warning when the partner did not hear of it. */
export function stateChangeOutcome(action: Exclude<SyncAction, 'delete'>, before: PartnerFields, result: StateChangeData): Outcome {
  return outcome(`Sync with ${partnerLabel(before)} ${PAST[action]}.`, result.partner);
}

/** The flag after a deletion. */
export function deleteOutcome(before: PartnerFields, result: DeletedConnectionData): Outcome {
  const extra = result.pairsLeft ? 'Its issue pairs are being cleaned up in the background.' : undefined;
  return outcome(`Sync with ${partnerLabel(before)} deleted.`, result.partner, extra);
}

/** The sync page's heading: "Sync with DEV on beta", "Sync with OPS on this site". */
export function syncHeading(sync: PartnerFields): string {
  if (isAwaitingPartner(sync)) return 'Sync waiting for a partner';
  return `Sync with ${partnerLabel(sync)}`;
}
