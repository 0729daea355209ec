/**
 * A realistic sync configuration (SUP ↔ DEV) with both projects' catalogs, and its export: the valid
 * documents the configuration fuzz suites mutate. The same shape as config-file.test.ts uses.
 */
import { ProjectCatalog } from '../../src/domain/config/catalog';
import { SyncConfig, type SyncConfigInput } from '../../src/domain/config/schema';
import { buildConfigExport, configExportText } from '../../src/domain/migration/config-file';

export const sup = ProjectCatalog.parse({
  site: 'same',
  project: { key: 'SUP', name: 'Support' },
  issueTypes: [{ id: '10001', name: 'Bug' }, { id: '10002', name: 'Task' }, { id: '10003', name: 'Epic' }],
  statuses: [{ id: '1', name: 'Open', category: 'new' }, { id: '5', name: 'Resolved', category: 'done' }],
  customFields: [
    { id: 'customfield_10050', name: 'Team', type: 'text', jiraType: 'textfield' },
    { id: 'customfield_10051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Sev 1', 'Sev 2'] },
    { id: 'customfield_10052', name: 'Partner key', type: 'text', jiraType: 'textfield' },
    { id: 'customfield_10053', name: 'Owner', type: 'user', jiraType: 'userpicker' },
  ],
  priorities: ['Highest', 'High', 'Medium'],
  components: ['Billing'],
  versions: ['1.0'],
  linkTypes: ['Blocks', 'Relates'],
  named: {
    priorities: [{ id: '1', name: 'Highest' }, { id: '2', name: 'High' }, { id: '3', name: 'Medium' }],
    components: [{ id: '10100', name: 'Billing' }],
    versions: [{ id: '10200', name: '1.0' }],
    linkTypes: [{ id: '10000', name: 'Blocks' }, { id: '10003', name: 'Relates' }],
  },
});

export const dev = ProjectCatalog.parse({
  site: 'beta',
  project: { key: 'DEV', name: 'Development' },
  issueTypes: [{ id: '30001', name: 'Defect' }, { id: '30002', name: 'Task' }],
  statuses: [{ id: '11', name: 'To Do', category: 'new' }, { id: '14', name: 'Done', category: 'done' }],
  customFields: [
    { id: 'customfield_20050', name: 'Squad', type: 'text', jiraType: 'textfield' },
    { id: 'customfield_20051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Critical', 'Major'] },
    { id: 'customfield_20053', name: 'Owner', type: 'user', jiraType: 'userpicker' },
  ],
  priorities: ['Blocker', 'Major'],
  components: ['Payments'],
  versions: ['2024.1'],
  linkTypes: ['Blocks'],
  named: {
    priorities: [{ id: '1', name: 'Blocker' }, { id: '3', name: 'Major' }],
    components: [{ id: '20100', name: 'Payments' }],
    versions: [{ id: '20200', name: '2024.1' }],
    linkTypes: [{ id: '10000', name: 'Blocks' }],
  },
});

export const configInput: SyncConfigInput = {
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [
    { local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: 'Defect' } },
    { local: { id: '10002', name: 'Task' }, partner: { id: '30002', name: 'Task' } },
  ],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'both', valueMap: [{ local: 'Highest', partner: 'Blocker' }], default: 'Medium' },
    { kind: 'system', field: 'components', direction: 'both', valueMap: [{ local: 'Billing', partner: 'Payments' }] },
    { kind: 'system', field: 'fixVersions', partnerField: 'versions', direction: 'to-partner', valueMap: [{ local: '1.0', partner: '2024.1' }] },
    { kind: 'system', field: 'assignee', direction: 'both', default: 'acc-ada' },
    { kind: 'custom', type: 'text', local: { id: 'customfield_10050', name: 'Team' }, partner: { id: 'customfield_20050', name: 'Squad' }, direction: 'both' },
    { kind: 'custom', type: 'select', local: { id: 'customfield_10051', name: 'Severity' }, partner: { id: 'customfield_20051', name: 'Severity' }, direction: 'both', valueMap: [{ local: 'Sev 1', partner: 'Critical' }] },
    { kind: 'custom', type: 'user', local: { id: 'customfield_10053', name: 'Owner' }, partner: { id: 'customfield_20053', name: 'Owner' }, direction: 'both', default: 'acc-omar' },
  ],
  statuses: [{ local: { id: '5', name: 'Resolved' }, partner: { id: '14', name: 'Done' }, issueType: '10001' }],
  users: { strategy: 'table', table: [{ local: 'acc-sam', partner: 'acc-dana' }], defaultUser: 'acc-ada' },
  links: { direction: 'both', types: ['Blocks'] },
  advanced: { correlationField: { id: 'customfield_10052', name: 'Partner key' } },
};
export const config = SyncConfig.parse(configInput);

/** The export of `config` as the download writes it. */
export const exportText = configExportText(buildConfigExport({
  config, exportedAt: '2026-11-21T09:30:00.000Z', local: sup, partner: dev, users: new Map([['acc-sam', 'Sam'], ['acc-dana', 'Dana']]),
}));
export const exportDoc = JSON.parse(exportText) as unknown;
