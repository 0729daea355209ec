/** Whose account a partner's user becomes here, by the sync's user mapping. */
import type { SyncConfig } from '../config/schema';
import type { PortableUser } from './message';
import type { UserResolver } from './values';

/**
 * same-account: one Atlassian organisation, the id is the same; table: only listed pairs; email: the
 * account found by the partner user's email (looked up beforehand into `byEmail`), else the table.
 */
export function userResolver(users: SyncConfig['users'], byEmail: ReadonlyMap<string, string | null> = new Map()): UserResolver {
  const fromTable = (u: PortableUser) => users.table.find((e) => e.partner === u.accountId)?.local;
  return (u) => {
    switch (users.strategy) {
      case 'same-account': return u.accountId;
      case 'table': return fromTable(u) ?? users.defaultUser;
      case 'email': return (u.email ? byEmail.get(u.email.toLowerCase()) : undefined) ?? fromTable(u) ?? users.defaultUser;
    }
  };
}

/** The emails a message's users need looked up under the email strategy. */
export function emailsToResolve(users: SyncConfig['users'], people: readonly PortableUser[]): string[] {
  if (users.strategy !== 'email') return [];
  return [...new Set(people.flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])))];
}

/** A synced comment names who wrote it and when: the app posts it as itself. */
export function authorLine(author: PortableUser | null, createdIso: string): string {
  const who = author?.displayName ?? 'Someone';
  // Messages may carry an offset (+02:00); the line says UTC, so convert before cutting.
  const ms = Date.parse(createdIso);
  const utc = Number.isNaN(ms) ? createdIso : new Date(ms).toISOString();
  return `${who} wrote on ${utc.slice(0, 16).replace('T', ' ')} UTC:`;
}
