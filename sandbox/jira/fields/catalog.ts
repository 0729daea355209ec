/** The field catalog of a site as `/rest/api/3/field` lists it: system fields plus the site's custom fields. */
import type { Site } from '../model/site';
import type { CustomFieldKind, CustomFieldRecord } from '../model/types';

export type JqlType = 'string' | 'text' | 'number' | 'date' | 'datetime' | 'issuekey' | 'id';

export interface FieldDef {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  /** Settable through create/edit. */
  editable: boolean;
  clauseNames: string[];
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  jqlType: JqlType | null;
  custom_?: CustomFieldRecord;
}

type SystemSeed = [id: string, name: string, type: string, items: string | undefined, editable: boolean, jql: JqlType | null, clauses?: string[]];

const SYSTEM_FIELDS: SystemSeed[] = [
  ['issuekey', 'Key', 'string', undefined, false, 'issuekey', ['id', 'issue', 'issuekey', 'key']],
  ['summary', 'Summary', 'string', undefined, true, 'text'],
  ['description', 'Description', 'string', undefined, true, 'text'],
  ['environment', 'Environment', 'string', undefined, true, 'text'],
  ['issuetype', 'Issue Type', 'issuetype', undefined, true, 'string', ['issuetype', 'type']],
  ['project', 'Project', 'project', undefined, true, 'string'],
  ['status', 'Status', 'status', undefined, false, 'string'],
  ['statusCategory', 'Status Category', 'statusCategory', undefined, false, 'string'],
  ['priority', 'Priority', 'priority', undefined, true, 'string'],
  ['labels', 'Labels', 'array', 'string', true, 'string'],
  ['components', 'Components', 'array', 'component', true, 'string', ['component']],
  ['versions', 'Affects versions', 'array', 'version', true, 'string', ['affectedVersion']],
  ['fixVersions', 'Fix versions', 'array', 'version', true, 'string', ['fixVersion']],
  ['duedate', 'Due date', 'date', undefined, true, 'date', ['due', 'duedate']],
  ['assignee', 'Assignee', 'user', undefined, true, 'string'],
  ['reporter', 'Reporter', 'user', undefined, true, 'string'],
  ['creator', 'Creator', 'user', undefined, false, 'string'],
  ['created', 'Created', 'datetime', undefined, false, 'datetime', ['created', 'createdDate']],
  ['updated', 'Updated', 'datetime', undefined, false, 'datetime', ['updated', 'updatedDate']],
  ['resolutiondate', 'Resolved', 'datetime', undefined, false, 'datetime', ['resolutiondate', 'resolved']],
  ['statuscategorychangedate', 'Status Category Changed', 'datetime', undefined, false, 'datetime'],
  ['parent', 'Parent', 'issuelink', undefined, true, 'string'],
  ['subtasks', 'Sub-tasks', 'array', 'issuelinks', false, null],
  ['issuelinks', 'Linked Issues', 'array', 'issuelinks', false, null],
  ['comment', 'Comment', 'comments-page', undefined, false, 'text'],
  ['attachment', 'Attachment', 'array', 'attachment', false, null],
];

const CUSTOM_SCHEMA: Record<CustomFieldKind, { type: string; items?: string; jql: JqlType }> = {
  textfield: { type: 'string', jql: 'text' },
  textarea: { type: 'string', jql: 'text' },
  float: { type: 'number', jql: 'number' },
  datepicker: { type: 'date', jql: 'date' },
  datetime: { type: 'datetime', jql: 'datetime' },
  select: { type: 'option', jql: 'string' },
  multiselect: { type: 'array', items: 'option', jql: 'string' },
  userpicker: { type: 'user', jql: 'string' },
  labels: { type: 'array', items: 'string', jql: 'string' },
  url: { type: 'string', jql: 'string' },
};

export const CUSTOM_TYPE_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

const cache = new WeakMap<Site, { signature: string; defs: FieldDef[] }>();

/**
 * Every field of the site, system fields first, in a stable order; rebuilt only when custom fields change
 * (by id, name, type or option count, so a field deleted and re-created under a new id is seen).
 */
export function fieldCatalog(site: Site): FieldDef[] {
  const signature = [...site.customFields.values()].map((cf) => `${cf.id}:${cf.kind}:${cf.options.length}:${cf.name}`).join('\n');
  const hit = cache.get(site);
  if (hit && hit.signature === signature) return hit.defs;
  const defs = buildCatalog(site);
  cache.set(site, { signature, defs });
  return defs;
}

function buildCatalog(site: Site): FieldDef[] {
  const system = SYSTEM_FIELDS.map(([id, name, type, items, editable, jql, clauses]): FieldDef => ({
    id, key: id, name, custom: false, orderable: editable, navigable: true, searchable: jql !== null, editable,
    clauseNames: clauses ?? [id],
    schema: { type, ...(items ? { items } : {}), system: id },
    jqlType: jql,
  }));
  const custom = [...site.customFields.values()].map((cf): FieldDef => {
    const s = CUSTOM_SCHEMA[cf.kind];
    return {
      id: cf.id, key: cf.id, name: cf.name, custom: true, orderable: true, navigable: true, searchable: true, editable: true,
      clauseNames: [`cf[${cf.numericId}]`, cf.name],
      schema: { type: s.type, ...(s.items ? { items: s.items } : {}), custom: CUSTOM_TYPE_PREFIX + cf.kind, customId: cf.numericId },
      jqlType: s.jql,
      custom_: cf,
    };
  });
  return [...system, ...custom];
}

export function fieldById(site: Site, id: string): FieldDef | undefined {
  return fieldCatalog(site).find((f) => f.id === id);
}
