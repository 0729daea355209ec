/** What the panel says about a sync or an offer, and the accessible names of its controls. Pure: unit-tested. */
import { progressText } from '../../shared/progress';
import type { IssueSync, IssueSyncOffer, IssueSyncStatus } from '../../shared/types';

/** The partner site of a same-site sync (src/domain/connections/states.ts SAME_SITE). */
export const SAME_SITE = 'same';

export const NOT_SYNCED_TEXT = 'This issue is not synchronized.';
export const NO_PERMISSION_TEXT = 'You need permission to edit this issue.';

export const STATUS_LABEL: Record<IssueSyncStatus, string> = {
  'up-to-date': 'Up to date',
  pending: 'Pending',
  error: 'Error',
};

/** "this site" for a same-site sync; a site URL shortened to its host name ("https://beta.atlassian.net" → "beta.atlassian.net"). */
export function siteLabel(site: string): string {
  if (site === SAME_SITE) return 'this site';
  try {
    const url = new URL(site);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.host;
  } catch {
    // Not a URL: a site name such as "beta" is shown as it is.
  }
  return site;
}

/** "Not synced with DEV (beta)" / "Not synced with OPS (this site)". */
export function offerText(offer: IssueSyncOffer): string {
  return `Not synced with ${offer.partnerProject} (${siteLabel(offer.partnerSite)})`;
}

/** "DEV on beta": how controls of an offer name their target, so two offers' buttons differ. */
export function offerTarget(offer: IssueSyncOffer): string {
  return `${offer.partnerProject} on ${siteLabel(offer.partnerSite)}`;
}

/** "DEV-12", or "the partner issue" while it has not been created. */
export function partnerName(sync: Pick<IssueSync, 'partnerKey'>): string {
  return sync.partnerKey ?? 'the partner issue';
}

/** "Waiting for resync — 120 of 500 done, about 2 min left": a resync job of the sync has not reached this issue yet. */
export function resyncWaitingText(resync: NonNullable<IssueSync['resync']>): string {
  return `Waiting for resync — ${progressText(resync.done, resync.total, resync.etaSeconds)}`;
}

/** Accessible names of the panel's buttons; each contains the button's visible text. */
export const names = {
  copy: (partnerKey: string) => `Copy ${partnerKey}`,
  resync: (sync: Pick<IssueSync, 'partnerKey'>) => `Resync with ${partnerName(sync)}`,
  retry: (sync: Pick<IssueSync, 'partnerKey'>) => `Retry sync with ${partnerName(sync)}`,
  syncThis: (offer: IssueSyncOffer) => `Sync this issue with ${offerTarget(offer)}`,
  pair: (offer: IssueSyncOffer) => `Pair with an existing issue in ${offerTarget(offer)}`,
} as const;
