import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from '../../../../src/domain/config/catalog';
import { SyncConfig } from '../../../../src/domain/config/schema';
import { commonLinkTypes, configRefs, customFieldsOfType, optionOf, statusGroups, unmappedCustomFields, valueChoices } from './options';

const sup = ProjectCatalog.parse({
  site: 'same',
  project: { key: 'SUP', name: 'Support' },
  issueTypes: [{ id: '1', name: 'Bug' }],
  statuses: [
    { id: '3', name: 'Done', category: 'done' },
    { id: '1', name: 'Open', category: 'new' },
    { id: '2', name: 'In Progress', category: 'indeterminate' },
  ],
  customFields: [
    { id: 'cf1', name: 'Team', type: 'text', jiraType: 'textfield' },
    { id: 'cf2', name: 'Severity', type: 'select', jiraType: 'select', options: ['S1', 'S2'] },
  ],
  priorities: ['High'],
  linkTypes: ['Blocks', 'Relates'],
});
const dev = { ...sup, project: { key: 'DEV', name: 'Dev' }, linkTypes: ['Blocks', 'Clones'] };

describe('options', () => {
  it('shows a reference the catalog lacks by its name, marked missing', () => {
    const options = [{ label: 'Bug', value: '1' }];
    expect(optionOf(options, { id: '1', name: 'Old name' })).toEqual({ label: 'Bug', value: '1' });
    expect(optionOf(options, { id: '9', name: 'Defect' })).toEqual({ label: 'Defect (missing)', value: '9' });
    expect(optionOf(options, null)).toBeNull();
  });

  it('groups statuses by category in workflow order', () => {
    expect(statusGroups(sup.statuses).map((g) => [g.label, g.options.map((o) => o.label)])).toEqual([
      ['To do', ['Open']],
      ['In progress', ['In Progress']],
      ['Done', ['Done']],
    ]);
  });

  it('offers custom fields of one type, value names and common link types', () => {
    expect(customFieldsOfType(sup, 'select')).toEqual([{ label: 'Severity', value: 'cf2' }]);
    expect(customFieldsOfType(null, 'select')).toEqual([]);
    expect(valueChoices(sup, 'options', 'cf2')).toEqual(['S1', 'S2']);
    expect(valueChoices(sup, 'priorities', null)).toEqual(['High']);
    expect(valueChoices(null, 'priorities', null)).toBeNull();
    expect(commonLinkTypes(sup, dev)).toEqual(['Blocks']);
    expect(commonLinkTypes(sup, null)).toEqual(['Blocks', 'Relates']);
  });

  it('lists what the configuration names and what is still unmapped', () => {
    const config = SyncConfig.parse({
      version: 1,
      local: { projectKey: 'SUP' },
      partner: { site: 'beta', projectKey: 'DEV' },
      issueTypes: [{ local: { id: '1', name: 'Bug' }, partner: { id: '7', name: 'Defect' } }, { local: { id: '2', name: 'Task' }, partner: { id: '7', name: 'Defect' } }],
      fields: [{ kind: 'custom', type: 'text', local: { id: 'cf1', name: 'Team' }, partner: { id: 'x', name: 'Squad' }, direction: 'both' }],
    });
    expect(configRefs(config, 'partner', 'issueTypes')).toEqual([{ id: '7', name: 'Defect' }]);
    expect(unmappedCustomFields(config, sup).map((f) => f.name)).toEqual(['Severity']);
  });
});
