/**
 * Carries out a status change along this side's workflow. Cost: 2 requests when one transition reaches
 * the target (list + do); a longer walk adds a status read, a workflow read (cached per site for ten
 * minutes) and one request per step.
 */
import type { SyncConfig } from '../../domain/config/schema';
import { shortestPath } from '../../domain/sync/transitions';
import { forgetWorkflows, workflows as cachedWorkflows } from '../../jira/cached';
import { getIssue, getTransitions, transition } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import type { JiraTransport } from '../../ports/jira';

/** This side's status for the partner's, by the status mappings, else by the same name. */
export function targetStatus(config: SyncConfig, partner: { id: string; name: string }, localIssueTypeId?: string): { id?: string; name: string } {
  const candidates = config.statuses.filter((s) => !s.issueType || s.issueType === localIssueTypeId);
  const hit = candidates.find((s) => s.partner.id === partner.id) ?? candidates.find((s) => s.partner.name === partner.name);
  return hit ? { id: hit.local.id, name: hit.local.name } : { name: partner.name };
}

export type StatusOutcome = { moved: number } | { unreachable: string };

export async function moveToStatus(jira: JiraTransport, issueId: string, target: { id?: string; name: string }): Promise<StatusOutcome> {
  const reaches = (s: { id: string; name: string }) => (target.id ? s.id === target.id : s.name === target.name);
  const available = await getTransitions(jira, issueId);
  const direct = available.find((t) => reaches(t.to));
  if (direct) {
    await transition(jira, issueId, direct.id);
    return { moved: 1 };
  }
  const issue = await getIssue(jira, issueId, ['status']);
  const current = issue.fields['status'] as { id: string; name: string } | undefined;
  if (!current) return { unreachable: 'the issue has no status' };
  if (reaches(current)) return { moved: 0 };
  // The workflow this issue is in: the one holding the transitions Jira offers from its status.
  const workflows = await cachedWorkflows(jira);
  const ids = new Set(available.map((t) => t.id));
  const workflow = workflows.find((w) => w.statuses.some((s) => s.id === current.id) && w.transitions.some((t) => ids.has(t.id)));
  const targetId = target.id ?? workflow?.statuses.find((s) => s.name === target.name)?.id;
  if (!workflow || !targetId) return { unreachable: `status ${target.name} is not in this issue's workflow` };
  const path = shortestPath(workflow.transitions.filter((t) => t.type !== 'initial'), current.id, targetId);
  if (!path) return { unreachable: `no transitions lead from ${current.name} to ${target.name}` };
  try {
    for (const step of path) await transition(jira, issueId, step);
  } catch (error) {
    // The walk came from cached workflows: if Jira refused a step, they may have changed.
    if (error instanceof JiraError && !error.transient) forgetWorkflows(jira);
    throw error;
  }
  return { moved: path.length };
}
