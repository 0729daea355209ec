import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from './parse';
import { SYSTEM_FIELDS } from './schema';
import { suggestConfig, type ProjectMeta } from './suggest';

const sup: ProjectMeta = {
  projectKey: 'SUP',
  issueTypes: [{ id: '10001', name: 'Bug' }, { id: '10002', name: 'Task' }, { id: '10003', name: 'Epic' }],
  statuses: [
    { id: '1', name: 'Open', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '5', name: 'Resolved', category: 'done' },
    { id: '6', name: 'Waiting for customer', category: 'indeterminate' },
  ],
  customFields: [
    { id: 'customfield_10011', name: 'Story Points', jiraType: 'float' },
    { id: 'customfield_10012', name: 'Severity', jiraType: 'select' },
    { id: 'customfield_10013', name: 'Customer', jiraType: 'textfield' },
    { id: 'customfield_10014', name: 'Region', jiraType: 'cascadingselect' },
    { id: 'customfield_10015', name: 'Team lead', jiraType: 'userpicker' },
  ],
};

const dev: ProjectMeta = {
  projectKey: 'DEV',
  issueTypes: [{ id: '30001', name: ' bug ' }, { id: '30002', name: 'Task' }, { id: '30003', name: 'Story' }],
  statuses: [
    { id: '11', name: 'To Do', category: 'new' },
    { id: '12', name: 'in progress', category: 'indeterminate' },
    { id: '13', name: 'In Review', category: 'indeterminate' },
    { id: '14', name: 'Done', category: 'done' },
  ],
  customFields: [
    { id: 'customfield_20011', name: 'story points', jiraType: 'float' },
    { id: 'customfield_20012', name: 'Severity', jiraType: 'multiselect' },
    { id: 'customfield_20013', name: 'Client', jiraType: 'textfield' },
    { id: 'customfield_20014', name: 'Region', jiraType: 'cascadingselect' },
    { id: 'customfield_20015', name: 'Team Lead', jiraType: 'userpicker' },
  ],
};

describe('suggestConfig', () => {
  const config = suggestConfig(sup, dev, 'beta');

  it('names both projects and the partner site', () => {
    expect(config.local).toEqual({ projectKey: 'SUP' });
    expect(config.partner).toEqual({ site: 'beta', projectKey: 'DEV' });
  });

  it('maps issue types by name, ignoring case and spaces', () => {
    expect(config.issueTypes.slice(0, 2)).toEqual([
      { local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: ' bug ' } },
      { local: { id: '10002', name: 'Task' }, partner: { id: '30002', name: 'Task' } },
    ]);
  });

  it('lets a type only one side has travel as the other side\'s Task, both ways, after the namesakes', () => {
    expect(config.issueTypes.slice(2)).toEqual([
      { local: { id: '10003', name: 'Epic' }, partner: { id: '30002', name: 'Task' } },
      { local: { id: '10002', name: 'Task' }, partner: { id: '30003', name: 'Story' } },
    ]);
    // Without a Task on the other side, an unmatched type is left out.
    const noTask = suggestConfig(sup, { ...dev, issueTypes: dev.issueTypes.filter((t) => t.name !== 'Task') }, 'beta');
    expect(noTask.issueTypes.map((t) => `${t.local.name}→${t.partner.name.trim()}`)).toEqual(['Bug→bug', 'Task→Story']);
  });

  it('maps every system field both ways', () => {
    const system = config.fields.filter((f) => f.kind === 'system');
    expect(system.map((f) => f.field)).toEqual([...SYSTEM_FIELDS]);
    expect(new Set(system.map((f) => f.direction))).toEqual(new Set(['both']));
  });

  it('maps a custom field only when both its name and its Jira type match, and only types Lockstep carries', () => {
    const customs = config.fields.flatMap((f) => (f.kind === 'custom' ? [f] : []));
    expect(customs.map((f) => ({ type: f.type, local: f.local.id, partner: f.partner.id }))).toEqual([
      { type: 'number', local: 'customfield_10011', partner: 'customfield_20011' },
      { type: 'user', local: 'customfield_10015', partner: 'customfield_20015' },
    ]);
    // Severity differs in type, Customer/Client in name, Region is a type Lockstep does not carry.
  });

  it('maps statuses by name first, else to the partner\'s first status of the same category', () => {
    expect(config.statuses.map((s) => [s.local.name, s.partner.name])).toEqual([
      ['Open', 'To Do'],
      ['In Progress', 'in progress'],
      ['Resolved', 'Done'],
      ['Waiting for customer', 'in progress'],
      // DEV's In Review has no SUP status of its name: without this entry a move to it would leave SUP where it is.
      ['In Progress', 'In Review'],
    ]);
    expect(config.statuses[2]).toEqual({ local: { id: '5', name: 'Resolved' }, partner: { id: '14', name: 'Done' } });
  });

  it('leaves out a status no partner status matches by name or category', () => {
    const odd = suggestConfig({ ...sup, statuses: [{ id: '9', name: 'Limbo', category: 'undefined' }] }, dev, 'beta');
    expect(odd.statuses).toEqual([]);
  });

  it('is a configuration that parses as one, with the documented defaults', () => {
    const reparsed = parseSyncConfig(JSON.parse(JSON.stringify(config)));
    expect(reparsed).toEqual({ ok: true, config });
    expect(config.users.strategy).toBe('same-account');
    expect(config.advanced.conflicts).toBe('newest-wins');
  });

  it('suggests a same-site sync between two projects of one site', () => {
    expect(suggestConfig(sup, dev, 'same').partner).toEqual({ site: 'same', projectKey: 'DEV' });
  });

  it('refuses to suggest a sync when no issue type can be mapped, as a config must map one', () => {
    const only = (meta: ProjectMeta, name: string): ProjectMeta => ({ ...meta, issueTypes: meta.issueTypes.filter((t) => t.name === name) });
    expect(() => suggestConfig(only(sup, 'Epic'), only(dev, 'Story'), 'beta')).toThrow(/map at least one issue type/);
  });
});
