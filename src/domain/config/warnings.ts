/**
 * What a configuration refers to that either project no longer has: issue types, statuses, custom
 * fields (or a field whose type changed), values named in value maps, link types, the correlation
 * field. After a project migration ids change and names stay, so each warning suggests re-pointing to
 * the same name where one exists and removing the entry where nothing matches. Pure: the editor and
 * the import screen both call it with the two catalogs.
 */
import type { ProjectCatalog } from './catalog';
import { customTypeName, fieldMappingName, valueSourceNoun, valueSourceOf, type ValueSource } from './labels';
import type { FieldMapping, Ref, SyncConfig } from './schema';

/** The editor tab a warning (or a path) belongs to. */
export const CONFIG_TABS = ['issueTypes', 'fields', 'workflows', 'comments', 'attachments', 'links', 'users', 'filters', 'advanced'] as const;
export type ConfigTab = (typeof CONFIG_TABS)[number];

export interface ConfigFix {
  /** What applying does, e.g. 'Use "Squad" (same name, now customfield_10077)' or 'Remove this mapping'. */
  label: string;
  /** Returns the fixed configuration; the input is not changed. Unchanged when the entry is gone already. */
  apply: (config: SyncConfig) => SyncConfig;
}

export interface ConfigWarning {
  /** Stable across edits that do not touch the entry: tab, the entry's ids, the side. */
  id: string;
  tab: ConfigTab;
  /** Config path of the broken reference, e.g. `fields.3.partner`. */
  at: string;
  message: string;
  fix: ConfigFix | null;
}

type Side = 'local' | 'partner';
type Field = FieldMapping;
type StatusMapping = SyncConfig['statuses'][number];

const norm = (s: string) => s.trim().toLowerCase();
const byName = <T extends { name: string }>(list: readonly T[], name: string): T | undefined => list.find((x) => norm(x.name) === norm(name));
const sameName = (list: readonly string[], name: string): string | undefined => list.find((x) => norm(x) === norm(name));
const ref = (x: { id: string; name: string }): Ref => ({ id: x.id, name: x.name });

/**
 * Finds an entry again when a fix is applied: at its old index if it is still there, else wherever it
 * moved. Later tests are looser (names), so a fix still lands after another fix re-pointed the same entry.
 */
function locate<T>(list: readonly T[], index: number, ...tests: Array<(t: T) => boolean>): number {
  const at = list[index];
  for (const test of tests) if (at !== undefined && test(at)) return index;
  for (const test of tests) {
    const i = list.findIndex(test);
    if (i >= 0) return i;
  }
  return -1;
}

function replaceAt<T>(list: readonly T[], index: number, item: T | null): T[] {
  return item === null ? list.filter((_, i) => i !== index) : list.map((x, i) => (i === index ? item : x));
}

const fieldKey = (f: Field) => (f.kind === 'system' ? `system:${f.field}` : `custom:${f.local.id}`);
const fieldNames = (f: Field) => (f.kind === 'system' ? `system:${f.field}` : `custom:${f.local.name}>${f.partner.name}`);
const typePair = (t: { local: Ref; partner: Ref }) => `${t.local.id}>${t.partner.id}`;
const typeNames = (t: { local: Ref; partner: Ref }) => `${t.local.name}>${t.partner.name}`;
const statusKey = (s: StatusMapping) => `${s.local.id}>${s.partner.id}${s.issueType ? `@${s.issueType}` : ''}`;
const statusNames = (s: StatusMapping) => `${s.local.name}>${s.partner.name}`;

/** Applies `change` to the field mapping that was `original` at `index` when the warning was made (null removes it). */
function onField(config: SyncConfig, index: number, original: Field, change: (f: Field) => Field | null): SyncConfig {
  const i = locate(config.fields, index, (f) => fieldKey(f) === fieldKey(original), (f) => fieldNames(f) === fieldNames(original));
  if (i < 0) return config;
  return { ...config, fields: replaceAt(config.fields, i, change(config.fields[i]!)) };
}

function onStatus(config: SyncConfig, index: number, original: StatusMapping, change: (s: StatusMapping) => StatusMapping | null): SyncConfig {
  const i = locate(config.statuses, index, (s) => statusKey(s) === statusKey(original), (s) => statusNames(s) === statusNames(original));
  if (i < 0) return config;
  return { ...config, statuses: replaceAt(config.statuses, i, change(config.statuses[i]!)) };
}

interface Sides {
  local: ProjectCatalog;
  partner: ProjectCatalog | null;
  name: Record<Side, string>;
}

const catalogOf = (sides: Sides, side: Side): ProjectCatalog | null => (side === 'local' ? sides.local : sides.partner);

/**
 * Every reference in `config` to something missing in the local or the partner catalog (partner null:
 * local checks only), each with a suggested fix whose result still passes `SyncConfig.safeParse`.
 */
export function configWarnings(config: SyncConfig, local: ProjectCatalog, partner: ProjectCatalog | null): ConfigWarning[] {
  const sides: Sides = { local, partner, name: { local: local.project.key, partner: partner?.project.key ?? config.partner.projectKey } };
  return [
    ...issueTypeWarnings(config, sides),
    ...fieldWarnings(config, sides),
    ...statusWarnings(config, sides),
    ...attachmentWarnings(config),
    ...linkWarnings(config, sides),
    ...userWarnings(config, sides),
    ...advancedWarnings(config, sides),
  ];
}

function issueTypeWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  config.issueTypes.forEach((t, i) => {
    for (const side of ['local', 'partner'] as const) {
      const catalog = catalogOf(sides, side);
      const current = t[side];
      if (!catalog || catalog.issueTypes.some((x) => x.id === current.id)) continue;
      const candidate = byName(catalog.issueTypes, current.name);
      const key = typePair(t);
      const repointed = candidate ? { ...t, [side]: ref(candidate) } : null;
      const duplicate = repointed !== null && config.issueTypes.some((x, j) => j !== i && typePair(x) === typePair(repointed));
      const remove = (c: SyncConfig): SyncConfig => {
        const j = locate(c.issueTypes, i, (x) => typePair(x) === key, (x) => typeNames(x) === typeNames(t));
        return j < 0 || c.issueTypes.length < 2 ? c : { ...c, issueTypes: replaceAt(c.issueTypes, j, null) };
      };
      let fix: ConfigFix | null = null;
      if (candidate && !duplicate) {
        fix = {
          label: `Use "${candidate.name}" (same name, now ${candidate.id})`,
          apply: (c) => {
            const j = locate(c.issueTypes, i, (x) => typePair(x) === key, (x) => typeNames(x) === typeNames(t));
            if (j < 0) return c;
            const next = { ...c.issueTypes[j]!, [side]: ref(candidate) };
            return c.issueTypes.some((x, k) => k !== j && typePair(x) === typePair(next)) ? remove(c) : { ...c, issueTypes: replaceAt(c.issueTypes, j, next) };
          },
        };
      } else if (config.issueTypes.length > 1) {
        fix = { label: 'Remove this mapping', apply: remove };
      }
      out.push({
        id: `issueTypes:${key}:${side}`,
        tab: 'issueTypes',
        at: `issueTypes.${i}.${side}`,
        message: `Issue type "${current.name}" (${current.id}) no longer exists on ${sides.name[side]}`,
        fix,
      });
    }
  });
  return out;
}

function fieldWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  config.fields.forEach((f, i) => {
    const key = fieldKey(f);
    const removeMapping: ConfigFix = { label: 'Remove this mapping', apply: (c) => onField(c, i, f, () => null) };
    // Values are only checked against a side whose field is sound: a missing field is one warning, not many.
    const sound: Record<Side, boolean> = { local: true, partner: true };
    if (f.kind === 'custom') {
      for (const side of ['local', 'partner'] as const) {
        const catalog = catalogOf(sides, side);
        if (!catalog) continue;
        const current = f[side];
        const found = catalog.customFields.find((x) => x.id === current.id);
        if (found && found.type === f.type) continue;
        sound[side] = false;
        const candidate = catalog.customFields.find((x) => x.id !== current.id && x.type === f.type && norm(x.name) === norm(current.name));
        // Re-pointing the local side onto a field another mapping already covers would map it twice.
        const taken = side === 'local' && candidate !== undefined && config.fields.some((x) => x.kind === 'custom' && x.local.id === candidate.id);
        const fix: ConfigFix = candidate && !taken
          ? { label: `Use "${candidate.name}" (same name, now ${candidate.id})`, apply: (c) => onField(c, i, f, (x) => (x.kind === 'custom' ? { ...x, [side]: ref(candidate) } : x)) }
          : removeMapping;
        const message = found
          ? `Custom field "${found.name}" (${found.id}) on ${sides.name[side]} is now a ${customTypeName(found.type)} field; this mapping carries a ${customTypeName(f.type)} field`
          : `Custom field "${current.name}" (${current.id}) no longer exists on ${sides.name[side]}`;
        out.push({ id: `fields:${key}:${side}`, tab: 'fields', at: `fields.${i}.${side}`, message, fix });
      }
    }
    out.push(...valueWarnings(config, f, i, sides, sound));
  });
  return out;
}

/** The values one side offers for a field, or null when they are unknown (then nothing is checked). */
function valuesOf(catalog: ProjectCatalog, f: Field, side: Side, source: ValueSource): string[] | null {
  if (source === 'options') {
    if (f.kind !== 'custom') return null;
    return catalog.customFields.find((x) => x.id === f[side].id)?.options ?? null;
  }
  const values = catalog[source];
  // Every Jira site has priorities: an empty list means the catalog did not say.
  return source === 'priorities' && values.length === 0 ? null : values;
}

function valueWarnings(config: SyncConfig, f: Field, i: number, sides: Sides, sound: Record<Side, boolean>): ConfigWarning[] {
  const localSource = valueSourceOf(f);
  if (!localSource) return [];
  // Components and versions that are missing get created, so naming one is not a dangling reference.
  if (f.kind === 'system' && f.createMissing) return [];
  const partnerSource = f.kind === 'system' && f.partnerField ? valueSourceOf({ kind: 'system', field: f.partnerField }) : localSource;
  const source: Record<Side, ValueSource | null> = { local: localSource, partner: partnerSource };
  const key = fieldKey(f);
  const name = fieldMappingName(f);
  const out: ConfigWarning[] = [];
  for (const side of ['local', 'partner'] as const) {
    const catalog = catalogOf(sides, side);
    const src = source[side];
    if (!catalog || !src || !sound[side]) continue;
    const values = valuesOf(catalog, f, side, src);
    if (!values) continue;
    const noun = valueSourceNoun(src);
    f.valueMap.forEach((entry, j) => {
      const value = entry[side];
      if (values.includes(value)) return;
      const candidate = sameName(values, value);
      const entryKey = `${entry.local}>${entry.partner}`;
      const change = (to: string | null) => (c: SyncConfig) =>
        onField(c, i, f, (x) => {
          const k = locate(x.valueMap, j, (e) => `${e.local}>${e.partner}` === entryKey, (e) => e[side] === value);
          if (k < 0) return x;
          return { ...x, valueMap: replaceAt(x.valueMap, k, to === null ? null : { ...x.valueMap[k]!, [side]: to }) };
        });
      out.push({
        id: `fields:${key}:valueMap:${entryKey}:${side}`,
        tab: 'fields',
        at: `fields.${i}.valueMap.${j}.${side}`,
        message: `${noun} "${value}" in the value map of "${name}" doesn't exist on ${sides.name[side]}`,
        fix: candidate ? { label: `Use "${candidate}" (same name, different case)`, apply: change(candidate) } : { label: 'Remove this value mapping', apply: change(null) },
      });
    });
    // The default stands in for a partner value with no counterpart here: it names a local value.
    if (side === 'local' && f.default !== null && !values.includes(f.default)) {
      const candidate = sameName(values, f.default);
      const setDefault = (to: string | null) => (c: SyncConfig) => onField(c, i, f, (x) => ({ ...x, default: to }));
      out.push({
        id: `fields:${key}:default`,
        tab: 'fields',
        at: `fields.${i}.default`,
        message: `Default value "${f.default}" of "${name}" doesn't exist on ${sides.name.local}`,
        fix: candidate ? { label: `Use "${candidate}" (same name, different case)`, apply: setDefault(candidate) } : { label: 'Clear the default value', apply: setDefault(null) },
      });
    }
  }
  return out;
}

function statusWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  config.statuses.forEach((s, i) => {
    const key = statusKey(s);
    const title = `Status mapping "${s.local.name}" → "${s.partner.name}"`;
    const removeMapping: ConfigFix = { label: 'Remove this mapping', apply: (c) => onStatus(c, i, s, () => null) };
    for (const side of ['local', 'partner'] as const) {
      const catalog = catalogOf(sides, side);
      const current = s[side];
      if (!catalog || catalog.statuses.some((x) => x.id === current.id)) continue;
      const candidate = byName(catalog.statuses, current.name);
      out.push({
        id: `workflows:${key}:${side}`,
        tab: 'workflows',
        at: `statuses.${i}.${side}`,
        message: `Status "${current.name}" (${current.id}) no longer exists on ${sides.name[side]}`,
        fix: candidate
          ? { label: `Use "${candidate.name}" (same name, now ${candidate.id})`, apply: (c) => onStatus(c, i, s, (x) => ({ ...x, [side]: ref(candidate) })) }
          : removeMapping,
      });
    }
    const restriction = s.issueType;
    if (restriction !== undefined && !sides.local.issueTypes.some((t) => t.id === restriction)) {
      // The status mapping keeps only the id; the issue type mappings still know its name.
      const known = config.issueTypes.find((t) => t.local.id === restriction)?.local.name;
      const candidate = known === undefined ? undefined : byName(sides.local.issueTypes, known);
      out.push({
        id: `workflows:${key}:issueType`,
        tab: 'workflows',
        at: `statuses.${i}.issueType`,
        message: `${title} is limited to issue type ${known === undefined ? restriction : `"${known}" (${restriction})`}, which no longer exists on ${sides.name.local}`,
        fix: candidate
          ? { label: `Limit it to "${candidate.name}" (same name, now ${candidate.id})`, apply: (c) => onStatus(c, i, s, (x) => ({ ...x, issueType: candidate.id })) }
          : removeMapping,
      });
    }
  });
  return out;
}

function attachmentWarnings(config: SyncConfig): ConfigWarning[] {
  const pattern = config.attachments.fileNamePattern;
  if (pattern === null || isValidRegExp(pattern)) return [];
  return [{
    id: 'attachments:fileNamePattern',
    tab: 'attachments',
    at: 'attachments.fileNamePattern',
    message: `File name pattern "${pattern}" is not a valid regular expression`,
    fix: { label: 'Clear the file name pattern', apply: (c) => ({ ...c, attachments: { ...c.attachments, fileNamePattern: null } }) },
  }];
}

/** Whether `pattern` compiles as a JavaScript regular expression. */
export function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function linkWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const types = config.links.types;
  types.forEach((name, j) => {
    for (const side of ['local', 'partner'] as const) {
      const catalog = catalogOf(sides, side);
      // Every Jira site has link types: an empty list means the catalog did not say.
      if (!catalog || catalog.linkTypes.length === 0 || catalog.linkTypes.includes(name)) continue;
      const last = types.length === 1;
      out.push({
        id: `links:${name}:${side}`,
        tab: 'links',
        at: `links.types.${j}`,
        message: `Link type "${name}" doesn't exist on ${sides.name[side]}`,
        fix: {
          label: last ? `Remove "${name}" (then every link type on both sides syncs)` : `Remove "${name}" from the link types`,
          apply: (c) => ({ ...c, links: { ...c.links, types: c.links.types.filter((t) => t !== name) } }),
        },
      });
    }
  });
  return out;
}

function userWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const { strategy, table } = config.users;
  const out: ConfigWarning[] = [];
  if (strategy === 'table' && table.length === 0) {
    out.push({
      id: 'users:table:empty',
      tab: 'users',
      at: 'users.table',
      message: `The user table is empty: nobody from ${sides.name.partner} is matched, everyone becomes the default user`,
      fix: null,
    });
  }
  // A person listed twice is matched by the first row only; the later row is dead weight or a mistake.
  for (const side of ['local', 'partner'] as const) {
    const seen = new Set<string>();
    table.forEach((row, j) => {
      const account = row[side];
      if (!seen.has(account)) {
        seen.add(account);
        return;
      }
      const rowKey = `${row.local}>${row.partner}`;
      out.push({
        id: `users:table:${rowKey}:${side}:${j}`,
        tab: 'users',
        at: `users.table.${j}.${side}`,
        message: `"${account}" on ${sides.name[side]} is listed more than once in the user table; only the first row counts`,
        fix: {
          label: 'Remove this row',
          apply: (c) => {
            const k = locate(c.users.table, j, (r) => `${r.local}>${r.partner}` === rowKey);
            return k < 0 ? c : { ...c, users: { ...c.users, table: replaceAt(c.users.table, k, null) } };
          },
        },
      });
    });
  }
  return out;
}

function advancedWarnings(config: SyncConfig, sides: Sides): ConfigWarning[] {
  const field = config.advanced.correlationField;
  if (field === null) return [];
  const found = sides.local.customFields.find((x) => x.id === field.id);
  if (found && found.type === 'text') return [];
  const candidate = sides.local.customFields.find((x) => x.id !== field.id && x.type === 'text' && norm(x.name) === norm(field.name));
  const setField = (to: Ref | null) => (c: SyncConfig): SyncConfig => ({ ...c, advanced: { ...c.advanced, correlationField: to } });
  return [{
    id: 'advanced:correlationField',
    tab: 'advanced',
    at: 'advanced.correlationField',
    message: found
      ? `Correlation field "${found.name}" (${found.id}) is now a ${customTypeName(found.type)} field; it must be a text field`
      : `Correlation field "${field.name}" (${field.id}) no longer exists on ${sides.name.local}`,
    fix: candidate
      ? { label: `Use "${candidate.name}" (same name, now ${candidate.id})`, apply: setField(ref(candidate)) }
      : { label: 'Clear the correlation field', apply: setField(null) },
  }];
}

/** The editor tab a config path (a warning's or a server problem's `at`) belongs to. */
export function tabOfPath(at: string): ConfigTab {
  const head = at.split('.')[0] ?? '';
  switch (head) {
    case 'issueTypes': return 'issueTypes';
    case 'fields': return 'fields';
    case 'statuses': return 'workflows';
    case 'comments': return 'comments';
    case 'attachments': return 'attachments';
    case 'links': return 'links';
    case 'users': return 'users';
    case 'advanced': return at.startsWith('advanced.jql') ? 'filters' : 'advanced';
    default: return 'advanced';
  }
}
