/** Resolvers check the caller's Jira permission (as that user) before anything else; browser context is only a hint. */
import { describe, expect, it } from 'vitest';
import { getSettings } from '../../src/forge/resolvers/settings';
import { getIssueSync } from '../../src/forge/resolvers/panel';
import { respond } from '../../src/forge/resolvers/respond';
import { MemoryConnections } from '../../src/ports/fakes/connections';
import { PEOPLE } from '../../sandbox/jira/sites';
import { restClient, sandboxEmulator } from '../support/jira';
import { emulatorTransport } from '../support/transport';

const emulator = sandboxEmulator();
const connections = new MemoryConnections();
await connections.save({ id: 'c1', localProjectKey: 'SUP', partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 12, lastActivity: null, openErrors: 1 });
const as = (who: keyof typeof PEOPLE) => ({ asUser: emulatorTransport(emulator, 'alpha', PEOPLE[who].accountId), connections });
const settingsContext = (key: string) => ({ accountId: 'ignored', extension: { project: { key } } });

describe('settings resolver', () => {
  it('shows a project admin the project and its syncs', async () => {
    expect(await respond(() => getSettings(as('ada'), settingsContext('SUP')))).toEqual({ project: { key: 'SUP', name: 'Support Desk' }, syncs: [expect.objectContaining({ id: 'c1', pairs: 12 })] });
  });
  it('refuses a project member who is not an admin, and someone outside the project', async () => {
    expect(await respond(() => getSettings(as('sam'), settingsContext('SUP')))).toEqual({ error: { status: 403, code: 'forbidden', message: 'Only administrators of this project can configure Lockstep.' } });
    expect(await respond(() => getSettings(as('omar'), settingsContext('SUP')))).toMatchObject({ error: { status: 403 } });
  });
  it('refuses altered context: a project key the caller does not administer, or garbage', async () => {
    expect(await respond(() => getSettings(as('sam'), settingsContext('DEV')))).toMatchObject({ error: { status: 403 } });
    expect(await respond(() => getSettings(as('ada'), { accountId: 'ignored', extension: { project: { key: "SUP'; DROP" } } }))).toMatchObject({ error: { status: 400 } });
    expect(await respond(() => getSettings(as('ada'), { accountId: 'ignored' }))).toMatchObject({ error: { status: 400 } });
  });
});

describe('issue panel resolver', () => {
  it('answers only users who can browse the issue', async () => {
    const ada = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
    const created = await ada('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Panel' } });
    const ctx = { accountId: 'ignored', extension: { issue: { key: created.body.key } } };
    expect(await respond(() => getIssueSync(as('sam'), ctx))).toEqual({ issue: { key: created.body.key }, syncs: [], offers: [], canAct: false });
    expect(await respond(() => getIssueSync(as('omar'), ctx))).toMatchObject({ error: { status: 403 } });
    expect(await respond(() => getIssueSync(as('sam'), { accountId: 'ignored', extension: { issue: { key: 'not a key' } } }))).toMatchObject({ error: { status: 400 } });
  });
});

describe('respond', () => {
  it('turns unexpected failures into a 500 without leaking their text', async () => {
    const result = await respond(async () => { throw new Error('secret internals'); });
    expect(result).toMatchObject({ error: { status: 500, code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
