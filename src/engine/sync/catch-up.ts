/**
 * Catch-up: Jira may deliver a product event late (up to 30 minutes) or, rarely, not at all. Every
 * scheduled tick reads the sync's issues updated since the last sweep, up to 30 minutes ago, with their
 * change histories, comments, files and links, and captures what no event brought: a person's issue
 * never shared, field changes newer than what this side last sent or received for that field, and
 * comments, files and links changed in the window that this side never sent, and deletions of those it
 * sent whose events never came (lost-deletes.ts). Cost per sweep: one search
 * page per 100 updated issues and one changelog request per 1,000, plus the capture of what was missed.
 */
import type { FieldStamp } from '../../domain/sync/conflict';
import type { SyncEvent } from '../../domain/sync/event';
import type { SyncConfig } from '../../domain/config/schema';
import { jiraTime } from '../../domain/sync/event';
import { outgoingChanges, type ChangeItem } from '../../domain/sync/changes';
import { FIELD_PAGE, searchPage, syncJql } from '../../jira/bulk';
import { changelogs, type History } from '../../jira/changelog';
import type { IssueBean } from '../../jira/client';
import { backfillFields, backfillIssue, type ObjectFilter } from './backfill';
import { completeComments, issueObjects } from '../../jira/issue-objects';
import { captureEvent, objectStamp, SHARED } from './capture';
import { deletionKinds, sendLostDeletions } from './lost-deletes';
import type { SyncDeps } from './deps';

/** Events are trusted for this long; only changes older than this are looked for. */
export const EVENT_GRACE_MS = 30 * 60_000;
/** A sweep reads at most this many issues; the cursor then stops at the last one's update. */
const MAX_ISSUES = 500;

export type CatchUpResult = { checked: number; shared: number; resent: number; objects: number } | { skipped: string };

export async function catchUp(deps: SyncDeps, connectionId: string): Promise<CatchUpResult> {
  const [summary, config] = await Promise.all([deps.connections.get(connectionId), deps.connections.config(connectionId)]);
  if (!summary || !config || summary.state !== 'running') return { skipped: 'the sync is not running' };
  const to = deps.now() - EVENT_GRACE_MS;
  const from = (await deps.state.catchUpCursor(connectionId)) ?? to;
  if (to <= from) {
    if ((await deps.state.catchUpCursor(connectionId)) === undefined) await deps.state.setCatchUpCursor(connectionId, to);
    return { checked: 0, shared: 0, resent: 0, objects: 0 };
  }
  const jql = `${syncJql(summary.localProjectKey, config.advanced.jql, `updated >= ${from}`)} ORDER BY updated ASC`;
  const issues: IssueBean[] = [];
  let token: string | undefined;
  do {
    const page = await searchPage(deps.jira, jql, ['created', 'creator', 'updated', 'project', ...backfillFields(config)], token, FIELD_PAGE);
    issues.push(...page.issues);
    token = page.nextPageToken;
  } while (token && issues.length < MAX_ISSUES);
  const logs = issues.length ? await changelogs(deps.jira, issues.map((i) => i.id)) : new Map<string, History[]>();
  const kinds = deletionKinds(config).map((k) => k.kind);
  let shared = 0;
  let resent = 0;
  let objects = 0;
  for (const issue of issues) {
    const pair = await deps.pairs.byLocal(connectionId, issue.id);
    const stamps = !pair || pair.status === 'active' ? await deps.state.stamps(connectionId, issue.id) : {};
    const event = missed(config, issue, pair?.status, stamps, logs.get(issue.id) ?? [], from, to);
    // An issue shared whose pair has not come back yet is the redelivery sweep's, not a second share.
    if (event && !(event.eventType === 'avi:jira:created:issue' && stamps[SHARED] !== undefined)) {
      const result = await captureEvent(deps, event, { connectionId });
      if ('sent' in result) event.eventType === 'avi:jira:created:issue' ? shared++ : resent++;
    }
    if (pair?.status === 'active') {
      const held = await completeComments(deps.jira, issue.id, issueObjects(issue.fields));
      const sent = await backfillIssue(deps, connectionId, config, issue, unsent(stamps, from, to), held);
      objects += sent.sent.comments + sent.sent.attachments + sent.sent.links;
      // Deletions whose events were lost, of issues the window brings (Jira's history notes a deleted file or link).
      objects += await sendLostDeletions(deps, connectionId, kinds, issue, held, stamps);
    }
  }
  // A truncated sweep resumes at the last issue it read; the next one re-reads that moment, harmlessly.
  const last = jiraTime(issues.at(-1)?.fields['updated']);
  await deps.state.setCatchUpCursor(connectionId, token && last !== undefined ? Math.min(last, to) : to);
  return { checked: issues.length, shared, resent, objects };
}

/** The event that never came for this issue, if any: its create, or its field changes newer than their stamps. */
function missed(config: SyncConfig, issue: IssueBean, pairStatus: string | undefined, stamps: Record<string, FieldStamp>, histories: History[], from: number, to: number): SyncEvent | undefined {
  const base = { id: issue.id, key: issue.key, fields: { project: issue.fields['project'] } };
  if (pairStatus === undefined) {
    // Lockstep's own copies are paired as they are made; a person's issue created before the grace is due.
    const creator = issue.fields['creator'] as { accountType?: string } | undefined;
    const created = jiraTime(issue.fields['created']) ?? 0;
    if (creator?.accountType === 'app' || created >= to) return undefined;
    return { eventType: 'avi:jira:created:issue', issue: base };
  }
  if (pairStatus !== 'active') return undefined;
  const items: ChangeItem[] = [];
  let latest = 0;
  for (const h of histories) {
    const at = jiraTime(h.created) ?? 0;
    // Lockstep's own writes are the partner's changes; outside the window the events are trusted or already swept.
    if (h.author?.accountType === 'app' || at < from || at >= to) continue;
    for (const item of h.items) {
      if (outgoingChanges(config, [item]).length === 0) continue;
      const stamp = stamps[item.fieldId ?? item.field];
      if (!stamp || stamp.changedAt < at) { items.push(item); latest = Math.max(latest, at); }
    }
  }
  // Stamped with when the missed change happened, as its event would have been; the values are read now.
  return items.length ? { eventType: 'avi:jira:updated:issue', issue: { ...base, fields: { ...base.fields, updated: new Date(latest).toISOString() } }, changelog: { items } } : undefined;
}

/**
 * Comments and files changed in the window, and links, that this side never noted as sent (capture
 * stamps each one it sends; the receiver stamps the links it makes) — those whose events were lost.
 */
function unsent(stamps: Record<string, FieldStamp>, from: number, to: number): ObjectFilter {
  return (kind, object) => {
    const stamp = stamps[objectStamp(kind, object.id)];
    // A link is noted on its inward end (the one that sees the other as outward), by whichever side made it.
    if (kind === 'link') return !stamp && object.outwardIssue !== undefined;
    const at = jiraTime(object.updated ?? object.created) ?? 0;
    return at >= from && at < to && (!stamp || stamp.changedAt < at);
  };
}
