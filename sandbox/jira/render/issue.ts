/** Renders an issue as Jira's `IssueBean`, honouring `fields`, `expand` and `properties`. */
import type { Site } from '../model/site';
import type { AttachmentRecord, ChangeHistoryRecord, CommentRecord, IssueRecord, LinkRecord } from '../model/types';
import { fieldCatalog, type FieldDef } from '../fields/catalog';
import { renderStoredValue } from '../fields/output';
import { adfToHtml } from '../adf/text';
import { isAdfDoc } from '../adf/types';
import { jiraDateTime, renderUserRef } from './common';
import { renderIssueType, renderLinkType, renderPriority, renderProjectRef, renderStatus } from './meta';

/** Parsed `fields` parameter: `*all`, `*navigable`, ids, and `-id` exclusions. */
export interface FieldSelection {
  all: boolean;
  include: Set<string>;
  exclude: Set<string>;
}

/** Parses Jira's `fields` list; `fallback` applies when the parameter is absent (`*all` for GET issue, `id` for search). */
export function parseFieldSelection(values: string[] | undefined, fallback: '*all' | '*navigable' | 'id'): FieldSelection {
  const items = (values && values.length > 0 ? values : [fallback]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const sel: FieldSelection = { all: false, include: new Set(), exclude: new Set() };
  for (const item of items) {
    if (item === '*all' || item === '*navigable') sel.all = true;
    else if (item.startsWith('-')) sel.exclude.add(item.slice(1));
    else sel.include.add(item);
  }
  return sel;
}

export interface IssueRenderOptions {
  fields: FieldSelection;
  expand: Set<string>;
  properties: string[];
}

const ISSUE_LEVEL = new Set(['issuekey', 'statusCategory']);

function selectedFields(site: Site, sel: FieldSelection): FieldDef[] {
  const catalog = fieldCatalog(site).filter((f) => !ISSUE_LEVEL.has(f.id));
  return catalog.filter((f) => (sel.all || sel.include.has(f.id) || sel.include.has(f.name)) && !sel.exclude.has(f.id));
}

/** The small issue reference Jira nests in parents, sub-tasks and links. */
export function renderIssueRef(site: Site, issue: IssueRecord): Record<string, unknown> {
  const status = site.statuses.get(issue.statusId);
  const type = site.issueTypes.get(issue.issueTypeId);
  const priority = typeof issue.fields['priority'] === 'string' ? site.priorities.get(issue.fields['priority']) : undefined;
  return {
    id: issue.id,
    key: issue.key,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.fields['summary'] ?? '',
      ...(status ? { status: renderStatus(site, status) } : {}),
      ...(priority ? { priority: renderPriority(site, priority) } : {}),
      ...(type ? { issuetype: renderIssueType(site, type) } : {}),
    },
  };
}

export function renderComment(site: Site, c: CommentRecord, withRendered = false): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
    id: c.id,
    author: renderUserRef(site, c.authorId),
    body: c.body,
    ...(withRendered ? { renderedBody: adfToHtml(c.body) } : {}),
    updateAuthor: renderUserRef(site, c.updateAuthorId),
    created: jiraDateTime(c.created),
    updated: jiraDateTime(c.updated),
    ...(c.visibility ? { visibility: { ...c.visibility, identifier: c.visibility.value } } : {}),
    jsdPublic: true,
  };
}

export function renderAttachment(site: Site, a: AttachmentRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    author: renderUserRef(site, a.authorId),
    created: jiraDateTime(a.created),
    size: a.content.byteLength,
    mimeType: a.mimeType,
    content: `${site.baseUrl}/rest/api/3/attachment/content/${a.id}`,
  };
}

/** One link as seen from `issue`: the other issue is inward or outward. */
export function renderLinkFrom(site: Site, link: LinkRecord, issueId: string): Record<string, unknown> | null {
  const type = site.linkTypes.get(link.typeId);
  const otherId = link.inwardIssueId === issueId ? link.outwardIssueId : link.inwardIssueId;
  const other = site.issues.get(otherId);
  if (!type || !other) return null;
  const side = link.inwardIssueId === issueId ? 'outwardIssue' : 'inwardIssue';
  return { id: link.id, self: `${site.baseUrl}/rest/api/3/issueLink/${link.id}`, type: renderLinkType(site, type), [side]: renderIssueRef(site, other) };
}

export function renderHistory(site: Site, h: ChangeHistoryRecord): Record<string, unknown> {
  // The document types from/to as non-null strings: an empty side is left out rather than sent as null.
  const items = h.items.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== null)));
  return { id: h.id, author: renderUserRef(site, h.authorId), created: jiraDateTime(h.created), items };
}

function fieldValue(site: Site, issue: IssueRecord, f: FieldDef): unknown {
  switch (f.id) {
    case 'status': { const s = site.statuses.get(issue.statusId); return s ? renderStatus(site, s) : null; }
    case 'issuetype': { const t = site.issueTypes.get(issue.issueTypeId); return t ? renderIssueType(site, t) : null; }
    case 'project': { const p = site.projects.get(issue.projectId); return p ? renderProjectRef(site, p) : null; }
    case 'creator': return renderUserRef(site, issue.creatorId);
    case 'created': return jiraDateTime(issue.created);
    case 'updated': return jiraDateTime(issue.updated);
    case 'resolutiondate': return issue.resolutionDate === null ? null : jiraDateTime(issue.resolutionDate);
    case 'statuscategorychangedate': return jiraDateTime(issue.statusCategoryChanged);
    case 'parent': { const p = issue.parentId ? site.issues.get(issue.parentId) : undefined; return p ? renderIssueRef(site, p) : undefined; }
    case 'subtasks': return [...site.issues.values()].filter((i) => i.parentId === issue.id).map((i) => renderIssueRef(site, i));
    case 'issuelinks': return [...site.links.values()].filter((l) => l.inwardIssueId === issue.id || l.outwardIssueId === issue.id).flatMap((l) => renderLinkFrom(site, l, issue.id) ?? []);
    case 'attachment': return issue.attachmentIds.flatMap((id) => { const a = site.attachments.get(id); return a ? [renderAttachment(site, a)] : []; });
    case 'comment': {
      const comments = issue.commentIds.flatMap((id) => { const c = site.comments.get(id); return c ? [renderComment(site, c)] : []; });
      return { comments, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    }
    default: return renderStoredValue(site, f.id, issue.fields[f.id]);
  }
}

/** Renders `issue`; with no fields selected (search's default) only the id is returned, as `/search/jql` does. */
export function renderIssue(site: Site, issue: IssueRecord, opts: IssueRenderOptions): Record<string, unknown> {
  const defs = selectedFields(site, opts.fields);
  const onlyId = defs.length === 0 && opts.expand.size === 0 && opts.properties.length === 0 && !opts.fields.include.has('key');
  if (onlyId) return { id: issue.id };
  const fields: Record<string, unknown> = {};
  for (const f of defs) {
    const v = fieldValue(site, issue, f);
    if (v !== undefined) fields[f.id] = v;
  }
  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields,
  };
  if (opts.expand.has('renderedFields')) {
    bean['renderedFields'] = Object.fromEntries(defs.map((f) => {
      const raw = f.id === 'comment' || f.id === 'status' ? undefined : issue.fields[f.id];
      return [f.id, isAdfDoc(raw) ? adfToHtml(raw) : null];
    }));
  }
  if (opts.expand.has('names')) bean['names'] = Object.fromEntries(defs.map((f) => [f.id, f.name]));
  if (opts.expand.has('schema')) bean['schema'] = Object.fromEntries(defs.map((f) => [f.id, f.schema]));
  if (opts.expand.has('changelog')) {
    const histories = issue.changelog.slice(-40).reverse().map((h) => renderHistory(site, h));
    bean['changelog'] = { startAt: 0, maxResults: histories.length, total: issue.changelog.length, histories };
  }
  if (opts.properties.length > 0) {
    bean['properties'] = Object.fromEntries(opts.properties.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]));
  }
  return bean;
}

/** Expand values from either a comma string (GET) or a list (POST bodies). */
export function parseExpand(value: string | string[] | null | undefined): Set<string> {
  const list = Array.isArray(value) ? value : (value ?? '').split(',');
  return new Set(list.map((v) => v.trim()).filter(Boolean));
}
