/** Deleting an issue with its comments, attachments, links and (when asked) sub-tasks. */
import type { Site } from '../model/site';
import type { IssueRecord, UserRecord } from '../model/types';
import { JiraHttpError } from '../http/errors';
import { issueEventPayload } from './payload';
import { JiraEventType } from '../events';

export function deleteIssue(site: Site, caller: UserRecord, issue: IssueRecord, deleteSubtasks: boolean): void {
  const subtasks = [...site.issues.values()].filter((i) => i.parentId === issue.id);
  if (subtasks.length > 0 && !deleteSubtasks) {
    throw new JiraHttpError(400, [`The issue has subtasks. Set deleteSubtasks=true to delete the issue and its subtasks.`]);
  }
  for (const sub of subtasks) deleteIssue(site, caller, sub, true);
  const payload = issueEventPayload(site, issue);
  for (const id of issue.commentIds) site.comments.delete(id);
  for (const id of issue.attachmentIds) site.attachments.delete(id);
  for (const [id, link] of site.links) if (link.inwardIssueId === issue.id || link.outwardIssueId === issue.id) site.links.delete(id);
  site.issues.delete(issue.id);
  site.issueIdByKey.delete(issue.key);
  site.events.publish(JiraEventType.issueDeleted, caller.accountId, { issue: payload });
}
