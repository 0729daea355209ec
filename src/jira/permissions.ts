/** Asks Jira, as the calling user, whether they hold a permission — the check every resolver makes first. */
import { z } from 'zod';
import type { JiraTransport } from '../ports/jira';
import { route } from './route';
import { upstream } from '../domain/errors';
import type { IssueKey, ProjectKey } from '../domain/ids';

export type ProjectPermissionKey = 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES';

const MyPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

async function read(asUser: JiraTransport, target: { projectKey: ProjectKey } | { issueKey: IssueKey }, permission: ProjectPermissionKey): Promise<boolean> {
  const res = 'projectKey' in target
    ? await asUser.requestJira(route`/rest/api/3/mypermissions?projectKey=${target.projectKey}&permissions=${permission}`)
    : await asUser.requestJira(route`/rest/api/3/mypermissions?issueKey=${target.issueKey}&permissions=${permission}`);
  // Jira answers 404 for projects and issues the user cannot see: that is a "no", not a failure.
  if (res.status === 404 || res.status === 401) return false;
  if (!res.ok) throw upstream(`Jira could not check permissions (HTTP ${res.status}).`);
  const parsed = MyPermissions.safeParse(await res.json());
  if (!parsed.success) throw upstream('Jira answered the permission check in an unexpected shape.', parsed.error);
  return parsed.data.permissions[permission]?.havePermission === true;
}

/** True when the user behind `asUser` holds `permission` in the project. */
export function userHasProjectPermission(asUser: JiraTransport, projectKey: ProjectKey, permission: ProjectPermissionKey): Promise<boolean> {
  return read(asUser, { projectKey }, permission);
}

/** True when the user behind `asUser` holds `permission` on the issue (its project, honouring issue security). */
export function userHasIssuePermission(asUser: JiraTransport, issueKey: IssueKey, permission: ProjectPermissionKey): Promise<boolean> {
  return read(asUser, { issueKey }, permission);
}
