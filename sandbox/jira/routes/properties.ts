/** Issue properties (app data on issues): keys, get, set, delete; 32 KB per value, as in Jira. */
import type { Router } from '../http/router';
import { noContent, ok } from '../http/context';
import { JiraHttpError, notFound } from '../http/errors';
import { requireIssue } from '../issues/edit';

export const MAX_PROPERTY_BYTES = 32_768;

export function registerPropertyRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const keys = [...issue.properties.keys()].map((key) => ({ key, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}` }));
    return ok({ keys }, keys.length);
  });

  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const key = params['propertyKey']!;
    if (!issue.properties.has(key)) throw notFound(`The property with key '${key}' does not exist.`);
    return ok({ key, value: issue.properties.get(key) });
  });

  router.on('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', async ({ site, caller, params, json }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'EDIT_ISSUES');
    const key = params['propertyKey']!;
    if (key.length > 255) throw new JiraHttpError(400, ['The property key must not exceed 255 characters.']);
    const value = await json();
    if (value === undefined) throw new JiraHttpError(400, ['The property value must be valid JSON.']);
    if (Buffer.byteLength(JSON.stringify(value)) > MAX_PROPERTY_BYTES) throw new JiraHttpError(400, [`The property value is too long. It must not exceed ${MAX_PROPERTY_BYTES} characters.`]);
    const existed = issue.properties.has(key);
    issue.properties.set(key, value);
    return { status: existed ? 200 : 201, objects: 0, writes: [issue.id] };
  });

  router.on('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'EDIT_ISSUES');
    const key = params['propertyKey']!;
    if (!issue.properties.delete(key)) throw notFound(`The property with key '${key}' does not exist.`);
    return { ...noContent(), writes: [issue.id] };
  });
}
