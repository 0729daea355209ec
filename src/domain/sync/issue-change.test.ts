/** The `issue` change an issue's fields make: the one builder event capture and the initial sync share. */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../config/parse';
import type { SyncConfig, SyncConfigInput } from '../config/schema';
import { changeFields, issueChange, parentToPair, sendingMappings } from './issue-change';

const input: SyncConfigInput = {
  version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10002', name: 'Task' }, partner: { id: '20002', name: 'Task' } }, { local: { id: '10005', name: 'Sub-task' }, partner: { id: '20005', name: 'Sub-task' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'to-partner' },
    { kind: 'system', field: 'labels', direction: 'from-partner' },
    { kind: 'custom', type: 'select', local: { id: 'customfield_10015', name: 'Severity' }, partner: { id: 'customfield_20015', name: 'Impact' }, direction: 'both' },
  ],
  statuses: [{ local: { id: '1', name: 'Open' }, partner: { id: '11', name: 'To Do' } }],
};
const configWith = (patch: Partial<SyncConfigInput> = {}): SyncConfig => {
  const r = parseSyncConfig({ ...input, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
};

const NOW = Date.UTC(2026, 10, 2, 10, 0, 0);
const fields = {
  summary: 'Login fails', priority: { id: '2', name: 'High' }, labels: ['sso'], customfield_10015: { id: '7', value: 'Major' },
  issuetype: { id: '10005', name: 'Sub-task' }, status: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate' } },
  parent: { id: '10040', key: 'SUP-10' }, updated: '2026-11-02T09:30:00.000+0000',
};

describe('issueChange', () => {
  it('carries the sending mappings\' values under the partner\'s field ids, the type, the status with its category and the parent', () => {
    const config = configWith();
    const built = issueChange(config, fields, { mappings: sendingMappings(config), create: true, status: true, parentTargetId: '20040' }, NOW);
    expect(built).toEqual({
      change: {
        kind: 'issue', create: true, issueType: { id: '10005', name: 'Sub-task' },
        fields: { summary: 'Login fails', priority: 'High', customfield_20015: 'Major' },
        status: { id: '3', name: 'In Progress', category: 'indeterminate' },
        parentTargetId: '20040',
      },
      at: Date.UTC(2026, 10, 2, 9, 30, 0),
      stamped: ['summary', 'priority', 'customfield_10015', 'status'],
    });
  });

  it('leaves the parent out of an update and when sub-tasks do not follow their parents', () => {
    const config = configWith();
    const update = issueChange(config, fields, { mappings: sendingMappings(config), create: false, status: true, parentTargetId: '20040' }, NOW);
    expect(update).toMatchObject({ change: { create: false } });
    expect('change' in update && 'parentTargetId' in update.change).toBe(false);
    const noSubtasks = configWith({ links: { direction: 'both', types: [], subtasks: false } });
    const create = issueChange(noSubtasks, fields, { mappings: sendingMappings(noSubtasks), create: true, status: true, parentTargetId: '20040' }, NOW);
    expect(create).toMatchObject({ change: { create: true } });
    expect('change' in create && 'parentTargetId' in create.change).toBe(false);
    expect(parentToPair(noSubtasks, fields)).toBeUndefined();
    expect(parentToPair(config, fields)).toBe('10040');
  });

  it('sends the status only when asked and when the sync maps statuses; it is then not stamped', () => {
    const config = configWith();
    const quiet = issueChange(config, fields, { mappings: [], create: false, status: false }, NOW);
    expect(quiet).toMatchObject({ change: { fields: {} }, stamped: [] });
    expect('change' in quiet && 'status' in quiet.change).toBe(false);
    const unmapped = configWith({ statuses: [] });
    const built = issueChange(unmapped, fields, { mappings: [], create: true, status: true }, NOW);
    expect('change' in built && 'status' in built.change).toBe(false);
  });

  it('skips an issue type the sync does not map, and falls back to now without an updated time', () => {
    const config = configWith();
    expect(issueChange(config, { ...fields, issuetype: { id: '10009', name: 'Epic' } }, { mappings: [], create: true, status: true }, NOW)).toEqual({ skip: 'issue type Epic is not synced' });
    expect(issueChange(config, { ...fields, updated: undefined }, { mappings: [], create: true, status: false }, NOW)).toMatchObject({ at: NOW });
  });

  it('names the fields it reads: the parent only for a create', () => {
    const config = configWith();
    expect(changeFields(sendingMappings(config), true)).toEqual(['summary', 'priority', 'customfield_10015', 'issuetype', 'status', 'updated', 'parent']);
    expect(changeFields(sendingMappings(config), false)).not.toContain('parent');
  });
});
