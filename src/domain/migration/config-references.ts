/**
 * The references of a configuration export: on export, the ids and names of everything the
 * configuration names; on import, named values (priorities, components, versions, link types)
 * followed to their current names on the target site. Issue types, statuses and custom fields are not
 * touched here: configWarnings reports each unknown id with a fix by name, which the admin reviews.
 */
import type { ProjectCatalog } from '../config/catalog';
import { valueSourceOf, type ValueSource } from '../config/labels';
import type { FieldMapping, Ref, SyncConfig } from '../config/schema';
import type { ConfigExport, ExportRef, ExportRefs } from './config-file';
import { CONFIG_EXPORT_FORMAT, CONFIG_EXPORT_VERSION } from './formats';

type Side = 'local' | 'partner';
/** The value lists that carry ids in `ProjectCatalog.named`. */
type NamedList = 'priorities' | 'components' | 'versions' | 'linkTypes';

/** Collects one kind of reference once each: by id when known, else by name. */
class RefSet {
  private readonly items = new Map<string, ExportRef>();

  add(ref: ExportRef): void {
    const key = ref.id === null ? `name:${ref.name}` : `id:${ref.id}`;
    if (!this.items.has(key)) this.items.set(key, ref);
  }

  list(): ExportRef[] {
    return [...this.items.values()];
  }
}

const emptyRefs = () => ({
  issueTypes: new RefSet(), statuses: new RefSet(), fields: new RefSet(),
  priorities: new RefSet(), components: new RefSet(), versions: new RefSet(), linkTypes: new RefSet(),
});
type RefSets = ReturnType<typeof emptyRefs>;

const listOf = (sets: RefSets): ExportRefs => ({
  issueTypes: sets.issueTypes.list(), statuses: sets.statuses.list(), fields: sets.fields.list(),
  priorities: sets.priorities.list(), components: sets.components.list(), versions: sets.versions.list(), linkTypes: sets.linkTypes.list(),
});

/** An id reference with the catalog's current name when it knows the id (the configuration's name may be older). */
const current = (list: ReadonlyArray<{ id: string; name: string }> | undefined, ref: Ref): ExportRef =>
  ({ id: ref.id, name: list?.find((x) => x.id === ref.id)?.name ?? ref.name });

/** A value named in the configuration, with its id when the catalog has one under exactly that name. */
function named(catalog: ProjectCatalog | null, list: NamedList, name: string): ExportRef {
  return { id: catalog?.named?.[list].find((x) => x.name === name)?.id ?? null, name };
}

/** Which `named` list a value source is, or null for select options (they have no ids in the catalog). */
const namedListOf = (source: ValueSource | null): NamedList | null => (source === null || source === 'options' ? null : source);

const userField = (f: FieldMapping) => (f.kind === 'system' ? f.field === 'assignee' || f.field === 'reporter' : f.type === 'user');

export interface ConfigExportInput {
  config: SyncConfig;
  /** ISO time of the export. */
  exportedAt: string;
  local: ProjectCatalog;
  /** Null when the partner's catalog could not be read: its references then carry the configuration's names only. */
  partner: ProjectCatalog | null;
  /** accountId → display name, for the people the configuration names. */
  users: ReadonlyMap<string, string>;
}

/** The export document of `config`: the configuration and only the entities it refers to. */
export function buildConfigExport(input: ConfigExportInput): ConfigExport {
  const { config, local, partner } = input;
  const catalogs: Record<Side, ProjectCatalog | null> = { local, partner };
  const refs: Record<Side, RefSets> = { local: emptyRefs(), partner: emptyRefs() };
  const users = new Set<string>();

  for (const t of config.issueTypes) {
    for (const side of ['local', 'partner'] as const) refs[side].issueTypes.add(current(catalogs[side]?.issueTypes, t[side]));
  }
  for (const s of config.statuses) {
    for (const side of ['local', 'partner'] as const) refs[side].statuses.add(current(catalogs[side]?.statuses, s[side]));
    // A restriction holds only the id; its name comes from the catalog or the issue type mappings.
    if (s.issueType !== undefined) {
      const name = local.issueTypes.find((x) => x.id === s.issueType)?.name ?? config.issueTypes.find((t) => t.local.id === s.issueType)?.local.name;
      if (name !== undefined) refs.local.issueTypes.add({ id: s.issueType, name });
    }
  }
  for (const f of config.fields) {
    if (f.kind === 'custom') {
      for (const side of ['local', 'partner'] as const) refs[side].fields.add(current(catalogs[side]?.customFields, f[side]));
    }
    if (userField(f) && f.default !== null) users.add(f.default);
    const lists = namedListsOf(f);
    for (const side of ['local', 'partner'] as const) {
      const list = lists[side];
      if (list === null) continue;
      for (const entry of f.valueMap) refs[side][list].add(named(catalogs[side], list, entry[side]));
    }
    // A default stands in for a partner value with no counterpart here: it names a local value.
    if (lists.local !== null && f.default !== null) refs.local[lists.local].add(named(local, lists.local, f.default));
  }
  const correlation = config.advanced.correlationField;
  if (correlation !== null) refs.local.fields.add(current(local.customFields, correlation));
  for (const name of config.links.types) {
    for (const side of ['local', 'partner'] as const) refs[side].linkTypes.add(named(catalogs[side], 'linkTypes', name));
  }
  for (const row of config.users.table) {
    users.add(row.local);
    users.add(row.partner);
  }
  if (config.users.defaultUser !== null) users.add(config.users.defaultUser);

  return {
    format: CONFIG_EXPORT_FORMAT,
    version: CONFIG_EXPORT_VERSION,
    exportedAt: input.exportedAt,
    source: { projectKey: config.local.projectKey, partner: { site: config.partner.site, projectKey: config.partner.projectKey } },
    config,
    references: {
      local: listOf(refs.local),
      partner: listOf(refs.partner),
      users: [...users].map((accountId) => ({ accountId, displayName: input.users.get(accountId) ?? null })),
    },
  };
}

/** The id-carrying value list each side of a mapping names (partnerField can make them differ), or null. */
function namedListsOf(f: FieldMapping): Record<Side, NamedList | null> {
  const localSource = valueSourceOf(f);
  const partnerSource = f.kind === 'system' && f.partnerField ? valueSourceOf({ kind: 'system', field: f.partnerField }) : localSource;
  return { local: namedListOf(localSource), partner: namedListOf(partnerSource) };
}

export interface ImportTarget {
  /** The partner site as this site knows it (a migration changes it). */
  partnerSite: string;
  local: ProjectCatalog;
  partner: ProjectCatalog | null;
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The configuration to load into the editor on the target site: the partner site replaced, and named
 * values the target knows under another name renamed to that name. A name the target has exactly is
 * kept: ids of priorities (1…5) and other values repeat across sites, so the id only decides when the
 * name is gone; then a name differing only in case.
 */
export function importedConfig(doc: ConfigExport, target: ImportTarget): SyncConfig {
  const catalogs: Record<Side, ProjectCatalog | null> = { local: target.local, partner: target.partner };
  const refIds: Record<Side, Map<string, Map<string, string | null>>> = { local: idsByName(doc.references.local), partner: idsByName(doc.references.partner) };

  const rename = (side: Side, list: NamedList, name: string): string => {
    const values = catalogs[side]?.named?.[list];
    if (!values || values.some((x) => x.name === name)) return name;
    const id = refIds[side].get(list)?.get(name) ?? null;
    const byId = id === null ? undefined : values.find((x) => x.id === id);
    return (byId ?? values.find((x) => norm(x.name) === norm(name)))?.name ?? name;
  };

  const config = structuredClone(doc.config);
  config.partner = { ...config.partner, site: target.partnerSite };
  config.fields = config.fields.map((f) => {
    const lists = namedListsOf(f);
    if (lists.local === null && lists.partner === null) return f;
    const valueMap = f.valueMap.map((e) => ({
      local: lists.local === null ? e.local : rename('local', lists.local, e.local),
      partner: lists.partner === null ? e.partner : rename('partner', lists.partner, e.partner),
    }));
    const fallback = f.default === null || lists.local === null ? f.default : rename('local', lists.local, f.default);
    return { ...f, valueMap, default: fallback };
  });
  // One name serves both sides; the side that knows it under another name renames it.
  config.links = {
    ...config.links,
    types: config.links.types.map((name) => {
      const local = rename('local', 'linkTypes', name);
      return local !== name ? local : rename('partner', 'linkTypes', name);
    }),
  };
  return config;
}

function idsByName(refs: ExportRefs): Map<string, Map<string, string | null>> {
  const lists: NamedList[] = ['priorities', 'components', 'versions', 'linkTypes'];
  return new Map(lists.map((list) => [list, new Map(refs[list].map((r) => [r.name, r.id]))]));
}
