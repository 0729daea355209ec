/**
 * Newest wins, checked against Jira itself: a person's change here whose product event has not been
 * captured yet (Jira delivers events up to 30 minutes late) has no stamp, so the stamps alone would let
 * an older partner change overwrite it. Before writing, the issue's changelog for just those fields says
 * which a person changed here later than the incoming change. One request per 10 fields.
 */
import { jiraTime } from '../../domain/sync/event';
import { CHANGELOG_FIELDS, changelogs } from '../../jira/changelog';
import type { SyncDeps } from './deps';

/** The fields (of `fieldIds`) a person changed on this issue after `since`, with when they last did. */
export async function changedHereSince(deps: Pick<SyncDeps, 'jira'>, issueId: string, fieldIds: readonly string[], since: number): Promise<Map<string, number>> {
  const newer = new Map<string, number>();
  for (let i = 0; i < fieldIds.length; i += CHANGELOG_FIELDS) {
    const asked = fieldIds.slice(i, i + CHANGELOG_FIELDS);
    const histories = (await changelogs(deps.jira, [issueId], asked)).get(issueId) ?? [];
    for (const h of histories) {
      const at = jiraTime(h.created) ?? 0;
      // Lockstep's own writes (and other apps') are not a person's change here.
      if (at <= since || h.author?.accountType === 'app') continue;
      for (const item of h.items) {
        const id = item.fieldId ?? item.field;
        if (asked.includes(id)) newer.set(id, Math.max(newer.get(id) ?? 0, at));
      }
    }
  }
  return newer;
}
