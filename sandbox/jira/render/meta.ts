/** Metadata objects (issue types, statuses, priorities, projects, components, versions, link types, fields) in Jira's shapes. */
import type { Site } from '../model/site';
import type { ComponentRecord, IssueTypeRecord, LinkTypeRecord, PriorityRecord, ProjectRecord, StatusRecord, VersionRecord } from '../model/types';
import type { FieldDef } from '../fields/catalog';
import { avatarUrls } from './common';

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export function renderStatusCategory(site: Site, key: StatusRecord['category']): Record<string, unknown> {
  const c = CATEGORY[key];
  return { self: `${site.baseUrl}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
}

export function renderStatus(site: Site, s: StatusRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/status/${s.id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: renderStatusCategory(site, s.category),
  };
}

export function renderIssueType(site: Site, t: IssueTypeRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.id}?size=medium`,
    name: t.name,
    subtask: t.subtask,
    avatarId: Number(t.id),
    hierarchyLevel: t.hierarchyLevel,
  };
}

export function renderPriority(site: Site, p: PriorityRecord): Record<string, unknown> {
  return { self: `${site.baseUrl}/rest/api/3/priority/${p.id}`, iconUrl: `${site.baseUrl}/images/icons/priorities/${p.name.toLowerCase()}.svg`, name: p.name, id: p.id };
}

/** A project as embedded in an issue (`fields.project`). */
export function renderProjectRef(site: Site, p: ProjectRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(site, 'project', p.id),
  };
}

export function renderComponent(site: Site, c: ComponentRecord): Record<string, unknown> {
  return { self: `${site.baseUrl}/rest/api/3/component/${c.id}`, id: c.id, name: c.name, description: c.description };
}

export function renderVersion(site: Site, v: VersionRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/version/${v.id}`,
    id: v.id,
    name: v.name,
    archived: v.archived,
    released: v.released,
    ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}),
    projectId: Number(v.projectId),
  };
}

export function renderLinkType(site: Site, l: LinkTypeRecord): Record<string, unknown> {
  return { id: l.id, name: l.name, inward: l.inward, outward: l.outward, self: `${site.baseUrl}/rest/api/3/issueLinkType/${l.id}` };
}

/** `FieldDetails` as `/rest/api/3/field` returns it. */
export function renderField(f: FieldDef): Record<string, unknown> {
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    custom: f.custom,
    orderable: f.orderable,
    navigable: f.navigable,
    searchable: f.searchable,
    clauseNames: f.clauseNames,
    schema: f.schema,
  };
}
