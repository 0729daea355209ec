import { describe, expect, it } from 'vitest';
import type { SyncConfig } from '../config/schema';
import type { PortableUser } from './message';
import { authorLine, emailsToResolve, userResolver } from './users';

type Users = SyncConfig['users'];
const users = (strategy: Users['strategy'], extra: Partial<Users> = {}): Users => ({ strategy, table: [], defaultUser: null, ...extra });

const sam: PortableUser = { accountId: 'partner-sam', email: 'Sam@Example.com', displayName: 'Sam' };
const dana: PortableUser = { accountId: 'partner-dana', email: 'dana@example.com', displayName: 'Dana' };
const ghost: PortableUser = { accountId: 'partner-ghost' };

describe('userResolver', () => {
  it('same-account: the partner\'s accountId is this side\'s, table and default aside', () => {
    const resolve = userResolver(users('same-account', { table: [{ local: 'local-sam', partner: 'partner-sam' }], defaultUser: 'local-triage' }));
    expect(resolve(sam)).toBe('partner-sam');
    expect(resolve(ghost)).toBe('partner-ghost');
  });

  it('table: only listed people, everyone else the default user, or nobody', () => {
    const table = [{ local: 'local-sam', partner: 'partner-sam' }];
    expect(userResolver(users('table', { table, defaultUser: 'local-triage' }))(sam)).toBe('local-sam');
    expect(userResolver(users('table', { table, defaultUser: 'local-triage' }))(dana)).toBe('local-triage');
    expect(userResolver(users('table', { table }))(dana)).toBeNull();
  });

  it('email: the account found by the (case-blind) email, else the table, else the default user', () => {
    const config = users('email', { table: [{ local: 'local-dana-by-table', partner: 'partner-dana' }, { local: 'local-ghost', partner: 'partner-ghost' }], defaultUser: 'local-triage' });
    // Looked up beforehand, keyed by lower-case email; null means Jira found nobody.
    const byEmail = new Map<string, string | null>([['sam@example.com', 'local-sam'], ['dana@example.com', null]]);
    const resolve = userResolver(config, byEmail);
    expect(resolve(sam)).toBe('local-sam');
    expect(resolve(dana)).toBe('local-dana-by-table');
    expect(resolve(ghost)).toBe('local-ghost');
    expect(resolve({ accountId: 'partner-new', email: 'new@example.com' })).toBe('local-triage');
    expect(userResolver({ ...config, defaultUser: null }, byEmail)({ accountId: 'partner-new' })).toBeNull();
  });

  it('email: without any lookups done, falls back to the table and default', () => {
    const resolve = userResolver(users('email', { table: [{ local: 'local-sam', partner: 'partner-sam' }], defaultUser: 'local-triage' }));
    expect(resolve(sam)).toBe('local-sam');
    expect(resolve(dana)).toBe('local-triage');
  });
});

describe('emailsToResolve', () => {
  it('lists each distinct email once, in lower case, and skips people without one', () => {
    expect(emailsToResolve(users('email'), [sam, dana, ghost, { accountId: 'x', email: 'SAM@example.COM' }])).toEqual(['sam@example.com', 'dana@example.com']);
  });

  it('is empty unless the strategy matches by email, so no lookups are made', () => {
    expect(emailsToResolve(users('same-account'), [sam, dana])).toEqual([]);
    expect(emailsToResolve(users('table'), [sam, dana])).toEqual([]);
    expect(emailsToResolve(users('email'), [])).toEqual([]);
  });
});

describe('authorLine', () => {
  it('names the author and the minute, in UTC', () => {
    expect(authorLine(dana, '2026-09-21T08:05:59.000Z')).toBe('Dana wrote on 2026-09-21 08:05 UTC:');
  });

  it('says Someone for an unknown or nameless author', () => {
    expect(authorLine(null, '2026-09-21T08:05:00Z')).toBe('Someone wrote on 2026-09-21 08:05 UTC:');
    expect(authorLine(ghost, '2026-09-21T08:05:00Z')).toBe('Someone wrote on 2026-09-21 08:05 UTC:');
  });

  it('converts a time written with an offset (messages allow one) to UTC before naming it so', () => {
    expect(authorLine(dana, '2026-09-21T10:30:00.000+02:00')).toBe('Dana wrote on 2026-09-21 08:30 UTC:');
    expect(authorLine(dana, '2026-09-21T00:15:00-05:00')).toBe('Dana wrote on 2026-09-21 05:15 UTC:');
  });
});
