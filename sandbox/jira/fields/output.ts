/** Renders stored field values in Jira's JSON shapes, and as changelog strings. */
import type { Site } from '../model/site';
import type { IssueRecord, StoredValue } from '../model/types';
import { isAdfDoc } from '../adf/types';
import { adfToText } from '../adf/text';
import { jiraDateTime, renderUserRef } from '../render/common';
import { renderComponent, renderPriority, renderVersion } from '../render/meta';

const ids = (v: StoredValue | undefined): string[] => (Array.isArray(v) ? v : []);
const str = (v: StoredValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** A stored value in the shape Jira returns it in `fields`. */
export function renderStoredValue(site: Site, fieldId: string, value: StoredValue | undefined): unknown {
  const cf = site.customFields.get(fieldId);
  if (cf) {
    switch (cf.kind) {
      case 'select': {
        const o = cf.options.find((x) => x.id === value);
        return o ? { self: `${site.baseUrl}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id } : null;
      }
      case 'multiselect': {
        const out = ids(value).flatMap((id) => cf.options.filter((o) => o.id === id)).map((o) => ({ self: `${site.baseUrl}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id }));
        return out.length > 0 ? out : null;
      }
      case 'userpicker': return renderUserRef(site, str(value));
      case 'datetime': return typeof value === 'string' ? jiraDateTime(Date.parse(value)) : null;
      case 'labels': return ids(value);
      default: return value ?? null;
    }
  }
  switch (fieldId) {
    case 'priority': { const p = typeof value === 'string' ? site.priorities.get(value) : undefined; return p ? renderPriority(site, p) : null; }
    case 'components': return ids(value).flatMap((id) => { const c = site.components.get(id); return c ? [renderComponent(site, c)] : []; });
    case 'versions':
    case 'fixVersions': return ids(value).flatMap((id) => { const v = site.versions.get(id); return v ? [renderVersion(site, v)] : []; });
    case 'assignee':
    case 'reporter': return renderUserRef(site, str(value));
    case 'labels': return ids(value);
    default: return value ?? null;
  }
}

/** The `from`/`fromString` pair Jira writes into a changelog item for a value. */
export function describeValue(site: Site, fieldId: string, value: StoredValue | undefined): { id: string | null; text: string | null } {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return { id: null, text: null };
  if (isAdfDoc(value)) return { id: null, text: adfToText(value) };
  const cf = site.customFields.get(fieldId);
  const optionName = (id: string): string => cf?.options.find((o) => o.id === id)?.value ?? id;
  const userName = (id: string): string => site.users.get(id)?.displayName ?? id;
  if (Array.isArray(value)) {
    const name = (id: string): string =>
      cf ? (cf.kind === 'multiselect' ? optionName(id) : id)
        : fieldId === 'components' ? site.components.get(id)?.name ?? id
          : fieldId === 'versions' || fieldId === 'fixVersions' ? site.versions.get(id)?.name ?? id : id;
    const isIdList = cf ? cf.kind === 'multiselect' : fieldId !== 'labels';
    return { id: isIdList ? value.join(', ') : null, text: value.map(name).join(cf?.kind === 'labels' || fieldId === 'labels' ? ' ' : ', ') };
  }
  const s = String(value);
  if (cf?.kind === 'select') return { id: s, text: optionName(s) };
  if (cf?.kind === 'userpicker' || fieldId === 'assignee' || fieldId === 'reporter') return { id: s, text: userName(s) };
  if (fieldId === 'priority') return { id: s, text: site.priorities.get(s)?.name ?? s };
  return { id: null, text: s };
}

/** Current value of any field of an issue, including the ones kept outside `fields` (status, type...). */
export function storedOf(issue: IssueRecord, fieldId: string): StoredValue | undefined {
  switch (fieldId) {
    case 'status': return issue.statusId;
    case 'issuetype': return issue.issueTypeId;
    case 'parent': return issue.parentId;
    default: return issue.fields[fieldId];
  }
}
