/**
 * The configuration export: a sync's configuration plus the names and ids of everything it refers to,
 * so it can be imported on a new site (after a migration) and re-pointed by name. Never holds a secret.
 * Building and importing the references is in config-references.ts; this module is the document.
 */
import { z } from 'zod';
import { SyncConfig } from '../config/schema';
import { CONFIG_EXPORT_FORMAT, CONFIG_EXPORT_VERSION, PAIRS_FORMAT, fileDate } from './formats';
import { parseJsonText } from './json-text';
import { capProblems, describeValue, zodProblems, type FileProblem } from './problems';

export { CONFIG_EXPORT_FORMAT, CONFIG_EXPORT_VERSION };
export { buildConfigExport, importedConfig, type ConfigExportInput, type ImportTarget } from './config-references';

/**
 * One referenced entity; `id` null means the exporting site could not say (its catalog had no id for that name).
 * No length or count limits beyond the configuration's own: every export must import back (the upload's size bounds the file).
 */
export const ExportRef = z.object({ id: z.string().min(1).nullable(), name: z.string().min(1) });
export type ExportRef = z.infer<typeof ExportRef>;

const RefList = z.array(ExportRef);

/** What one side's part of the configuration names: only what the configuration refers to. */
export const ExportRefs = z.object({
  issueTypes: RefList,
  statuses: RefList,
  /** Custom fields, the correlation field included. */
  fields: RefList,
  priorities: RefList,
  components: RefList,
  versions: RefList,
  linkTypes: RefList,
});
export type ExportRefs = z.infer<typeof ExportRefs>;

const ProjectKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as SUP');

export const ConfigExport = z.object({
  format: z.literal(CONFIG_EXPORT_FORMAT),
  version: z.literal(CONFIG_EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  source: z.object({ projectKey: ProjectKey, partner: z.object({ site: z.string().min(1), projectKey: ProjectKey }) }),
  config: SyncConfig,
  references: z.object({
    local: ExportRefs,
    partner: ExportRefs,
    /** People the configuration names by accountId; displayName null when the exporting site did not know it. */
    users: z.array(z.object({ accountId: z.string().min(1), displayName: z.string().nullable() })),
  }),
});
export type ConfigExport = z.infer<typeof ConfigExport>;

/** The file's text: 2-space JSON and a final newline, so it diffs well in version control. */
export function configExportText(doc: ConfigExport): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** e.g. `lockstep-config-SUP-DEV-2026-11-21.json`. */
export function configExportFileName(projectKey: string, partnerProjectKey: string, date: Date | string): string {
  return `lockstep-config-${projectKey}-${partnerProjectKey}-${fileDate(date)}.json`;
}

export type ConfigExportResult = { ok: true; doc: ConfigExport } | { ok: false; problems: FileProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const NOT_AN_EXPORT = `This is not a Lockstep configuration export (no "format": "${CONFIG_EXPORT_FORMAT}")`;

/**
 * Reads an uploaded configuration export for the sync `target` (this project ↔ its partner). Problems
 * say where and what was expected; a file of another kind or for other projects is one problem saying so.
 */
export function parseConfigExport(text: string, target: { localProjectKey: string; partnerProjectKey: string }): ConfigExportResult {
  const json = parseJsonText(text);
  if (!json.ok) return fail([json.problem]);
  const value = json.value;
  const kind = foreignKind(value);
  if (kind) return fail([kind]);
  const doc = value as Record<string, unknown>;
  if (doc.version !== CONFIG_EXPORT_VERSION) {
    const found = typeof doc.version === 'number' ? `this file is version ${doc.version}` : `this file's version is ${describeValue(doc.version)}`;
    return fail([{ at: 'version', message: `${found}; this Lockstep reads version ${CONFIG_EXPORT_VERSION}` }]);
  }
  const other = otherProjects(doc, target);
  if (other) return fail([other]);
  const parsed = ConfigExport.safeParse(value);
  if (!parsed.success) return fail(zodProblems(parsed.error, value));
  // The wrapper names the projects for people; the configuration inside must agree with it.
  const { config, source } = parsed.data;
  if (config.local.projectKey !== source.projectKey || config.partner.projectKey !== source.partner.projectKey) {
    return fail([{ at: 'config.local.projectKey', message: `The configuration inside is for ${config.local.projectKey} ↔ ${config.partner.projectKey}, but the file says it configures ${source.projectKey} ↔ ${source.partner.projectKey}` }]);
  }
  return { ok: true, doc: parsed.data };
}

const fail = (problems: FileProblem[]): ConfigExportResult => ({ ok: false, problems: capProblems(problems) });

/** A problem when the JSON is some other kind of file: a pair list, Backbone's files, anything without our format. */
function foreignKind(value: unknown): FileProblem | null {
  if (!isObject(value)) return { at: 'file', message: `${NOT_AN_EXPORT}: the file holds ${describeValue(value)}, not an object` };
  if (value.format === PAIRS_FORMAT) return { at: 'format', message: 'This is a Lockstep pair list, not a configuration: upload it under "Pair issues"' };
  if (Array.isArray(value.firstConnector) || Array.isArray(value.secondConnector)) {
    return { at: 'file', message: 'This is a Backbone list of synchronized issues (a pair list), not a configuration: upload it under "Pair issues"' };
  }
  if (value.format === undefined) return { at: 'format', message: `${NOT_AN_EXPORT}. Configurations of other apps, such as Backbone, cannot be imported: set the mapping up in the editor` };
  if (value.format !== CONFIG_EXPORT_FORMAT) return { at: 'format', message: `${NOT_AN_EXPORT}: its format is ${describeValue(value.format)}` };
  return null;
}

/** The one problem of a file made for other projects, judged from `source` before the rest is checked. */
function otherProjects(doc: Record<string, unknown>, target: { localProjectKey: string; partnerProjectKey: string }): FileProblem | null {
  const source = isObject(doc.source) ? doc.source : null;
  const local = source?.projectKey;
  const partner = isObject(source?.partner) ? source.partner.projectKey : undefined;
  if (typeof local !== 'string' || typeof partner !== 'string') return null;
  if (local === target.localProjectKey && partner === target.partnerProjectKey) return null;
  const swapped = local === target.partnerProjectKey && partner === target.localProjectKey;
  const hint = swapped ? ` (it is ${local}'s side of this sync: export the configuration from ${target.localProjectKey}'s settings instead)` : '';
  return { at: 'source.projectKey', message: `This file configures ${local} ↔ ${partner}; this sync is ${target.localProjectKey} ↔ ${target.partnerProjectKey}${hint}` };
}
