/** Applies the `fields` and `update` parts of a create/edit request to a draft of stored values, collecting Jira's errors. */
import type { Site } from '../model/site';
import type { ProjectRecord, StoredFields, StoredValue } from '../model/types';
import { FieldInputError, isListField, parseFieldValue } from '../fields/input';
import { fieldErrors } from '../http/errors';
import { isRecord } from '../http/json';


/** Fields that a create/edit body names but that are applied by the caller (they move the issue, not its values). */
const STRUCTURAL = new Set(['project', 'issuetype', 'parent', 'status']);

/** Parses `fields` and `update` into new stored values on top of `current`; throws a 400 naming every bad field. */
export function applyFieldInput(site: Site, project: ProjectRecord, current: StoredFields, body: { fields?: unknown; update?: unknown }): StoredFields {
  const next: StoredFields = { ...current };
  const errors: Record<string, string> = {};
  const fields = body.fields ?? {};
  const update = body.update ?? {};
  if (!isRecord(fields)) throw fieldErrors({ fields: 'The fields property must be an object.' });
  if (!isRecord(update)) throw fieldErrors({ update: 'The update property must be an object.' });
  const set = (fieldId: string, raw: unknown): void => {
    try {
      const v = parseFieldValue(site, project, fieldId, raw);
      if (v !== undefined) next[fieldId] = v;
    } catch (error) {
      if (error instanceof FieldInputError) errors[fieldId] = error.message;
      else throw error;
    }
  };
  for (const [fieldId, raw] of Object.entries(fields)) {
    if (fieldId === 'status') { errors[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`; continue; }
    if (!STRUCTURAL.has(fieldId)) set(fieldId, raw);
  }
  for (const [fieldId, ops] of Object.entries(update)) {
    if (fieldId in fields) { errors[fieldId] = `Field '${fieldId}' cannot be set in both fields and update.`; continue; }
    if (!Array.isArray(ops)) { errors[fieldId] = 'Operations must be an array.'; continue; }
    for (const op of ops) {
      if (!isRecord(op) || Object.keys(op).length !== 1) { errors[fieldId] = 'Each operation must have exactly one of set, add, remove.'; break; }
      const [verb, value] = Object.entries(op)[0]!;
      if (verb === 'set') set(fieldId, value);
      else if ((verb === 'add' || verb === 'remove') && isListField(site, fieldId)) {
        const before = errors[fieldId];
        const probe: StoredFields = {};
        try {
          const parsed = parseFieldValue(site, project, fieldId, [value]);
          if (parsed !== undefined) probe[fieldId] = parsed;
        } catch (error) {
          if (error instanceof FieldInputError) errors[fieldId] = error.message; else throw error;
        }
        if (errors[fieldId] !== before) break;
        const list = (Array.isArray(next[fieldId]) ? next[fieldId] : []) as string[];
        const items = (probe[fieldId] ?? []) as string[];
        next[fieldId] = verb === 'add' ? [...list, ...items.filter((i) => !list.includes(i))] : list.filter((i) => !items.includes(i));
      } else {
        errors[fieldId] = `Field '${fieldId}' does not support operation '${verb}'.`;
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return next;
}

/** The stored value of a field after `applyFieldInput`, for callers that need one field. */
export const valueOf = (fields: StoredFields, id: string): StoredValue | undefined => fields[id];
