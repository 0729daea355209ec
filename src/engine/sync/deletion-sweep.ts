/**
 * The deletion sweep: a comment deleted leaves no entry in Jira's history, and a lost link deletion
 * leaves one only on issues the catch-up sweep may not read in time, so a deletion whose product event
 * never came is looked for here instead: each scheduled tick reads the next 100 of the sync's active
 * pairs' issues (one bulk fetch with their comments, files and links) and sends what lost-deletes.ts
 * finds gone. At the end of the pairs it starts a new round. Cost per tick: 1 request, plus one per
 * object missing and one per 100 comments past what Jira puts in an issue; a sync of 10,000 pairs is
 * gone round in 100 ticks (about 8 hours).
 */
import { bulkFetch } from '../../jira/bulk';
import { completeComments, issueObjects } from '../../jira/issue-objects';
import type { SyncDeps } from './deps';
import { deletionKinds, sendLostDeletions } from './lost-deletes';

/** Pairs read per tick: one bulk fetch's worth. */
export const SWEEP_PAGE = 100;

export type DeletionSweepResult = { checked: number; sent: number; round: 'goes on' | 'done' } | { skipped: string };

export async function sweepDeletions(deps: SyncDeps, connectionId: string): Promise<DeletionSweepResult> {
  const [summary, config] = await Promise.all([deps.connections.get(connectionId), deps.connections.config(connectionId)]);
  if (!summary || !config || summary.state !== 'running') return { skipped: 'the sync is not running' };
  const kinds = deletionKinds(config);
  if (kinds.length === 0) return { skipped: 'this side sends no deletions' };
  const cursor = await deps.state.sweepCursor(connectionId);
  const page = await deps.pairs.list(connectionId, { status: 'active', limit: SWEEP_PAGE, ...(cursor ? { cursor } : {}) });
  const issues = page.pairs.length ? await bulkFetch(deps.jira, page.pairs.map((p) => p.localIssueId), ['project', ...kinds.map((k) => k.field)]) : [];
  let sent = 0;
  for (const issue of issues) {
    const stamps = await deps.state.stamps(connectionId, issue.id);
    if (!Object.keys(stamps).some((k) => k.startsWith('sent:'))) continue;
    const objects = await completeComments(deps.jira, issue.id, issueObjects(issue.fields));
    sent += await sendLostDeletions(deps, connectionId, kinds.map((k) => k.kind), issue, objects, stamps);
  }
  // Saved only once the page is done: a tick that dies part-way reads the same page again, harmlessly.
  await deps.state.setSweepCursor(connectionId, page.cursor);
  return { checked: issues.length, sent, round: page.cursor ? 'goes on' : 'done' };
}
