/** Authentication as Jira Cloud does it: Basic `email:apiToken` for people, bearer tokens for the app (minted by the Forge runtime). */
import type { Site } from '../model/site';
import type { UserRecord } from '../model/types';
import { unauthorized } from './errors';
import { timingSafeEqual } from 'node:crypto';

/** Bearer tokens per site: token → accountId (the app itself, or a user the app acts for with asUser). */
export class TokenRegistry {
  private readonly tokens = new Map<string, string>();

  issue(accountId: string, token: string): void {
    this.tokens.set(token, accountId);
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  accountFor(token: string): string | undefined {
    return this.tokens.get(token);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves the caller of a request, or throws Jira's 401. */
export function authenticate(site: Site, tokens: TokenRegistry, header: string | null): UserRecord {
  if (!header) throw unauthorized();
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const email = decoded.slice(0, sep);
    const token = decoded.slice(sep + 1);
    const user = sep > 0 ? site.userByEmail(email) : undefined;
    if (user?.active && user.apiToken && sameSecret(user.apiToken, token)) return user;
    throw unauthorized();
  }
  if (scheme?.toLowerCase() === 'bearer') {
    const accountId = tokens.accountFor(value);
    const user = accountId === undefined ? undefined : site.users.get(accountId);
    if (user?.active) return user;
  }
  throw unauthorized();
}
