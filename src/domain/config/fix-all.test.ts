import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from './catalog';
import { applyAllSuggestions } from './fix-all';
import { SyncConfig } from './schema';
import { configWarnings } from './warnings';

const sup = ProjectCatalog.parse({
  site: 'same',
  project: { key: 'SUP', name: 'Support' },
  issueTypes: [{ id: '10001', name: 'Bug' }],
  statuses: [{ id: '1', name: 'Open', category: 'new' }],
  customFields: [{ id: 'customfield_10051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Sev 1', 'Sev 2'] }],
});
const dev = ProjectCatalog.parse({
  site: 'beta',
  project: { key: 'DEV', name: 'Development' },
  issueTypes: [{ id: '30001', name: 'Defect' }],
  statuses: [{ id: '11', name: 'To Do', category: 'new' }],
  customFields: [{ id: 'customfield_20051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Critical', 'Major'] }],
});

const config = SyncConfig.parse({
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: 'Defect' } }],
  fields: [{
    kind: 'custom', type: 'select', direction: 'both',
    local: { id: 'customfield_10051', name: 'Severity' }, partner: { id: 'customfield_20051', name: 'Severity' },
    valueMap: [{ local: 'Sev 1', partner: 'Critical' }, { local: 'Sev 2', partner: 'Major' }],
  }],
  users: { strategy: 'table', table: [] },
});

describe('applyAllSuggestions', () => {
  it('changes nothing when nothing is wrong', () => {
    const none = applyAllSuggestions({ ...config, users: { ...config.users, strategy: 'same-account' } }, sup, dev);
    expect(none).toEqual({ config: { ...config, users: { ...config.users, strategy: 'same-account' } }, applied: 0, left: [] });
  });

  it('also fixes what the first fixes uncover, and leaves warnings it cannot fix', () => {
    // The partner field moved to a new id and lost one option: the option is only checked once the field is found.
    const moved = { ...dev, customFields: [{ ...dev.customFields[0]!, id: 'customfield_29999', options: ['Critical'] }] };
    expect(configWarnings(config, sup, moved).map((w) => w.at)).toEqual(['fields.0.partner', 'users.table']);
    const result = applyAllSuggestions(config, sup, moved);
    expect(result.applied).toBe(2);
    expect(result.config.fields[0]).toMatchObject({ partner: { id: 'customfield_29999' }, valueMap: [{ local: 'Sev 1', partner: 'Critical' }] });
    expect(result.left.map((w) => w.id)).toEqual(['users:table:empty']);
    expect(config.fields[0]).toMatchObject({ partner: { id: 'customfield_20051' } });
  });

  it('leaves warnings that have no fix', () => {
    // The only issue type mapping cannot be removed (at least one is required), so there is no fix.
    const gone = { ...dev, issueTypes: [{ id: '30009', name: 'Story' }] };
    const result = applyAllSuggestions(config, sup, gone);
    expect(result.applied).toBe(0);
    expect(result.left.map((w) => w.at)).toEqual(['issueTypes.0.partner', 'users.table']);
    expect(result.config).toBe(config);
  });
});
