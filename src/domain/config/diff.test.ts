import { describe, expect, it } from 'vitest';
import { describeConfigChanges } from './diff';
import { SyncConfig, type SyncConfigInput } from './schema';

const input: SyncConfigInput = {
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: 'Defect' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'both' },
    { kind: 'custom', type: 'text', local: { id: 'customfield_10050', name: 'Team' }, partner: { id: 'customfield_20050', name: 'Squad' }, direction: 'both' },
  ],
  statuses: [{ local: { id: '1', name: 'Open' }, partner: { id: '11', name: 'To Do' } }],
};
const before = SyncConfig.parse(input);

const after = (change: (c: SyncConfigInput) => void): SyncConfig => {
  const copy = structuredClone(input);
  change(copy);
  return SyncConfig.parse(copy);
};

describe('describeConfigChanges', () => {
  it('says a first save created the configuration', () => {
    expect(describeConfigChanges(null, before)).toEqual(['Configuration created']);
  });

  it('says nothing for identical configurations', () => {
    expect(describeConfigChanges(before, structuredClone(before))).toEqual([]);
  });

  it('describes field changes by name', () => {
    const changed = after((c) => {
      c.fields[1] = { kind: 'system', field: 'priority', direction: 'to-partner', valueMap: [{ local: 'Highest', partner: 'Blocker' }], default: 'Medium' };
      c.fields.splice(2, 1, { kind: 'custom', type: 'number', local: { id: 'customfield_10060', name: 'Points' }, partner: { id: 'customfield_20060', name: 'Story points' }, direction: 'both' });
    });
    expect(describeConfigChanges(before, changed)).toEqual([
      'Removed field mapping "Team" ↔ "Squad"',
      'Added field mapping "Points" ↔ "Story points"',
      'Field "Priority": direction both → to-partner',
      'Field "Priority": value mapping "Highest" ↔ "Blocker" added',
      'Field "Priority": default value none → "Medium"',
    ]);
  });

  it('describes a changed partner field and a system field added', () => {
    const changed = after((c) => {
      const f = c.fields[2]!;
      if (f.kind === 'custom') f.partner = { id: 'customfield_20051', name: 'Crew' };
      c.fields.push({ kind: 'system', field: 'fixVersions', direction: 'both', partnerField: 'versions', createMissing: true });
    });
    expect(describeConfigChanges(before, changed)).toEqual([
      'Added field mapping "Fix versions"',
      'Field "Team": partner field "Squad" → "Crew"',
    ]);
  });

  it('describes issue type and status mappings added, removed and re-pointed', () => {
    const changed = after((c) => {
      c.issueTypes = [
        { local: { id: '90001', name: 'Bug' }, partner: { id: '30001', name: 'Defect' } },
        { local: { id: '10002', name: 'Task' }, partner: { id: '30002', name: 'Task' } },
      ];
      c.statuses = [{ local: { id: '5', name: 'Resolved' }, partner: { id: '14', name: 'Done' }, issueType: '90001' }];
    });
    expect(describeConfigChanges(before, changed)).toEqual([
      'Added issue type mapping Task ↔ Task',
      'Issue type mapping Bug ↔ Defect: re-pointed to the issue types of the same name',
      'Status mapping "Open" → "To Do" removed',
      'Status mapping "Resolved" → "Done" (Bug only) added',
    ]);
    const removed = after((c) => { c.issueTypes = [{ local: { id: '10002', name: 'Task' }, partner: { id: '30002', name: 'Task' } }]; });
    expect(describeConfigChanges(before, removed)).toEqual(['Removed issue type mapping Bug ↔ Defect', 'Added issue type mapping Task ↔ Task']);
  });

  it('describes comments, attachments, links, users, filter and advanced settings', () => {
    const changed = after((c) => {
      c.comments = { direction: 'none', includeRestricted: true };
      c.attachments = { direction: 'to-partner', maxBytes: 5 * 1024 * 1024, mimeTypes: ['image/*'], fileNamePattern: '\\.pdf$' };
      c.links = { direction: 'both', types: ['Blocks'], subtasks: false };
      c.users = { strategy: 'table', table: [{ local: 'a1', partner: 'b1' }], defaultUser: 'a0' };
      c.advanced = { jql: 'labels = escalated', accept: { create: true, update: true, delete: true }, deletePolicy: 'mark', correlationField: { id: 'customfield_10052', name: 'Partner key' } };
    });
    expect(describeConfigChanges(before, changed)).toEqual([
      'Users: matching same account → table',
      'Users: added table row a1 ↔ b1',
      'Users: default user none → "a0"',
      'Comments: direction both → none',
      'Comments: include restricted off → on',
      'Attachments: direction both → to-partner',
      'Attachments: max size 10 MB → 5 MB',
      'Attachments: MIME types any → image/*',
      'Attachments: file name pattern none → "\\.pdf$"',
      'Links: types every type → Blocks',
      'Links: sub-tasks on → off',
      'Filter JQL changed: "" → "labels = escalated"',
      'Accept incoming deletes: off → on',
      'Delete policy: ignore → mark',
      'Correlation field: none → "Partner key"',
    ]);
  });
});
