/** What a project offers for mapping: its issue types, statuses and custom fields, read over REST (2 requests). */
import { z } from 'zod';
import type { ProjectMeta } from '../domain/config/suggest';
import type { JiraTransport } from '../ports/jira';
import { route } from './route';

const Statuses = z.array(z.object({
  id: z.string(), name: z.string(),
  statuses: z.array(z.object({ id: z.string(), name: z.string(), statusCategory: z.object({ key: z.string() }) })),
}));
const Fields = z.array(z.object({ id: z.string(), name: z.string(), custom: z.boolean(), schema: z.object({ custom: z.string().optional() }).optional() }));

async function get(jira: JiraTransport, r: ReturnType<typeof route>): Promise<unknown> {
  const res = await jira.requestJira(r);
  if (!res.ok) throw new Error(`Jira answered ${res.status} to ${r.value}`);
  return res.json();
}

export async function readProjectMeta(jira: JiraTransport, projectKey: string): Promise<ProjectMeta> {
  const byType = Statuses.parse(await get(jira, route`/rest/api/3/project/${projectKey}/statuses`));
  const statuses = new Map<string, { id: string; name: string; category: string }>();
  for (const t of byType) for (const s of t.statuses) statuses.set(s.id, { id: s.id, name: s.name, category: s.statusCategory.key });
  const fields = Fields.parse(await get(jira, route`/rest/api/3/field`));
  return {
    projectKey,
    issueTypes: byType.map((t) => ({ id: t.id, name: t.name })),
    statuses: [...statuses.values()],
    customFields: fields.filter((f) => f.custom && f.schema?.custom).map((f) => ({ id: f.id, name: f.name, jiraType: f.schema!.custom!.split(':').pop()! })),
  };
}
