/**
 * "Sync existing issues" as the Migration tab shows it: what it does, whether this sync can run it, and
 * which earlier run the section picks up. Pure wording, unit-tested.
 */
import type { JobView, SettingsSync } from '../../../shared/types';
import { isAwaitingPartner } from '../list/syncActions';
import { latestJob } from './jobs';

export const INITIAL_SYNC_TITLE = 'Sync existing issues';
export const INITIAL_SYNC_BUTTON = 'Share existing issues';

/** What the job does, for `partner` ("DEV on beta"). */
export function initialSyncHelp(partner: string): string {
  return (
    `Issues that were in this project before the sync started are shared only once they change. This creates a copy of each unpaired issue in ${partner} ` +
    'and pairs them: parents before their sub-tasks, in bulk (about 5 Jira requests per 100 issues, plus 2 for each issue not in its first status). ' +
    'Issues already paired are left as they are, so running it again only shares what is still unpaired.'
  );
}

/** Why the job cannot run for this sync now, or null when it can. */
export function initialSyncUnavailable(sync: Pick<SettingsSync, 'state' | 'partnerSite' | 'partnerProject'>): string | null {
  if (isAwaitingPartner(sync)) return 'Existing issues can be shared once the partner accepts the invitation.';
  if (sync.state === 'draft') return 'Finish setting up the sync and save its configuration first.';
  return null;
}

/** The run the section shows when the tab opens: the newest, still running or over. */
export function initialSyncJob(jobs: readonly JobView[]): JobView | null {
  return latestJob(jobs, ['initial-sync']);
}
