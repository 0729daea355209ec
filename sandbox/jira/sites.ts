/** The sandbox's two sites, `alpha` (a support desk, project SUP) and `beta` (engineering, project DEV), and their people. */
import { randomBytes } from 'node:crypto';
import type { Emulator } from './emulator';
import type { Site } from './model/site';
import type { UserRecord } from './model/types';

export interface Person {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

/** Atlassian accounts are global, so people on both sites share an accountId and email, as in real life. */
export const PEOPLE = {
  ada: { accountId: '5b10a2844c20165700ede21a', displayName: 'Ada Admin', emailAddress: 'ada@lockstep.test' },
  sam: { accountId: '5b10a2844c20165700ede22b', displayName: 'Sam Support', emailAddress: 'sam@lockstep.test' },
  dana: { accountId: '5b10a2844c20165700ede23c', displayName: 'Dana Developer', emailAddress: 'dana@lockstep.test' },
  omar: { accountId: '5b10a2844c20165700ede24d', displayName: 'Omar Outsider', emailAddress: 'omar@lockstep.test' },
} as const satisfies Record<string, Person>;

export interface SandboxCredentials {
  email: string;
  apiToken: string;
}

const user = (p: Person, apiToken: string, siteAdmin = false): UserRecord => ({
  ...p, accountType: 'atlassian', apiToken, active: true, timeZone: 'UTC', siteAdmin,
});

/** API tokens for everyone; random unless given (tests pass fixed ones). */
export function makeTokens(fixed?: Partial<Record<keyof typeof PEOPLE, string>>): Record<keyof typeof PEOPLE, string> {
  const t = (): string => randomBytes(18).toString('base64url');
  return { ada: fixed?.ada ?? t(), sam: fixed?.sam ?? t(), dana: fixed?.dana ?? t(), omar: fixed?.omar ?? t() };
}

/**
 * Adds `alpha` and `beta` to the emulator with their projects and people. Custom field ids and
 * all numeric ids differ between the two sites, as they do between real Jira Cloud sites.
 */
export function addSandboxSites(emulator: Emulator, tokens = makeTokens()): { alpha: Site; beta: Site; tokens: typeof tokens } {
  const alpha = emulator.addSite({
    name: 'alpha', idBase: 10000, customFieldBase: 10010,
    users: [user(PEOPLE.ada, tokens.ada, true), user(PEOPLE.sam, tokens.sam), user(PEOPLE.dana, tokens.dana), user(PEOPLE.omar, tokens.omar)],
  });
  alpha.addProject({ key: 'SUP', name: 'Support Desk', description: 'Customer support requests.', template: 'service', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId, PEOPLE.dana.accountId], admins: [PEOPLE.ada.accountId] });
  const beta = emulator.addSite({
    name: 'beta', idBase: 30000, customFieldBase: 10200,
    users: [user(PEOPLE.ada, tokens.ada, true), user(PEOPLE.dana, tokens.dana), user(PEOPLE.sam, tokens.sam)],
  });
  beta.addProject({ key: 'DEV', name: 'Engineering', description: 'Product engineering backlog.', template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.dana.accountId, PEOPLE.sam.accountId], admins: [PEOPLE.ada.accountId] });
  for (const [site, key] of [[alpha, 'SUP'], [beta, 'DEV']] as const) {
    const project = site.projectByKey(key)!;
    for (const name of ['Billing', 'Login', 'Mobile app', 'API']) {
      const id = site.allocateId();
      site.components.set(id, { id, projectId: project.id, name, description: '' });
    }
    for (const [name, released] of [['1.0', true], ['1.1', true], ['2.0', false]] as const) {
      const id = site.allocateId();
      site.versions.set(id, { id, projectId: project.id, name, released, archived: false, releaseDate: null });
    }
  }
  return { alpha, beta, tokens };
}
