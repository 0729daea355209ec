/** Issue comments: list with paging, add, get, edit, delete (ADF bodies). */
import type { Router } from '../http/router';
import { created, noContent, ok } from '../http/context';
import { JiraHttpError, forbidden, notFound } from '../http/errors';
import { requireIssue } from '../issues/edit';
import { renderComment } from '../render/issue';
import { issueEventPayload } from '../issues/payload';
import { JiraEventType } from '../events';
import { hasProjectPermission } from '../permissions';
import { isAdfDoc, type AdfDoc } from '../adf/types';
import { validateAdf } from '../openapi/adf';
import type { Site } from '../model/site';
import type { CommentRecord, IssueRecord, UserRecord } from '../model/types';
import { isRecord } from '../http/json';


function parseBody(body: unknown): { doc: AdfDoc; visibility: CommentRecord['visibility'] } {
  const doc = isRecord(body) ? body['body'] : undefined;
  if (doc === undefined || doc === null) throw new JiraHttpError(400, [], { comment: 'Comment body can not be empty!' });
  if (!isAdfDoc(doc)) throw new JiraHttpError(400, [], { comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
  const problems = validateAdf(doc);
  if (problems.length > 0) throw new JiraHttpError(400, [], { comment: `Invalid Atlassian Document: ${problems[0]!.path} ${problems[0]!.message}` });
  if ((doc.content ?? []).length === 0) throw new JiraHttpError(400, [], { comment: 'Comment body can not be empty!' });
  const v = isRecord(body) ? body['visibility'] : undefined;
  const visibility = isRecord(v) && (v['type'] === 'group' || v['type'] === 'role') && typeof v['value'] === 'string' ? { type: v['type'] as 'group' | 'role', value: v['value'] } : null;
  return { doc, visibility };
}

function requireComment(site: Site, issue: IssueRecord, id: string): CommentRecord {
  const comment = site.comments.get(id);
  if (!comment || comment.issueId !== issue.id) throw notFound(`Can not find a comment for the id: ${id}.`);
  return comment;
}

function requireOwnOrAll(site: Site, caller: UserRecord, issue: IssueRecord, comment: CommentRecord, verb: 'EDIT' | 'DELETE'): void {
  const project = site.projects.get(issue.projectId)!;
  const own = comment.authorId === caller.accountId && hasProjectPermission(caller, project, `${verb}_OWN_COMMENTS`);
  if (!own && !hasProjectPermission(caller, project, `${verb}_ALL_COMMENTS`)) throw forbidden(`You do not have permission to ${verb.toLowerCase()} this comment.`);
}

export function registerCommentRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/comment', ({ site, caller, params, query }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const startAt = Math.max(0, Number(query.get('startAt') ?? 0));
    const maxResults = Math.min(Math.max(1, Number(query.get('maxResults') ?? 100)), 5000);
    const order = query.get('orderBy') ?? 'created';
    const rendered = (query.get('expand') ?? '').includes('renderedBody');
    const all = issue.commentIds.flatMap((id) => site.comments.get(id) ?? []);
    if (order === '-created') all.reverse();
    const comments = all.slice(startAt, startAt + maxResults).map((c) => renderComment(site, c, rendered));
    return ok({ startAt, maxResults, total: all.length, comments }, comments.length);
  });

  router.on('POST', '/rest/api/3/issue/{issueIdOrKey}/comment', async ({ site, caller, params, json }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'ADD_COMMENTS');
    const { doc, visibility } = parseBody(await json());
    const now = site.now();
    const comment: CommentRecord = { id: site.allocateId(), issueId: issue.id, authorId: caller.accountId, updateAuthorId: caller.accountId, body: doc, created: now, updated: now, visibility };
    site.comments.set(comment.id, comment);
    issue.commentIds.push(comment.id);
    issue.updated = now;
    site.events.publish(JiraEventType.commented, caller.accountId, { issue: issueEventPayload(site, issue), comment: renderComment(site, comment) });
    return { ...created(renderComment(site, comment)), writes: [issue.id] };
  });

  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', ({ site, caller, params, query }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    return ok(renderComment(site, requireComment(site, issue, params['id']!), (query.get('expand') ?? '').includes('renderedBody')));
  });

  router.on('PUT', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', async ({ site, caller, params, json }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const comment = requireComment(site, issue, params['id']!);
    requireOwnOrAll(site, caller, issue, comment, 'EDIT');
    const { doc, visibility } = parseBody(await json());
    comment.body = doc;
    comment.visibility = visibility;
    comment.updated = site.now();
    comment.updateAuthorId = caller.accountId;
    site.events.publish(JiraEventType.commentUpdated, caller.accountId, { issue: issueEventPayload(site, issue), comment: renderComment(site, comment) });
    return { ...ok(renderComment(site, comment)), writes: [issue.id] };
  });

  router.on('DELETE', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const comment = requireComment(site, issue, params['id']!);
    requireOwnOrAll(site, caller, issue, comment, 'DELETE');
    const payload = renderComment(site, comment);
    site.comments.delete(comment.id);
    issue.commentIds = issue.commentIds.filter((id) => id !== comment.id);
    site.events.publish(JiraEventType.commentDeleted, caller.accountId, { issue: issueEventPayload(site, issue), comment: payload });
    return { ...noContent(), writes: [issue.id] };
  });
}
