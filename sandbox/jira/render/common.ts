/** Shared pieces of Jira's JSON: timestamps, avatars, users. */
import type { Site } from '../model/site';
import type { UserRecord } from '../model/types';

/** Jira's timestamp format: `2024-01-05T09:00:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function avatarUrls(site: Site, kind: string, id: string): Record<'16x16' | '24x24' | '32x32' | '48x48', string> {
  const url = (size: number): string => `${site.baseUrl}/secure/viewavatar?size=${size}&avatarType=${kind}&id=${encodeURIComponent(id)}`;
  return { '16x16': url(16), '24x24': url(24), '32x32': url(32), '48x48': url(48) };
}

/** A user as Jira embeds one in issues, comments and changelogs (`UserDetails`). */
export function renderUser(site: Site, user: UserRecord): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(site, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/** A user by account id, or null when the id is unknown (Jira shows such users as null). */
export function renderUserRef(site: Site, accountId: string | null | undefined): Record<string, unknown> | null {
  if (!accountId) return null;
  const user = site.users.get(accountId);
  return user ? renderUser(site, user) : null;
}
