/** Display names for accountIds, and the projects a user administers: read as that user. */
import { z } from 'zod';
import type { JiraRoute, JiraTransport } from '../ports/jira';
import { route } from './route';

const Users = z.object({ values: z.array(z.object({ accountId: z.string(), displayName: z.string() })) });
const ACCOUNT_ID = /^[\w:-]{1,128}$/;

/** accountId → display name for the ids Jira knows (up to 200, one request); unknown ids are left out. */
export async function displayNames(jira: JiraTransport, accountIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(accountIds)].filter((id) => ACCOUNT_ID.test(id)).slice(0, 200);
  if (ids.length === 0) return new Map();
  // Repeated accountId parameters: each id is checked above, so encoding it is all the route needs.
  const path = `/rest/api/3/user/bulk?maxResults=200&${ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&')}`;
  const res = await jira.requestJira({ value: path } as JiraRoute);
  if (!res.ok) return new Map();
  const parsed = Users.safeParse(await res.json());
  return new Map(parsed.success ? parsed.data.values.map((u) => [u.accountId, u.displayName]) : []);
}

const Projects = z.object({ values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })) });
const Held = z.object({ projectPermissions: z.array(z.object({ permission: z.string(), projects: z.array(z.number()) })) });

/** Projects (of the first 100 the user can see) in which the user holds Administer Projects: 2 requests. */
export async function administeredProjects(jira: JiraTransport): Promise<Array<{ key: string; name: string }>> {
  const res = await jira.requestJira(route`/rest/api/3/project/search?maxResults=100&orderBy=key`);
  if (!res.ok) throw new Error(`Jira answered ${res.status} to the project search`);
  const projects = Projects.parse(await res.json()).values;
  if (projects.length === 0) return [];
  const check = await jira.requestJira(route`/rest/api/3/permissions/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ projectPermissions: [{ permissions: ['ADMINISTER_PROJECTS'], projects: projects.map((p) => Number(p.id)) }] }),
  });
  if (!check.ok) throw new Error(`Jira answered ${check.status} to the permission check`);
  const held = new Set(Held.parse(await check.json()).projectPermissions.flatMap((p) => (p.permission === 'ADMINISTER_PROJECTS' ? p.projects.map(String) : [])));
  return projects.filter((p) => held.has(p.id)).map((p) => ({ key: p.key, name: p.name }));
}
