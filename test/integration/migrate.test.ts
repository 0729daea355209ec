/** Project migration between sites, as Jira Cloud Migration does it: same keys, new ids, the target's own ids for everything. */
import { describe, expect, it } from 'vitest';
import { migrateProject } from '../../sandbox/jira/migrate';
import { doc, restClient, sandboxEmulator } from '../support/jira';

describe('migrateProject', () => {
  it('keeps keys, issues new ids, and re-points values at the target site\'s fields, statuses and options', async () => {
    const emulator = sandboxEmulator();
    const gamma = emulator.addSite({ name: 'gamma', idBase: 70000, customFieldBase: 10500, customFields: [
      { name: 'Severity', kind: 'select', description: 'x', options: ['Minor', 'Major', 'Critical'] },
      { name: 'Story Points', kind: 'float', description: 'x' },
    ] });
    const alpha = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
    const sev = [...emulator.site('alpha').customFields.values()].find((f) => f.name === 'Severity')!;
    const points = [...emulator.site('alpha').customFields.values()].find((f) => f.name === 'Customer')!;
    const a = await alpha('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Migrate me', description: doc('body'), components: [{ name: 'Login' }], [sev.id]: { value: 'Major' }, [points.id]: 'ACME' } });
    const b = await alpha('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Sub-task' }, summary: 'Child', parent: { key: a.body.key } } });
    const t = await alpha('GET', `/rest/api/3/issue/${a.body.key}/transitions`);
    await alpha('POST', `/rest/api/3/issue/${a.body.key}/transitions`, { transition: { id: t.body.transitions[0].id } });
    await alpha('POST', `/rest/api/3/issue/${a.body.key}/comment`, { body: doc('note') });
    await alpha('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a.body.key }, outwardIssue: { key: b.body.key } });
    await alpha('PUT', `/rest/api/3/issue/${a.body.key}/properties/lockstep.pair`, { partner: 'DEV-9' });

    const report = migrateProject(emulator.site('alpha'), gamma, 'SUP');
    expect(report).toMatchObject({ issues: 2, comments: 1, links: 1 });

    const g = restClient(emulator.fetch, gamma.baseUrl);
    const moved = await g('GET', `/rest/api/3/issue/${a.body.key}?fields=*all&expand=changelog`);
    expect(moved.status).toBe(200);
    expect(moved.body.key).toBe(a.body.key);
    expect(moved.body.id).not.toBe(a.body.id);
    const gSev = [...gamma.customFields.values()].find((f) => f.name === 'Severity')!;
    expect(gSev.id).not.toBe(sev.id);
    expect(moved.body.fields[gSev.id]).toMatchObject({ value: 'Major' });
    expect(moved.body.fields[gSev.id].id).not.toBe(sev.options.find((o) => o.value === 'Major')!.id);
    expect(moved.body.fields[sev.id]).toBeUndefined();
    const gCustomer = [...gamma.customFields.values()].find((f) => f.name === 'Customer')!;
    expect(moved.body.fields[gCustomer.id]).toBe('ACME');
    expect(moved.body.fields.status.name).toBe('In Progress');
    expect(moved.body.fields.status.id).toBe(gamma.statusByName('In Progress')!.id);
    expect(moved.body.fields.components.map((c: any) => c.name)).toEqual(['Login']);
    expect(moved.body.fields.comment.comments[0].body).toEqual(doc('note'));
    expect(moved.body.fields.issuelinks[0].outwardIssue.key).toBe(b.body.key);
    expect(moved.body.fields.subtasks[0].key).toBe(b.body.key);
    expect(moved.body.changelog.histories.some((h: any) => h.items.some((i: any) => i.fieldId === 'status'))).toBe(true);
    // App data does not travel with JCMA: Lockstep must not rely on issue properties surviving a migration.
    expect((await g('GET', `/rest/api/3/issue/${a.body.key}/properties`)).body.keys).toEqual([]);

    const found = await g('POST', '/rest/api/3/search/jql', { jql: `project = SUP AND cf[${gSev.numericId}] = Major`, fields: ['summary'] });
    expect(found.body.issues.map((i: any) => i.key)).toEqual([a.body.key]);
    const next = await g('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'After cutover' } });
    expect(next.body.key).toBe('SUP-3');
  });

  it('refuses to overwrite an existing project and can remove the source', () => {
    const emulator = sandboxEmulator();
    expect(() => migrateProject(emulator.site('alpha'), emulator.site('beta'), 'NOPE')).toThrow(/does not exist/);
    migrateProject(emulator.site('alpha'), emulator.site('beta'), 'SUP', { deleteSource: true });
    expect(emulator.site('alpha').projectByKey('SUP')).toBeUndefined();
    expect(() => migrateProject(emulator.site('alpha'), emulator.site('beta'), 'SUP')).toThrow(/does not exist/);
  });
});
