/** Turns the `fields` of a create/edit request into stored values, with Jira's per-field error messages. */
import type { Site } from '../model/site';
import type { CustomFieldRecord, ProjectRecord, StoredValue } from '../model/types';
import { isAdfDoc, type AdfDoc } from '../adf/types';
import { validateAdf } from '../openapi/adf';
import { isRecord } from '../http/json';

/** A problem with one field's value; collected into Jira's `errors` map. */
export class FieldInputError extends Error {}

const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function adf(value: unknown): AdfDoc | null {
  if (value === null) return null;
  if (!isAdfDoc(value)) throw new FieldInputError(NOT_ADF);
  const problems = validateAdf(value);
  if (problems.length > 0) throw new FieldInputError(`${NOT_ADF}: ${problems[0]!.path} ${problems[0]!.message}`);
  return value;
}

function isoDate(value: unknown): string | null {
  if (value === null || value === '') return null;
  const s = asString(value);
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) throw new FieldInputError(`Error parsing date string: ${String(value)}`);
  return s;
}

function isoDateTime(value: unknown): string | null {
  if (value === null || value === '') return null;
  const s = asString(value);
  const normalised = s?.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (s === undefined || normalised === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) || Number.isNaN(Date.parse(normalised))) {
    throw new FieldInputError(`Error parsing date-time string: ${String(value)}`);
  }
  return new Date(Date.parse(normalised)).toISOString();
}

function user(site: Site, value: unknown): string | null {
  if (value === null) return null;
  const id = isRecord(value) ? asString(value['accountId'] ?? value['id']) : undefined;
  if (id === undefined || !site.users.get(id)?.active) throw new FieldInputError('Specified user does not exist or you do not have required permissions');
  return id;
}

function named<T extends { id: string; name: string }>(items: Iterable<T>, value: unknown, what: string): T {
  if (!isRecord(value)) throw new FieldInputError(`Specify the ${what} (id or name) in the field`);
  const id = asString(value['id']);
  const name = asString(value['name']);
  const list = [...items];
  const found = id !== undefined ? list.find((x) => x.id === id) : name !== undefined ? list.find((x) => x.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (!found) throw new FieldInputError(id !== undefined ? `${what} id '${id}' is not valid` : name !== undefined ? `${what} name '${name}' is not valid` : `Specify the ${what} (id or name) in the field`);
  return found;
}

function list(value: unknown, what: string): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new FieldInputError(`Field '${what}' must be an array`);
  return value;
}

function labels(value: unknown, field: string): string[] {
  return list(value, field).map((l) => {
    if (typeof l !== 'string' || l.length === 0) throw new FieldInputError('Labels must be non-empty strings');
    if (/\s/.test(l)) throw new FieldInputError(`The label '${l}' contains spaces which is invalid.`);
    if (l.length > 255) throw new FieldInputError('The label must not exceed 255 characters.');
    return l;
  });
}

function option(cf: CustomFieldRecord, value: unknown): string {
  if (!isRecord(value)) throw new FieldInputError(`Specify a valid 'id' or 'name' for ${cf.name}`);
  const id = asString(value['id']);
  const v = asString(value['value'] ?? value['name']);
  const found = cf.options.find((o) => (id !== undefined ? o.id === id : o.value === v));
  if (!found || found.disabled) throw new FieldInputError(id !== undefined ? `Option id '${id}' is not valid` : `Option value '${v ?? ''}' is not valid`);
  return found.id;
}

function customValue(site: Site, cf: CustomFieldRecord, value: unknown): StoredValue {
  if (value === null) return cf.kind === 'multiselect' || cf.kind === 'labels' ? [] : null;
  switch (cf.kind) {
    case 'textfield': {
      if (typeof value !== 'string') throw new FieldInputError('Operation value must be a string');
      if (value.length > 255) throw new FieldInputError('Text fields cannot be more than 255 characters.');
      return value;
    }
    case 'url':
      if (typeof value !== 'string' || (value !== '' && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value))) throw new FieldInputError(`Not a valid URL`);
      return value === '' ? null : value;
    case 'textarea': return adf(value);
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new FieldInputError('Operation value must be a number');
      return value;
    case 'datepicker': return isoDate(value);
    case 'datetime': return isoDateTime(value);
    case 'select': return option(cf, value);
    case 'multiselect': return list(value, cf.id).map((v) => option(cf, v));
    case 'userpicker': return user(site, value);
    case 'labels': return labels(value, cf.id);
  }
}

/**
 * Parses one field of a create/edit request. `project` scopes components and versions.
 * Returns undefined for fields that are handled elsewhere (project, issuetype, parent).
 */
export function parseFieldValue(site: Site, project: ProjectRecord, fieldId: string, value: unknown): StoredValue | undefined {
  const cf = site.customFields.get(fieldId);
  if (cf) return customValue(site, cf, value);
  switch (fieldId) {
    case 'summary': {
      if (typeof value !== 'string' || value.trim() === '') throw new FieldInputError('You must specify a summary of the issue.');
      if (value.length > 255) throw new FieldInputError('Summary must be less than 255 characters.');
      if (/[\r\n]/.test(value)) throw new FieldInputError('The summary is invalid because it contains newline characters.');
      return value;
    }
    case 'description':
    case 'environment': return adf(value);
    case 'priority': return value === null ? null : named(site.priorities.values(), value, 'Priority').id;
    case 'labels': return labels(value, fieldId);
    case 'components': {
      const own = [...site.components.values()].filter((c) => c.projectId === project.id);
      return list(value, fieldId).map((v) => named(own, v, 'Component').id);
    }
    case 'versions':
    case 'fixVersions': {
      const own = [...site.versions.values()].filter((v) => v.projectId === project.id);
      return list(value, fieldId).map((v) => named(own, v, 'Version').id);
    }
    case 'duedate': return isoDate(value);
    case 'assignee':
    case 'reporter': return user(site, value);
    case 'project':
    case 'issuetype':
    case 'parent': return undefined;
    default: throw new FieldInputError(`Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`);
  }
}

/** Fields whose value is a list, for `update` operations `add` and `remove`. */
export function isListField(site: Site, fieldId: string): boolean {
  const cf = site.customFields.get(fieldId);
  if (cf) return cf.kind === 'multiselect' || cf.kind === 'labels';
  return ['labels', 'components', 'versions', 'fixVersions'].includes(fieldId);
}
