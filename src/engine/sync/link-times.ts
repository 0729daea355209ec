/**
 * Newest wins for links, judged by Jira's own record. A link event carries no time, and a late event's
 * capture (or a sweep's) is not when the link changed; but Jira notes each link made or removed in both
 * issues' history (field "Link": the other issue's key in `to` when made, in `from` when removed, and a
 * text with the type's phrase for that end, "This issue blocks SUP-2"). Both sides compare the same two
 * history times, so a link made on one side and removed on the other ends the same way on both. The
 * phrase tells the two directions apart, except for a type whose two phrases are the same ("relates
 * to"): its directions are one relationship (see symmetric below). One changelog request per call.
 */
import { jiraTime } from '../../domain/sync/event';
import { changelogs } from '../../jira/changelog';
import type { LinkType } from '../../jira/client';
import type { SyncDeps } from './deps';

/** A type whose two ends read alike ("relates to"): A→B and B→A are one relationship, carried and removed as one. */
export const symmetric = (type: LinkType | undefined): boolean => type !== undefined && type.inward === type.outward;

const LINKS_FIELD = 'issuelinks';

/**
 * When a person (not an app) last made, or removed, a link of `type` from `issueId` (its inward end) to the
 * issue keyed `otherKey`. The inward end's history says the type's outward phrase.
 */
export async function lastLinkChange(deps: Pick<SyncDeps, 'jira'>, issueId: string, otherKey: string, type: LinkType | undefined, change: 'made' | 'removed'): Promise<number | undefined> {
  const histories = (await changelogs(deps.jira, [issueId], [LINKS_FIELD])).get(issueId) ?? [];
  let latest: number | undefined;
  for (const h of histories) {
    if (h.author?.accountType === 'app') continue;
    const at = jiraTime(h.created);
    if (at === undefined) continue;
    const named = h.items.some((i) => (i.fieldId ?? i.field) === LINKS_FIELD && (change === 'made' ? i.to === otherKey : i.from === otherKey)
      // Without the type (a site that no longer has it), any link between the two counts: the safer side of newest-wins.
      && (!type || (change === 'made' ? i.toText : i.fromText)?.includes(` ${type.outward} `) !== false));
    if (named && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
}
