/** Editing an issue's fields (PUT /issue/{id}): only what changed is written, logged and announced. */
import type { Site } from '../model/site';
import type { IssueRecord, UserRecord } from '../model/types';
import { hasProjectPermission } from '../permissions';
import { JiraHttpError, forbidden, issueNotFound } from '../http/errors';
import { applyFieldInput } from './input';
import { changeItem, recordHistory, sameValue } from './history';
import { issueEventPayload } from './payload';
import { JiraEventType } from '../events';
import { isRecord } from '../http/json';


/** Checks that the caller may see and edit the issue; Jira hides unbrowsable issues behind 404. */
export function requireIssue(site: Site, caller: UserRecord, idOrKey: string, permission: 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'TRANSITION_ISSUES' | 'DELETE_ISSUES' | 'ADD_COMMENTS' | 'CREATE_ATTACHMENTS' | 'LINK_ISSUES' = 'BROWSE_PROJECTS'): IssueRecord {
  const issue = site.issue(idOrKey);
  const project = issue ? site.projects.get(issue.projectId) : undefined;
  if (!issue || !project || !hasProjectPermission(caller, project, 'BROWSE_PROJECTS')) throw issueNotFound();
  if (!hasProjectPermission(caller, project, permission)) throw forbidden(`You do not have permission to ${permission.toLowerCase().replace(/_/g, ' ')} in this project.`);
  return issue;
}

/** Applies an edit; returns the changed field ids (empty when the request changed nothing). */
export function editIssue(site: Site, caller: UserRecord, issue: IssueRecord, body: unknown): string[] {
  if (!isRecord(body)) throw new JiraHttpError(400, ['Can not deserialize the request body.']);
  const project = site.projects.get(issue.projectId);
  if (!project) throw issueNotFound();
  const fields = isRecord(body['fields']) ? body['fields'] : {};
  for (const structural of ['project', 'issuetype', 'parent']) {
    if (structural in fields) throw new JiraHttpError(400, [], { [structural]: `Field '${structural}' cannot be set. It is not on the appropriate screen, or unknown.` });
  }
  const next = applyFieldInput(site, project, issue.fields, { fields: body['fields'], update: body['update'] });
  const changed = Object.keys(next).filter((id) => !sameValue(issue.fields[id], next[id]));
  if (changed.length === 0) return [];
  const items = changed.map((id) => changeItem(site, id, issue.fields[id], next[id]));
  issue.fields = next;
  const history = recordHistory(site, issue, caller.accountId, items);
  site.events.publish(JiraEventType.issueUpdated, caller.accountId, { issue: issueEventPayload(site, issue), changelog: history, associatedUsers: [{ accountId: caller.accountId }] });
  return changed;
}
