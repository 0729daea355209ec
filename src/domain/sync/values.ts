/**
 * Field values between Jira's REST shapes and the site-neutral form messages carry. Reading is done by
 * the sender with its mapping; writing by the receiver with its own (value maps apply here, by name).
 */
import type { FieldMapping } from '../config/schema';
import { portableAdf, textParagraph } from './adf';
import { AdfDoc, type PortableUser, type PortableValue } from './message';

/** How a field's value looks, whatever the field. */
export type FieldShape = 'text' | 'number' | 'rich' | 'name' | 'names' | 'labels' | 'user';

const SYSTEM_SHAPES: Record<string, FieldShape> = {
  summary: 'text', description: 'rich', environment: 'rich', priority: 'name', labels: 'labels',
  components: 'names', fixVersions: 'names', versions: 'names', duedate: 'text', assignee: 'user', reporter: 'user',
};
const CUSTOM_SHAPES: Record<string, FieldShape> = {
  text: 'text', url: 'text', date: 'text', datetime: 'text', paragraph: 'rich', number: 'number',
  select: 'name', multiselect: 'names', user: 'user', labels: 'labels',
};

export function shapeOf(m: FieldMapping): FieldShape {
  return m.kind === 'system' ? SYSTEM_SHAPES[m.field]! : CUSTOM_SHAPES[m.type]!;
}

/** The Jira field id a mapping reads and writes on its own side. */
export function localFieldId(m: FieldMapping): string {
  return m.kind === 'system' ? m.field : m.local.id;
}

/** The partner's field id, which keys the value in an outgoing message. */
export function partnerFieldId(m: FieldMapping): string {
  return m.kind === 'system' ? (m.partnerField ?? m.field) : m.partner.id;
}

const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const nameOf = (v: unknown): string | undefined => {
  const r = rec(v);
  const n = r?.['name'] ?? r?.['value'];
  return typeof n === 'string' ? n : undefined;
};

export function portableUser(v: unknown): PortableUser | undefined {
  const r = rec(v);
  if (!r || typeof r['accountId'] !== 'string') return undefined;
  return {
    accountId: r['accountId'],
    ...(typeof r['emailAddress'] === 'string' ? { email: r['emailAddress'] } : {}),
    ...(typeof r['displayName'] === 'string' ? { displayName: r['displayName'] } : {}),
  };
}

/** A field's value as Jira's REST API returns it, in portable form. */
export function readValue(shape: FieldShape, raw: unknown): PortableValue {
  if (raw === undefined || raw === null) return shape === 'names' || shape === 'labels' ? [] : null;
  switch (shape) {
    // Scalars only: String() of an object is "[object Object]", and of a deeply nested array overflows the stack.
    case 'text': return typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
    case 'number': return typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
    case 'rich': {
      const doc = AdfDoc.safeParse(raw);
      return doc.success ? { adf: portableAdf(doc.data) } : null;
    }
    case 'name': return nameOf(raw) ?? null;
    case 'names': return Array.isArray(raw) ? raw.map(nameOf).filter((n): n is string => n !== undefined) : [];
    case 'labels': return Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : [];
    case 'user': {
      const u = portableUser(raw);
      return u ? { user: u } : null;
    }
  }
}

/** A partner name as this side calls it: through the value map, else unchanged. */
export function localName(m: FieldMapping, partnerName: string): string {
  return m.valueMap.find((e) => e.partner === partnerName)?.local ?? partnerName;
}

/** Resolves a partner user to a local accountId (null: nobody, leave empty). */
export type UserResolver = (user: PortableUser) => string | null;

/**
 * The value to send Jira for one field, or `undefined` when the portable value does not fit the field
 * (a wrong shape from a misconfigured partner): the engine reports that field instead of writing it.
 */
export function toJiraInput(m: FieldMapping, value: PortableValue, users: UserResolver): unknown {
  const shape = shapeOf(m);
  const named = (n: string) => (m.kind === 'custom' ? { value: localName(m, n) } : { name: localName(m, n) });
  switch (shape) {
    case 'text':
      if (value === null) return m.kind === 'system' && m.field === 'summary' ? undefined : null;
      return typeof value === 'string' ? value : undefined;
    case 'number': return value === null || typeof value === 'number' ? value : undefined;
    case 'rich':
      if (value === null) return null;
      return typeof value === 'object' && !Array.isArray(value) && 'adf' in value ? value.adf : undefined;
    case 'name':
      if (value === null) return m.kind === 'system' ? undefined : null;
      return typeof value === 'string' ? named(value) : undefined;
    case 'names':
      if (value === null) return [];
      return Array.isArray(value) ? value.map(named) : undefined;
    case 'labels':
      if (value === null) return [];
      // Jira labels cannot hold spaces; a partner's label with one becomes two words joined by '_'.
      return Array.isArray(value) ? value.map((l) => l.replace(/\s+/g, '_')) : undefined;
    case 'user': {
      if (value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value) || !('user' in value)) return undefined;
      const id = users(value.user) ?? m.default;
      return id ? { accountId: id } : null;
    }
  }
}

/** The input that writes a mapping's default instead of a value the receiving side does not know. */
export function defaultInput(m: FieldMapping): unknown {
  if (m.default === null) return undefined;
  switch (shapeOf(m)) {
    case 'name': return m.kind === 'custom' ? { value: m.default } : { name: m.default };
    case 'names': return m.kind === 'custom' ? [{ value: m.default }] : [{ name: m.default }];
    case 'user': return { accountId: m.default };
    case 'number': return Number(m.default);
    // Jira takes only a list for labels and only a document for rich text; a bare string is refused.
    case 'labels': return [m.default];
    case 'rich': return { type: 'doc', version: 1, content: [textParagraph(m.default)] };
    default: return m.default;
  }
}
