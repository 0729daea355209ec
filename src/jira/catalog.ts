/**
 * A project's mapping catalog read over REST as the app: names of issue types, statuses per workflow,
 * carried custom fields with their options, priorities, components, versions and link types.
 * Cost: 5 requests plus one create-metadata request per issue type (options live there).
 */
import { z } from 'zod';
import { ProjectCatalog, type CatalogField } from '../domain/config/catalog';
import { CUSTOM_TYPE_OF } from '../domain/config/suggest';
import type { JiraRoute, JiraTransport } from '../ports/jira';
import { route } from './route';

const Project = z.object({ key: z.string(), name: z.string() });
const Statuses = z.array(z.object({
  id: z.string(), name: z.string(),
  statuses: z.array(z.object({ id: z.string(), name: z.string(), statusCategory: z.object({ key: z.string() }) })),
}));
const Fields = z.array(z.object({ id: z.string(), name: z.string(), custom: z.boolean(), schema: z.object({ custom: z.string().optional() }).optional() }));
const Allowed = z.array(z.object({ id: z.string().optional(), name: z.string().optional(), value: z.string().optional() }).loose());
const CreateMeta = z.object({ fields: z.array(z.object({ fieldId: z.string(), allowedValues: Allowed.optional() }).loose()) });
const LinkTypes = z.object({ issueLinkTypes: z.array(z.object({ id: z.string(), name: z.string() })) });
const ServerInfo = z.object({ baseUrl: z.string() });

async function get<T>(jira: JiraTransport, r: JiraRoute, schema: z.ZodType<T>): Promise<T> {
  const res = await jira.requestJira(r, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`Jira answered ${res.status} to ${r.value}`);
  return schema.parse(await res.json());
}

/** Up to this many issue types' create metadata is read for option values; more types share what was found. */
const MAX_TYPES_FOR_OPTIONS = 20;

export async function readProjectCatalog(jira: JiraTransport, projectKey: string, site: string): Promise<ProjectCatalog> {
  const [project, byType, fields, links, server] = await Promise.all([
    get(jira, route`/rest/api/3/project/${projectKey}`, Project),
    get(jira, route`/rest/api/3/project/${projectKey}/statuses`, Statuses),
    get(jira, route`/rest/api/3/field`, Fields),
    get(jira, route`/rest/api/3/issueLinkType`, LinkTypes),
    get(jira, route`/rest/api/3/serverInfo`, ServerInfo).catch(() => undefined),
  ]);
  const metas = await Promise.all(byType.slice(0, MAX_TYPES_FOR_OPTIONS).map((t) =>
    get(jira, route`/rest/api/3/issue/createmeta/${projectKey}/issuetypes/${t.id}?maxResults=200`, CreateMeta)));
  // Allowed values by field id, unioned over the issue types (names in the order Jira lists them).
  const allowed = new Map<string, string[]>();
  // The same values with their ids, so an imported configuration can find a value renamed since the export.
  const withIds = new Map<string, Map<string, string>>();
  for (const meta of metas) for (const f of meta.fields) {
    const values = (f.allowedValues ?? []).flatMap((v) => { const name = v.name ?? v.value; return typeof name === 'string' && name !== '' ? [{ id: v.id, name }] : []; });
    const known = allowed.get(f.fieldId) ?? [];
    allowed.set(f.fieldId, [...known, ...values.map((v) => v.name).filter((n, i, all) => !known.includes(n) && all.indexOf(n) === i)]);
    const ids = withIds.get(f.fieldId) ?? new Map<string, string>();
    for (const v of values) if (v.id && !ids.has(v.id)) ids.set(v.id, v.name);
    withIds.set(f.fieldId, ids);
  }
  const named = (...fieldIds: string[]) => {
    const out = new Map<string, string>();
    for (const id of fieldIds) for (const [vid, name] of withIds.get(id) ?? []) out.set(vid, name);
    return [...out].map(([id, name]) => ({ id, name }));
  };
  const statuses = new Map<string, { id: string; name: string; category: string }>();
  for (const t of byType) for (const s of t.statuses) statuses.set(s.id, { id: s.id, name: s.name, category: s.statusCategory.key });
  const customFields: CatalogField[] = fields.flatMap((f) => {
    const jiraType = f.custom ? f.schema?.custom?.split(':').pop() : undefined;
    const type = jiraType ? CUSTOM_TYPE_OF[jiraType] : undefined;
    return jiraType && type ? [{ id: f.id, name: f.name, type, jiraType, options: allowed.get(f.id) ?? [] }] : [];
  });
  return ProjectCatalog.parse({
    site,
    siteUrl: server?.baseUrl.replace(/\/$/, '') ?? null,
    project,
    issueTypes: byType.map((t) => ({ id: t.id, name: t.name })),
    statuses: [...statuses.values()],
    workflows: byType.map((t) => ({ issueTypeId: t.id, statusIds: t.statuses.map((s) => s.id) })),
    customFields,
    priorities: allowed.get('priority') ?? [],
    components: allowed.get('components') ?? [],
    versions: [...new Set([...(allowed.get('fixVersions') ?? []), ...(allowed.get('versions') ?? [])])],
    linkTypes: links.issueLinkTypes.map((l) => l.name),
    named: {
      priorities: named('priority'),
      components: named('components'),
      versions: named('fixVersions', 'versions'),
      linkTypes: links.issueLinkTypes.map((l) => ({ id: l.id, name: l.name })),
    },
  });
}
