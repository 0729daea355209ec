/** Jira's permission model, reduced to what the emulator needs: project members, project admins, site admins, the app. */
import type { Site } from './model/site';
import type { ProjectRecord, UserRecord } from './model/types';

export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'DELETE_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES', 'ASSIGNABLE_USER',
  'RESOLVE_ISSUES', 'SCHEDULE_ISSUES', 'MODIFY_REPORTER', 'LINK_ISSUES', 'ADD_COMMENTS', 'EDIT_OWN_COMMENTS', 'EDIT_ALL_COMMENTS',
  'DELETE_OWN_COMMENTS', 'DELETE_ALL_COMMENTS', 'CREATE_ATTACHMENTS', 'DELETE_OWN_ATTACHMENTS', 'DELETE_ALL_ATTACHMENTS',
  'ADMINISTER_PROJECTS', 'MOVE_ISSUES', 'CLOSE_ISSUES', 'WORK_ON_ISSUES', 'VIEW_READONLY_WORKFLOW', 'SET_ISSUE_SECURITY',
] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

export const GLOBAL_PERMISSIONS = ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'CREATE_SHARED_OBJECTS', 'BULK_CHANGE'] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

/** Held by project admins only; members get every other project permission. */
const ADMIN_ONLY: ReadonlySet<ProjectPermission> = new Set(['ADMINISTER_PROJECTS', 'DELETE_ALL_COMMENTS', 'EDIT_ALL_COMMENTS', 'DELETE_ALL_ATTACHMENTS', 'DELETE_ISSUES', 'MODIFY_REPORTER', 'SET_ISSUE_SECURITY']);

export function isProjectPermission(key: string): key is ProjectPermission {
  return (PROJECT_PERMISSIONS as readonly string[]).includes(key);
}

export function isGlobalPermission(key: string): key is GlobalPermission {
  return (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
}

export function isMember(project: ProjectRecord, user: UserRecord): boolean {
  return project.members === 'everyone' || project.members.has(user.accountId) || project.admins.has(user.accountId);
}

/** Whether `user` holds `permission` in `project`. The app holds all (Forge apps get the add-ons project role). */
export function hasProjectPermission(user: UserRecord, project: ProjectRecord, permission: ProjectPermission): boolean {
  if (!user.active) return false;
  if (user.accountType === 'app') return true;
  if (project.admins.has(user.accountId)) return true;
  if (!isMember(project, user)) return false;
  return !ADMIN_ONLY.has(permission);
}

export function hasGlobalPermission(user: UserRecord, permission: GlobalPermission): boolean {
  if (!user.active) return false;
  if (permission === 'USER_PICKER' || permission === 'CREATE_SHARED_OBJECTS') return true;
  return user.siteAdmin;
}

/** Projects the user can browse, for search and project listing. */
export function browsableProjects(site: Site, user: UserRecord): ProjectRecord[] {
  return [...site.projects.values()].filter((p) => hasProjectPermission(user, p, 'BROWSE_PROJECTS'));
}
