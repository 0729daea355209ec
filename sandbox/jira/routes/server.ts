/** Server info, the caller, users, and permission checks. */
import type { Router } from '../http/router';
import { ok } from '../http/context';
import { JiraHttpError, badRequest, notFound } from '../http/errors';
import { renderUser, avatarUrls } from '../render/common';
import { hasGlobalPermission, hasProjectPermission, isGlobalPermission, isProjectPermission, type GlobalPermission, type ProjectPermission } from '../permissions';
import type { Site } from '../model/site';
import type { ProjectRecord, UserRecord } from '../model/types';
import { isRecord } from '../http/json';

function fullUser(site: Site, user: UserRecord): Record<string, unknown> {
  return {
    ...renderUser(site, user),
    avatarUrls: avatarUrls(site, 'user', user.accountId),
    locale: 'en_US',
    groups: { size: 0, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
}

const describe = (key: string): string => key.toLowerCase().replace(/_/g, ' ');

function permissionEntry(key: string, type: 'PROJECT' | 'GLOBAL', have: boolean): Record<string, unknown> {
  return { id: key, key, name: describe(key), type, description: `Ability to ${describe(key)}.`, havePermission: have };
}


export function registerServerRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/serverInfo', ({ site }) => ok({
    baseUrl: site.baseUrl,
    displayUrl: site.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100000,
    buildDate: '2026-01-01T00:00:00.000+0000',
    serverTime: new Date(site.now()).toISOString().replace('Z', '+0000'),
    scmInfo: 'lockstep-emulator',
    serverTitle: `Jira (${site.name})`,
    serverTimeZone: 'UTC',
  }));

  router.on('GET', '/rest/api/3/myself', ({ site, caller }) => ok(fullUser(site, caller)));

  router.on('GET', '/rest/api/3/user', ({ site, query }) => {
    const id = query.get('accountId');
    if (!id) throw badRequest('The accountId query parameter needs to be provided.');
    const user = site.users.get(id);
    if (!user) throw notFound(`Specified user does not exist or you do not have required permissions`);
    return ok(fullUser(site, user));
  });

  router.on('GET', '/rest/api/3/user/bulk', ({ site, query }) => {
    const ids = query.getAll('accountId');
    if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
    const startAt = Number(query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(query.get('maxResults') ?? 10), 200);
    const users = ids.flatMap((id) => { const u = site.users.get(id); return u ? [renderUser(site, u)] : []; });
    const values = users.slice(startAt, startAt + maxResults);
    return ok({ self: `${site.baseUrl}/rest/api/3/user/bulk`, maxResults, startAt, total: users.length, isLast: startAt + values.length >= users.length, values }, values.length);
  });

  router.on('GET', '/rest/api/3/user/search', ({ site, query }) => {
    const q = (query.get('query') ?? '').toLowerCase();
    const accountId = query.get('accountId');
    if (!q && !accountId) throw badRequest('One of query or accountId must be provided.');
    const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 1000);
    const users = [...site.users.values()].filter((u) =>
      u.accountType === 'atlassian' && (accountId ? u.accountId === accountId : u.displayName.toLowerCase().includes(q) || (u.emailAddress ?? '').toLowerCase().startsWith(q)));
    const values = users.slice(0, maxResults).map((u) => renderUser(site, u));
    return ok(values, values.length);
  });

  router.on('GET', '/rest/api/3/mypermissions', ({ site, caller, query }) => {
    const wanted = (query.get('permissions') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (wanted.length === 0) throw badRequest('The permissions query parameter is required.');
    const unknown = wanted.filter((k) => !isProjectPermission(k) && !isGlobalPermission(k));
    if (unknown.length > 0) throw badRequest(`Invalid permission key(s): ${unknown.join(', ')}`);
    let project: ProjectRecord | undefined;
    const issueRef = query.get('issueKey') ?? query.get('issueId');
    const projectRef = query.get('projectKey') ?? query.get('projectId');
    if (issueRef) {
      const issue = site.issue(issueRef);
      project = issue ? site.projects.get(issue.projectId) : undefined;
      if (!project || !hasProjectPermission(caller, project, 'BROWSE_PROJECTS')) throw notFound(`Issue does not exist or you do not have permission to see it.`);
    } else if (projectRef) {
      project = site.project(projectRef);
      if (!project) throw notFound(`No project could be found with key '${projectRef}'.`);
    }
    const permissions = Object.fromEntries(wanted.map((k) => {
      if (isGlobalPermission(k)) return [k, permissionEntry(k, 'GLOBAL', hasGlobalPermission(caller, k))];
      // Without a project Jira answers whether the user holds the permission in any project.
      const have = project
        ? hasProjectPermission(caller, project, k as ProjectPermission)
        : [...site.projects.values()].some((p) => hasProjectPermission(caller, p, k as ProjectPermission));
      return [k, permissionEntry(k, 'PROJECT', have)];
    }));
    return ok({ permissions });
  });

  router.on('POST', '/rest/api/3/permissions/check', async ({ site, caller, json }) => {
    const body = await json();
    if (!isRecord(body)) throw badRequest('Request body is required.');
    let subject = caller;
    if (typeof body['accountId'] === 'string' && body['accountId'] !== caller.accountId) {
      if (!hasGlobalPermission(caller, 'ADMINISTER') && caller.accountType !== 'app') throw new JiraHttpError(403, ['Only Jira administrators can check permissions of other users.']);
      const other = site.users.get(body['accountId']);
      if (!other) throw badRequest(`User with accountId ${body['accountId']} does not exist.`);
      subject = other;
    }
    const globals = Array.isArray(body['globalPermissions']) ? body['globalPermissions'].filter((k): k is string => typeof k === 'string') : [];
    const badGlobal = globals.find((k) => !isGlobalPermission(k));
    if (badGlobal) throw badRequest(`Invalid global permission key: ${badGlobal}`);
    const projectChecks = Array.isArray(body['projectPermissions']) ? body['projectPermissions'] : [];
    const projectPermissions = projectChecks.flatMap((check: unknown) => {
      if (!isRecord(check) || !Array.isArray(check['permissions'])) throw badRequest('Each projectPermissions entry needs a permissions list.');
      const projects = Array.isArray(check['projects']) ? check['projects'].map(String) : [];
      const issues = Array.isArray(check['issues']) ? check['issues'].map(String) : [];
      return check['permissions'].map((key: unknown) => {
        if (typeof key !== 'string' || !isProjectPermission(key)) throw badRequest(`Invalid project permission key: ${String(key)}`);
        const heldProjects = projects.filter((id) => { const p = site.project(id); return p !== undefined && hasProjectPermission(subject, p, key); }).map(Number);
        const heldIssues = issues.filter((id) => {
          const i = site.issue(id);
          const p = i ? site.projects.get(i.projectId) : undefined;
          return p !== undefined && hasProjectPermission(subject, p, 'BROWSE_PROJECTS') && hasProjectPermission(subject, p, key);
        }).map(Number);
        return { permission: key, projects: heldProjects, issues: heldIssues };
      });
    });
    return ok({ globalPermissions: globals.filter((k) => hasGlobalPermission(subject, k as GlobalPermission)), projectPermissions });
  });
}
