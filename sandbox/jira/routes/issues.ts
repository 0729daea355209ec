/** Issue CRUD, bulk create, bulk fetch and transitions. */
import type { Router } from '../http/router';
import { created, noContent, ok } from '../http/context';
import { JiraHttpError, badRequest, forbidden } from '../http/errors';
import { createIssue, commitIssue, prepareIssue } from '../issues/create';
import { editIssue, requireIssue } from '../issues/edit';
import { deleteIssue } from '../issues/delete';
import { availableTransitions, renderTransition, transitionIssue } from '../issues/transition';
import { parseExpand, parseFieldSelection, renderIssue } from '../render/issue';
import { hasProjectPermission } from '../permissions';
import type { Site } from '../model/site';
import type { IssueRecord, UserRecord } from '../model/types';
import { isRecord } from '../http/json';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const createdRef = (site: Site, issue: IssueRecord): Record<string, unknown> => ({ id: issue.id, key: issue.key, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}` });

export const BULK_CREATE_LIMIT = 50;
export const BULK_FETCH_LIMIT = 100;

function requireNotifyRight(site: Site, caller: UserRecord, issue: IssueRecord, notifyUsers: string | null): void {
  if (notifyUsers !== 'false' || caller.accountType === 'app') return;
  const project = site.projects.get(issue.projectId)!;
  if (!hasProjectPermission(caller, project, 'ADMINISTER_PROJECTS')) throw forbidden('To discard the user notification either admin or project admin permissions are required.');
}

export function registerIssueRoutes(router: Router): void {
  router.on('POST', '/rest/api/3/issue', async ({ site, caller, json }) => {
    const issue = createIssue(site, caller, await json());
    return { ...created(createdRef(site, issue)), writes: [issue.id] };
  });

  router.on('POST', '/rest/api/3/issue/bulk', async ({ site, caller, json }) => {
    const body = await json();
    const updates = isRecord(body) && Array.isArray(body['issueUpdates']) ? body['issueUpdates'] : undefined;
    if (!updates) throw badRequest('issueUpdates is required.');
    if (updates.length > BULK_CREATE_LIMIT) throw badRequest(`The number of issues to create must not exceed ${BULK_CREATE_LIMIT}.`);
    const issues: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    updates.forEach((update, index) => {
      try {
        issues.push(createdRef(site, commitIssue(site, caller, prepareIssue(site, caller, update))));
      } catch (error) {
        if (!(error instanceof JiraHttpError)) throw error;
        errors.push({ status: error.status, elementErrors: error.body(), failedElementNumber: index });
      }
    });
    // Jira answers 400 when nothing could be created, 201 otherwise (with per-element errors).
    if (issues.length === 0 && errors.length > 0) return { status: 400, body: { issues, errors }, objects: 0 };
    // Jira charges writes the base point only, however many issues they create.
    return { status: 201, body: { issues, errors }, objects: 0 };
  });

  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}', ({ site, caller, params, query }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const fields = parseFieldSelection(query.getAll('fields'), '*all');
    const properties = query.getAll('properties').flatMap((p) => p.split(',')).filter(Boolean);
    return ok(renderIssue(site, issue, { fields, expand: parseExpand(query.get('expand')), properties }));
  });

  router.on('PUT', '/rest/api/3/issue/{issueIdOrKey}', async ({ site, caller, params, query, json }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'EDIT_ISSUES');
    requireNotifyRight(site, caller, issue, query.get('notifyUsers'));
    editIssue(site, caller, issue, (await json()) ?? {});
    if (query.get('returnIssue') === 'true') {
      return { status: 200, body: renderIssue(site, issue, { fields: parseFieldSelection(undefined, '*all'), expand: parseExpand(query.get('expand')), properties: [] }), writes: [issue.id] };
    }
    return { ...noContent(), writes: [issue.id] };
  });

  router.on('DELETE', '/rest/api/3/issue/{issueIdOrKey}', ({ site, caller, params, query }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'DELETE_ISSUES');
    deleteIssue(site, caller, issue, query.get('deleteSubtasks') === 'true');
    return { ...noContent(), writes: [issue.id] };
  });

  router.on('POST', '/rest/api/3/issue/bulkfetch', async ({ site, caller, json }) => {
    const body = await json();
    if (!isRecord(body)) throw badRequest('Request body is required.');
    const refs = strings(body['issueIdsOrKeys']);
    if (refs.length === 0) throw badRequest('issueIdsOrKeys must contain at least one issue id or key.');
    if (refs.length > BULK_FETCH_LIMIT) throw badRequest(`Number of issues to fetch must not exceed ${BULK_FETCH_LIMIT}.`);
    const fields = parseFieldSelection(strings(body['fields']), '*navigable');
    const expand = parseExpand(strings(body['expand']));
    const properties = strings(body['properties']);
    const issues: Record<string, unknown>[] = [];
    const issueErrors: Record<string, unknown>[] = [];
    for (const ref of refs) {
      try {
        issues.push(renderIssue(site, requireIssue(site, caller, ref), { fields, expand, properties }));
      } catch (error) {
        if (!(error instanceof JiraHttpError)) throw error;
        issueErrors.push({ id: ref, errorMessage: error.message });
      }
    }
    return { status: 200, body: { issues, issueErrors }, objects: issues.length };
  });

  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const project = site.projects.get(issue.projectId)!;
    const list = hasProjectPermission(caller, project, 'TRANSITION_ISSUES') ? availableTransitions(site, issue).map((t) => renderTransition(site, t)) : [];
    return ok({ transitions: list }, list.length);
  });

  router.on('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', async ({ site, caller, params, json }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'TRANSITION_ISSUES');
    const body = await json();
    const transition = isRecord(body) && isRecord(body['transition']) ? body['transition'] : undefined;
    const id = transition?.['id'];
    if (typeof id !== 'string' && typeof id !== 'number') throw badRequest('Transition id is required.');
    transitionIssue(site, caller, issue, String(id), { fields: isRecord(body) ? body['fields'] : undefined, update: isRecord(body) ? body['update'] : undefined });
    return { ...noContent(), writes: [issue.id] };
  });
}
