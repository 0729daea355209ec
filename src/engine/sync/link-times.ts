/**
 * Newest wins for links, judged by Jira's own record. A link event carries no time, and a late event's
 * capture (or a sweep's) is not when the link changed; but Jira notes each link made or removed in both
 * issues' history (field "Link": the other issue's key in `to` when made, in `from` when removed). Both
 * sides compare the same two history times, so a link made on one side and removed on the other ends the
 * same way on both. One changelog request per call.
 */
import { jiraTime } from '../../domain/sync/event';
import { changelogs } from '../../jira/changelog';
import type { SyncDeps } from './deps';

const LINKS_FIELD = 'issuelinks';

/** When a person (not an app) last made, or removed, a link between `issueId` and the issue keyed `otherKey`. */
export async function lastLinkChange(deps: Pick<SyncDeps, 'jira'>, issueId: string, otherKey: string, change: 'made' | 'removed'): Promise<number | undefined> {
  const histories = (await changelogs(deps.jira, [issueId], [LINKS_FIELD])).get(issueId) ?? [];
  let latest: number | undefined;
  for (const h of histories) {
    if (h.author?.accountType === 'app') continue;
    const at = jiraTime(h.created);
    if (at === undefined) continue;
    const named = h.items.some((i) => (i.fieldId ?? i.field) === LINKS_FIELD && (change === 'made' ? i.to === otherKey : i.from === otherKey));
    if (named && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
}
