/** Workflow transitions: which are available from the current status, and carrying one out. */
import type { Site } from '../model/site';
import type { IssueRecord, TransitionRecord, UserRecord } from '../model/types';
import { JiraHttpError, issueNotFound } from '../http/errors';
import { applyFieldInput } from './input';
import { changeItem, recordHistory, sameValue } from './history';
import { issueEventPayload } from './payload';
import { JiraEventType } from '../events';
import { renderStatus } from '../render/meta';

/** Transitions whose `from` includes the issue's status, or that are global. */
export function availableTransitions(site: Site, issue: IssueRecord): TransitionRecord[] {
  const project = site.projects.get(issue.projectId);
  if (!project) return [];
  return site.workflowOf(project).transitions.filter((t) => (t.from.length === 0 || t.from.includes(issue.statusId)) && t.to !== issue.statusId);
}

export function renderTransition(site: Site, t: TransitionRecord): Record<string, unknown> {
  const to = site.statuses.get(t.to);
  return { id: t.id, name: t.name, to: to ? renderStatus(site, to) : undefined, hasScreen: false, isGlobal: t.from.length === 0, isInitial: false, isAvailable: true, isConditional: false, isLooped: false };
}

/** Moves the issue along `transitionId`, applying any fields sent with it. */
export function transitionIssue(site: Site, caller: UserRecord, issue: IssueRecord, transitionId: string, body: { fields?: unknown; update?: unknown }): void {
  const transition = availableTransitions(site, issue).find((t) => t.id === transitionId);
  if (!transition) throw new JiraHttpError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const project = site.projects.get(issue.projectId);
  const from = site.statuses.get(issue.statusId);
  const to = site.statuses.get(transition.to);
  if (!project || !from || !to) throw issueNotFound();
  const next = applyFieldInput(site, project, issue.fields, body);
  const changed = Object.keys(next).filter((id) => !sameValue(issue.fields[id], next[id]));
  const items = [changeItem(site, 'status', null, null), ...changed.map((id) => changeItem(site, id, issue.fields[id], next[id]))];
  items[0] = { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name };
  issue.fields = next;
  issue.statusId = to.id;
  const now = site.now();
  if (from.category !== to.category) issue.statusCategoryChanged = now;
  if (to.category === 'done' && from.category !== 'done') issue.resolutionDate = now;
  if (to.category !== 'done') issue.resolutionDate = null;
  const history = recordHistory(site, issue, caller.accountId, items);
  site.events.publish(JiraEventType.issueUpdated, caller.accountId, { issue: issueEventPayload(site, issue), changelog: history, associatedUsers: [{ accountId: caller.accountId }] });
}
