/** Presents emulator issues to the JQL engine: the field schema of a site and one issue's searchable values. */
import type { JqlFieldDef, JqlIssueView, JqlSchema, JqlValue } from '../jql';
import type { Site } from '../model/site';
import type { IssueRecord, UserRecord } from '../model/types';
import { fieldCatalog } from '../fields/catalog';
import { adfToText } from '../adf/text';
import { isAdfDoc } from '../adf/types';

/** The JQL schema of a site: searchable system fields and every custom field by `cf[n]` and name. */
export function jqlSchema(site: Site): JqlSchema {
  const fields: JqlFieldDef[] = [
    { id: 'issuekey', names: ['issuekey', 'key', 'issue'], type: 'issuekey' },
    { id: 'id', names: ['id'], type: 'id' },
    { id: 'parent', names: ['parent'], type: 'string' },
    { id: 'comment', names: ['comment'], type: 'text', orderable: false },
  ];
  for (const f of fieldCatalog(site)) {
    if (f.jqlType === null || ['issuekey', 'parent', 'comment'].includes(f.id)) continue;
    fields.push({ id: f.id, names: f.custom ? f.clauseNames : [...new Set([f.id, ...f.clauseNames])], type: f.jqlType });
  }
  return { fields };
}

const userAliases = (u: UserRecord | undefined): string[] => (u ? [u.accountId, u.displayName, ...(u.emailAddress ? [u.emailAddress] : [])] : []);

/** One issue's values by JQL field id; string fields give every alias (id, key, name) they match by. */
export function jqlView(site: Site, issue: IssueRecord): JqlIssueView {
  const value = (fieldId: string): JqlValue => {
    const raw = issue.fields[fieldId];
    const cf = site.customFields.get(fieldId);
    if (cf) {
      if (raw === null || raw === undefined) return null;
      switch (cf.kind) {
        case 'textarea': return isAdfDoc(raw) ? adfToText(raw) : null;
        case 'select': return cf.options.filter((o) => o.id === raw).flatMap((o) => [o.id, o.value]);
        case 'multiselect': return Array.isArray(raw) ? cf.options.filter((o) => raw.includes(o.id)).flatMap((o) => [o.id, o.value]) : null;
        case 'userpicker': return typeof raw === 'string' ? userAliases(site.users.get(raw)) : null;
        case 'datepicker': return typeof raw === 'string' ? new Date(`${raw}T00:00:00Z`) : null;
        case 'datetime': return typeof raw === 'string' ? new Date(raw) : null;
        default: return isAdfDoc(raw) ? adfToText(raw) : (raw as JqlValue);
      }
    }
    switch (fieldId) {
      case 'issuekey': return [issue.key];
      case 'id': return Number(issue.id);
      case 'project': { const p = site.projects.get(issue.projectId); return p ? [p.id, p.key, p.name] : null; }
      case 'issuetype': { const t = site.issueTypes.get(issue.issueTypeId); return t ? [t.id, t.name] : null; }
      case 'status': { const s = site.statuses.get(issue.statusId); return s ? [s.id, s.name] : null; }
      case 'statusCategory': { const s = site.statuses.get(issue.statusId); return s ? [s.category, { new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[s.category]] : null; }
      case 'priority': { const p = typeof raw === 'string' ? site.priorities.get(raw) : undefined; return p ? [p.id, p.name] : null; }
      case 'components': return Array.isArray(raw) ? raw.flatMap((id) => { const c = site.components.get(id); return c ? [c.id, c.name] : []; }) : null;
      case 'versions':
      case 'fixVersions': return Array.isArray(raw) ? raw.flatMap((id) => { const v = site.versions.get(id); return v ? [v.id, v.name] : []; }) : null;
      case 'assignee':
      case 'reporter': return typeof raw === 'string' ? userAliases(site.users.get(raw)) : null;
      case 'creator': return userAliases(site.users.get(issue.creatorId));
      case 'created': return new Date(issue.created);
      case 'updated': return new Date(issue.updated);
      case 'resolutiondate': return issue.resolutionDate === null ? null : new Date(issue.resolutionDate);
      case 'statuscategorychangedate': return new Date(issue.statusCategoryChanged);
      case 'duedate': return typeof raw === 'string' ? new Date(`${raw}T00:00:00Z`) : null;
      case 'parent': { const p = issue.parentId ? site.issues.get(issue.parentId) : undefined; return p ? [p.id, p.key] : null; }
      case 'comment': return issue.commentIds.map((id) => adfToText(site.comments.get(id)?.body)).join('\n');
      case 'summary': return typeof raw === 'string' ? raw : null;
      case 'description':
      case 'environment': return isAdfDoc(raw) ? adfToText(raw) : null;
      case 'labels': return Array.isArray(raw) ? raw : null;
      default: return (raw ?? null) as JqlValue;
    }
  };
  return {
    get: value,
    sortValue(fieldId) {
      if (fieldId === 'issuekey') return issue.key;
      const v = value(fieldId);
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) {
        // Sort by the display name (last alias), as Jira sorts statuses and users by name.
        const last = v[v.length - 1];
        return last === undefined ? null : last;
      }
      return v as string | number | Date;
    },
  };
}
