/**
 * Select options for the configuration editor, built from the two catalogs. Options carry names as
 * labels and ids as values; a reference the catalog no longer has still shows, by its name, marked missing.
 */
import type { ProjectCatalog } from '../../../../src/domain/config/catalog';
import type { CustomType, ValueSource } from '../../../../src/domain/config/labels';
import type { Ref, SyncConfig } from '../../../../src/domain/config/schema';

export interface Option {
  label: string;
  value: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

export const MISSING = ' (missing)';

const norm = (s: string) => s.trim().toLowerCase();

export function refOptions(list: ReadonlyArray<{ id: string; name: string }>): Option[] {
  return list.map((x) => ({ label: x.name, value: x.id }));
}

/** The option showing `ref`: the catalog's (current name) if it has the id, else the config's name marked missing. */
export function optionOf(options: readonly Option[], ref: Ref | null): Option | null {
  if (ref === null || ref.id === '') return null;
  return options.find((o) => o.value === ref.id) ?? { label: `${ref.name}${MISSING}`, value: ref.id };
}

/** Refs the configuration itself names for one side: the only choices when that side's catalog is unknown. */
export function configRefs(config: SyncConfig, side: 'local' | 'partner', what: 'issueTypes' | 'statuses'): Ref[] {
  const seen = new Map<string, Ref>();
  for (const entry of config[what]) if (!seen.has(entry[side].id)) seen.set(entry[side].id, entry[side]);
  return [...seen.values()];
}

const CATEGORY_LABELS: Record<string, string> = { new: 'To do', indeterminate: 'In progress', done: 'Done' };
const CATEGORY_ORDER = ['new', 'indeterminate', 'done'];

/** Statuses grouped by category (To do, In progress, Done, then any other), in catalog order within a group. */
export function statusGroups(statuses: ProjectCatalog['statuses']): OptionGroup[] {
  const categories = [...new Set(statuses.map((s) => s.category))].sort((a, b) => rank(a) - rank(b));
  return categories.map((c) => ({ label: CATEGORY_LABELS[c] ?? c, options: refOptions(statuses.filter((s) => s.category === c)) }));
}

const rank = (category: string) => {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
};

/** Custom fields of one catalog that can carry a mapping of `type`. */
export function customFieldsOfType(catalog: ProjectCatalog | null, type: CustomType): Option[] {
  return catalog ? refOptions(catalog.customFields.filter((f) => f.type === type)) : [];
}

/** The names a value map can use on one side, or null when that side's catalog is unknown. */
export function valueChoices(catalog: ProjectCatalog | null, source: ValueSource, fieldId: string | null): string[] | null {
  if (!catalog) return null;
  if (source === 'options') return catalog.customFields.find((f) => f.id === fieldId)?.options ?? [];
  return catalog[source];
}

/** Link types both sides have (by name); with one catalog, that side's. */
export function commonLinkTypes(local: ProjectCatalog, partner: ProjectCatalog | null): string[] {
  if (!partner) return local.linkTypes;
  return local.linkTypes.filter((t) => partner.linkTypes.includes(t));
}

/** The partner entry with the same name, if any: what the add forms pre-select. */
export function sameNamed<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  return list.find((x) => norm(x.name) === norm(name));
}

/** Local custom fields of a carried type that no mapping uses yet. */
export function unmappedCustomFields(config: SyncConfig, local: ProjectCatalog): ProjectCatalog['customFields'] {
  const used = new Set(config.fields.flatMap((f) => (f.kind === 'custom' ? [f.local.id] : [])));
  return local.customFields.filter((f) => !used.has(f.id));
}
