/** Projects, their components, versions and statuses; creating components and versions. */
import type { Router } from '../http/router';
import { created, ok } from '../http/context';
import { badRequest, fieldErrors, forbidden, notFound } from '../http/errors';
import { renderComponent, renderIssueType, renderProjectRef, renderStatus, renderVersion } from '../render/meta';
import { renderUserRef } from '../render/common';
import { browsableProjects, hasProjectPermission } from '../permissions';
import type { Site } from '../model/site';
import type { ProjectRecord, UserRecord } from '../model/types';

export function requireProject(site: Site, caller: UserRecord, ref: string): ProjectRecord {
  const project = site.project(ref);
  if (!project || !hasProjectPermission(caller, project, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${ref}'.`);
  return project;
}

function projectComponent(site: Site, project: ProjectRecord, id: string): Record<string, unknown> {
  const c = site.components.get(id)!;
  return { ...renderComponent(site, c), isAssigneeTypeValid: false, assigneeType: 'PROJECT_DEFAULT', realAssigneeType: 'PROJECT_DEFAULT', project: project.key, projectId: Number(project.id) };
}

function fullProject(site: Site, project: ProjectRecord): Record<string, unknown> {
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...renderProjectRef(site, project),
    description: project.description,
    lead: renderUserRef(site, project.leadAccountId),
    components: [...site.components.values()].filter((c) => c.projectId === project.id).map((c) => projectComponent(site, project, c.id)),
    issueTypes: project.issueTypeIds.flatMap((id) => { const t = site.issueTypes.get(id); return t ? [renderIssueType(site, t)] : []; }),
    assigneeType: 'UNASSIGNED',
    versions: [...site.versions.values()].filter((v) => v.projectId === project.id).map((v) => renderVersion(site, v)),
    roles: {},
    style: 'classic',
    isPrivate: project.members !== 'everyone',
    properties: {},
  };
}

export function registerProjectRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/project/search', ({ site, caller, query }) => {
    const keys = query.getAll('keys').flatMap((k) => k.split(',')).filter(Boolean).map((k) => k.toUpperCase());
    const text = (query.get('query') ?? '').toLowerCase();
    const startAt = Number(query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 100);
    const all = browsableProjects(site, caller)
      .filter((p) => (keys.length === 0 || keys.includes(p.key)) && (!text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)))
      .sort((a, b) => a.key.localeCompare(b.key));
    const values = all.slice(startAt, startAt + maxResults).map((p) => fullProject(site, p));
    const isLast = startAt + values.length >= all.length;
    return ok({
      self: `${site.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
      ...(isLast ? {} : { nextPage: `${site.baseUrl}/rest/api/3/project/search?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
      maxResults, startAt, total: all.length, isLast, values,
    }, values.length);
  });

  router.on('GET', '/rest/api/3/project/{projectIdOrKey}', ({ site, caller, params }) =>
    ok(fullProject(site, requireProject(site, caller, params['projectIdOrKey']!))));

  router.on('GET', '/rest/api/3/project/{projectIdOrKey}/components', ({ site, caller, params }) => {
    const project = requireProject(site, caller, params['projectIdOrKey']!);
    const list = [...site.components.values()].filter((c) => c.projectId === project.id).map((c) => projectComponent(site, project, c.id));
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/project/{projectIdOrKey}/versions', ({ site, caller, params }) => {
    const project = requireProject(site, caller, params['projectIdOrKey']!);
    const list = [...site.versions.values()].filter((v) => v.projectId === project.id).map((v) => renderVersion(site, v));
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/project/{projectIdOrKey}/statuses', ({ site, caller, params }) => {
    const project = requireProject(site, caller, params['projectIdOrKey']!);
    const workflow = site.workflowOf(project);
    const statuses = workflow.statusIds.flatMap((id) => { const s = site.statuses.get(id); return s ? [renderStatus(site, s)] : []; });
    const list = project.issueTypeIds.flatMap((id) => {
      const t = site.issueTypes.get(id);
      return t ? [{ self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`, id: t.id, name: t.name, subtask: t.subtask, statuses }] : [];
    });
    return ok(list, list.length);
  });

  router.on('POST', '/rest/api/3/component', async ({ site, caller, json }) => {
    const body = (await json()) as Record<string, unknown> | undefined;
    const ref = body?.['project'] ?? body?.['projectId'];
    const name = body?.['name'];
    if (typeof ref !== 'string' && typeof ref !== 'number') throw fieldErrors({ project: 'The project key or id is required.' });
    if (typeof name !== 'string' || name.trim() === '') throw fieldErrors({ name: 'The component name must not be empty.' });
    const project = requireProject(site, caller, String(ref));
    if (!hasProjectPermission(caller, project, 'ADMINISTER_PROJECTS')) throw forbidden('You cannot edit the configuration of this project.');
    if ([...site.components.values()].some((c) => c.projectId === project.id && c.name.toLowerCase() === name.toLowerCase())) {
      throw fieldErrors({ name: `A component with the name ${name} already exists in this project.` });
    }
    const id = site.allocateId();
    site.components.set(id, { id, projectId: project.id, name, description: typeof body?.['description'] === 'string' ? body['description'] : '' });
    return created(projectComponent(site, project, id));
  });

  router.on('POST', '/rest/api/3/version', async ({ site, caller, json }) => {
    const body = (await json()) as Record<string, unknown> | undefined;
    const ref = body?.['projectId'] ?? body?.['project'];
    const name = body?.['name'];
    if (typeof ref !== 'string' && typeof ref !== 'number') throw fieldErrors({ project: 'Project must be specified to create a version.' });
    if (typeof name !== 'string' || name.trim() === '') throw fieldErrors({ name: 'You must specify a valid version name' });
    const project = requireProject(site, caller, String(ref));
    if (!hasProjectPermission(caller, project, 'ADMINISTER_PROJECTS')) throw forbidden('You cannot edit the configuration of this project.');
    if ([...site.versions.values()].some((v) => v.projectId === project.id && v.name.toLowerCase() === name.toLowerCase())) {
      throw fieldErrors({ name: 'A version with this name already exists in this project.' });
    }
    const releaseDate = body?.['releaseDate'];
    if (releaseDate !== undefined && (typeof releaseDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(releaseDate))) throw badRequest('releaseDate must be yyyy-MM-dd');
    const id = site.allocateId();
    const version = { id, projectId: project.id, name, released: body?.['released'] === true, archived: body?.['archived'] === true, releaseDate: (releaseDate as string | undefined) ?? null };
    site.versions.set(id, version);
    return created(renderVersion(site, version));
  });
}
