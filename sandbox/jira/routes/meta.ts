/** Site metadata: fields, priorities, statuses, issue types, link types, workflows, create and edit metadata. */
import type { Router } from '../http/router';
import { ok } from '../http/context';
import { badRequest, notFound } from '../http/errors';
import { fieldCatalog, type FieldDef } from '../fields/catalog';
import { renderComponent, renderField, renderIssueType, renderLinkType, renderPriority, renderProjectRef, renderStatus, renderVersion } from '../render/meta';
import { requireProject } from './projects';
import { requireIssue } from '../issues/edit';
import type { Site } from '../model/site';
import type { ProjectRecord } from '../model/types';

const LIST_OPERATIONS = ['add', 'set', 'remove'];

/** Allowed values Jira lists for a field in create/edit metadata. */
function allowedValues(site: Site, project: ProjectRecord, f: FieldDef): unknown[] | undefined {
  if (f.custom_ && (f.custom_.kind === 'select' || f.custom_.kind === 'multiselect')) {
    return f.custom_.options.filter((o) => !o.disabled).map((o) => ({ self: `${site.baseUrl}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id }));
  }
  switch (f.id) {
    case 'priority': return [...site.priorities.values()].map((p) => renderPriority(site, p));
    case 'components': return [...site.components.values()].filter((c) => c.projectId === project.id).map((c) => renderComponent(site, c));
    case 'versions':
    case 'fixVersions': return [...site.versions.values()].filter((v) => v.projectId === project.id).map((v) => renderVersion(site, v));
    case 'issuetype': return project.issueTypeIds.flatMap((id) => { const t = site.issueTypes.get(id); return t ? [renderIssueType(site, t)] : []; });
    case 'project': return [renderProjectRef(site, project)];
    default: return undefined;
  }
}

function fieldMeta(site: Site, project: ProjectRecord, f: FieldDef, required: boolean): Record<string, unknown> {
  const values = allowedValues(site, project, f);
  const isList = f.schema.type === 'array';
  return {
    required,
    schema: f.schema,
    name: f.name,
    key: f.key,
    operations: isList ? LIST_OPERATIONS : ['set'],
    ...(values ? { allowedValues: values } : {}),
    ...(f.schema.type === 'user' ? { autoCompleteUrl: `${site.baseUrl}/rest/api/3/user/search?query=` } : {}),
  };
}

const REQUIRED = new Set(['summary', 'issuetype', 'project']);

function editableFields(site: Site): FieldDef[] {
  return fieldCatalog(site).filter((f) => f.editable);
}

function page<T>(items: T[], startAt: number, maxResults: number): { values: T[]; total: number } {
  return { values: items.slice(startAt, startAt + maxResults), total: items.length };
}

export function registerMetaRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/field', ({ site }) => {
    const list = fieldCatalog(site).map(renderField);
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/priority', ({ site }) => {
    const list = [...site.priorities.values()].map((p) => ({ ...renderPriority(site, p), statusColor: p.color, description: p.name, isDefault: p.id === '3' }));
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/status', ({ site }) => {
    const list = [...site.statuses.values()].map((s) => renderStatus(site, s));
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/issuetype', ({ site }) => {
    const list = [...site.issueTypes.values()].map((t) => renderIssueType(site, t));
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/issuetype/project', ({ site, caller, query }) => {
    const projectId = query.get('projectId');
    if (!projectId) throw badRequest('The projectId query parameter is required.');
    const project = requireProject(site, caller, projectId);
    const list = project.issueTypeIds.flatMap((id) => { const t = site.issueTypes.get(id); return t ? [renderIssueType(site, t)] : []; });
    return ok(list, list.length);
  });

  router.on('GET', '/rest/api/3/issueLinkType', ({ site }) => {
    const list = [...site.linkTypes.values()].map((l) => renderLinkType(site, l));
    return ok({ issueLinkTypes: list }, list.length);
  });

  router.on('GET', '/rest/api/3/workflow/search', ({ site, query }) => {
    const names = query.getAll('workflowName');
    const expand = new Set((query.get('expand') ?? '').split(',').map((s) => s.trim()));
    const startAt = Number(query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 50);
    const all = [...site.workflows.values()].filter((w) => names.length === 0 || names.includes(w.name));
    const { values, total } = page(all, startAt, maxResults);
    const rendered = values.map((w) => ({
      id: { name: w.name, entityId: w.id },
      description: '',
      ...(expand.has('transitions') ? {
        transitions: [
          { id: '1', name: 'Create', description: '', from: [], to: w.initialStatusId, type: 'initial' },
          ...w.transitions.map((t) => ({ id: t.id, name: t.name, description: '', from: t.from, to: t.to, type: t.from.length === 0 ? 'global' : 'directed' })),
        ],
      } : {}),
      ...(expand.has('statuses') ? { statuses: w.statusIds.flatMap((id) => { const s = site.statuses.get(id); return s ? [{ id: s.id, name: s.name }] : []; }) } : {}),
      isDefault: false,
    }));
    return ok({ self: `${site.baseUrl}/rest/api/3/workflow/search`, maxResults, startAt, total, isLast: startAt + values.length >= total, values: rendered }, rendered.length);
  });

  router.on('GET', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', ({ site, caller, params, query }) => {
    const project = requireProject(site, caller, params['projectIdOrKey']!);
    const startAt = Number(query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 200);
    const types = project.issueTypeIds.flatMap((id) => { const t = site.issueTypes.get(id); return t ? [renderIssueType(site, t)] : []; });
    const { values, total } = page(types, startAt, maxResults);
    return ok({ issueTypes: values, maxResults, startAt, total }, values.length);
  });

  router.on('GET', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', ({ site, caller, params, query }) => {
    const project = requireProject(site, caller, params['projectIdOrKey']!);
    const type = site.issueTypes.get(params['issueTypeId']!);
    if (!type || !project.issueTypeIds.includes(type.id)) throw notFound(`Issue type with id ${params['issueTypeId']} not found in project ${project.key}.`);
    const startAt = Number(query.get('startAt') ?? 0);
    const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 200);
    const defs = editableFields(site).filter((f) => f.id !== 'parent' || type.subtask);
    const all = defs.map((f) => ({ ...fieldMeta(site, project, f, REQUIRED.has(f.id) || (type.subtask && f.id === 'parent')), fieldId: f.id, hasDefaultValue: f.id === 'priority' }));
    const { values, total } = page(all, startAt, maxResults);
    return ok({ fields: values, maxResults, startAt, total }, values.length);
  });

  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/editmeta', ({ site, caller, params }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'EDIT_ISSUES');
    const project = site.projects.get(issue.projectId)!;
    const fields = Object.fromEntries(editableFields(site).filter((f) => !['project', 'issuetype', 'parent'].includes(f.id)).map((f) => [f.id, fieldMeta(site, project, f, f.id === 'summary')]));
    return ok({ fields });
  });
}
