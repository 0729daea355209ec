/**
 * Whether writing an incoming value would change a field, so resync and reconciliation write (and
 * report) only what differs. Both values are compared in this side's terms: the incoming one as apply
 * would write it (`toJiraInput`: value map, users resolved), the current one as `readValue` reads it.
 */
import type { FieldMapping } from '../config/schema';
import { portableAdf } from './adf';
import { AdfDoc, type PortableValue } from './message';
import { localFieldId, readValue, shapeOf, toJiraInput, type UserResolver } from './values';

/** Deep equality of JSON-like data; object key order does not matter, and an undefined member is an absent one. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

/** The name a `{ name }` / `{ value }` input carries. */
const inputName = (v: unknown): string | null => {
  const r = v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  const n = r?.['name'] ?? r?.['value'];
  return typeof n === 'string' ? n : null;
};

/** A document in portable form, or null when it holds nothing (an empty document and an empty field are alike). */
const portableDoc = (v: unknown): AdfDoc | null => {
  const doc = AdfDoc.safeParse(v);
  if (!doc.success) return null;
  const ported = portableAdf(doc.data);
  return ported.content.length > 0 ? ported : null;
};

const joinWords = (label: string): string => label.replace(/\s+/g, '_');

/**
 * True when writing `incoming` (the partner's portable value, in partner names) into the field whose
 * current REST value on this side is `current` would change nothing.
 */
export function sameValue(m: FieldMapping, current: unknown, incoming: PortableValue, users: UserResolver): boolean {
  const input = toJiraInput(m, incoming, users);
  // Apply writes nothing for an unusable value (it reports the field instead), so there is no difference to write.
  if (input === undefined) return true;
  const shape = shapeOf(m);
  const now = readValue(shape, current);
  switch (shape) {
    case 'text': {
      const a = typeof input === 'string' ? input : null;
      const b = typeof now === 'string' ? now : null;
      return m.kind === 'system' && m.field === 'summary' ? a === b : (a ?? '') === (b ?? '');
    }
    case 'number': {
      const a = typeof input === 'number' && !Number.isNaN(input) ? input : null;
      const b = typeof now === 'number' && !Number.isNaN(now) ? now : null;
      return a === b;
    }
    case 'rich': {
      const b = now && typeof now === 'object' && !Array.isArray(now) && 'adf' in now ? now.adf : null;
      return deepEqual(portableDoc(input), portableDoc(b));
    }
    case 'name': return inputName(input) === (typeof now === 'string' ? now : null);
    case 'names': {
      const a = Array.isArray(input) ? input.map(inputName).filter((n): n is string => n !== null) : [];
      return sameSet(a, Array.isArray(now) ? now : []);
    }
    case 'labels': {
      const a = Array.isArray(input) ? input.filter((l): l is string => typeof l === 'string') : [];
      return sameSet(a, (Array.isArray(now) ? now : []).map(joinWords));
    }
    case 'user': {
      const a = input && typeof input === 'object' && typeof (input as { accountId?: unknown }).accountId === 'string' ? (input as { accountId: string }).accountId : null;
      const b = now && typeof now === 'object' && !Array.isArray(now) && 'user' in now ? now.user.accountId : null;
      return a === b;
    }
  }
}

/**
 * The mappings whose incoming value would change the field: only fields present in `incoming`.
 * `current` and `incoming` are keyed by this side's field id.
 */
export function differingFields(
  mappings: readonly FieldMapping[],
  current: Readonly<Record<string, unknown>>,
  incoming: Readonly<Record<string, PortableValue>>,
  users: UserResolver,
): FieldMapping[] {
  return mappings.filter((m) => {
    const id = localFieldId(m);
    return Object.hasOwn(incoming, id) && !sameValue(m, current[id], incoming[id] as PortableValue, users);
  });
}
