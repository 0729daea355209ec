/** Resolves field names written in JQL (any case, quoted, `cf[10010]`, or the `text` pseudo-field) to schema fields. */
import { unknownFieldError } from './errors';
import type { JqlFieldDef, JqlFieldType, JqlIssueView, JqlSchema, JqlScalar, JqlValue } from './types';

/** A schema field bound to the name the query used for it. */
export interface ResolvedField {
  id: string;
  /** The name as written in the query, for error messages. */
  name: string;
  type: JqlFieldType;
  orderable: boolean;
  /** True for the `text` pseudo-field that searches every 'text' field. */
  pseudo: boolean;
  /** The issue's non-empty values; the pseudo-field yields one entry per value of every text field. */
  values(issue: JqlIssueView): JqlScalar[];
}

/** Looks a written field name up; throws JqlError when the schema has no such field. */
export type FieldResolver = (name: string) => ResolvedField;

const CUSTOM_FIELD_REF = /^cf\[(\d+)\]$/i;
const TEXT_PSEUDO_FIELD = 'text';

/** Builds a resolver over `schema`: declared names first, then `cf[N]`, then the canonical id, then `text`. */
export function createFieldResolver(schema: JqlSchema): FieldResolver {
  const byName = new Map<string, JqlFieldDef>();
  const byId = new Map<string, JqlFieldDef>();
  for (const field of schema.fields) {
    byId.set(field.id.toLowerCase(), field);
    for (const name of field.names) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), field);
  }
  const textFields = schema.fields.filter((field) => field.type === 'text').map((field) => field.id);

  return (name) => {
    const key = name.trim().toLowerCase();
    const customId = CUSTOM_FIELD_REF.exec(key)?.[1];
    const field = byName.get(key) ?? (customId ? byId.get(`customfield_${customId}`) : undefined) ?? byId.get(key);
    if (field) {
      return {
        id: field.id,
        name,
        type: field.type,
        orderable: field.orderable ?? true,
        pseudo: false,
        values: (issue) => toScalars(issue.get(field.id)),
      };
    }
    if (key === TEXT_PSEUDO_FIELD) {
      const values = (issue: JqlIssueView): JqlScalar[] => textFields.flatMap((id) => toScalars(issue.get(id)));
      return { id: TEXT_PSEUDO_FIELD, name, type: 'text', orderable: false, pseudo: true, values };
    }
    throw unknownFieldError(name);
  };
}

/** Normalises a view value to a list, dropping null, undefined and '' so that `[]` means EMPTY. */
export function toScalars(value: JqlValue): JqlScalar[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object' && !(value instanceof Date)) return value.filter((item) => item !== '');
  return value === '' ? [] : [value];
}
