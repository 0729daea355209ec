import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from '../../../../src/domain/config/catalog';
import { SyncConfig } from '../../../../src/domain/config/schema';
import { directionChoices, resyncFieldChoices, resyncRequest } from './resync';

const config = SyncConfig.parse({
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '1', name: 'Bug' }, partner: { id: '2', name: 'Bug' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'fixVersions', direction: 'both' },
    { kind: 'custom', type: 'text', local: { id: 'customfield_10050', name: 'Team (old)' }, partner: { id: 'customfield_20050', name: 'Squad' }, direction: 'both' },
    { kind: 'custom', type: 'text', local: { id: 'customfield_10060', name: 'Gone' }, partner: { id: 'customfield_20060', name: 'Gone' }, direction: 'both' },
  ],
});

const local = ProjectCatalog.parse({
  site: 'same',
  project: { key: 'SUP', name: 'Support' },
  issueTypes: [],
  statuses: [],
  customFields: [{ id: 'customfield_10050', name: 'Team', type: 'text', jiraType: 'textfield' }],
});

describe('resyncFieldChoices', () => {
  it('offers every mapped field by its local id and current name, then the status', () => {
    expect(resyncFieldChoices(config, local)).toEqual([
      { value: 'summary', label: 'Summary' },
      { value: 'fixVersions', label: 'Fix versions' },
      { value: 'customfield_10050', label: 'Team' },
      { value: 'customfield_10060', label: 'Gone' },
      { value: 'status', label: 'Status' },
    ]);
    expect(resyncFieldChoices(config, null)[2]).toEqual({ value: 'customfield_10050', label: 'Team (old)' });
  });
});

describe('resyncRequest', () => {
  const choices = resyncFieldChoices(config, local);
  it('sends the chosen fields in order with the direction', () => {
    expect(resyncRequest(' project = SUP ', new Set(['status', 'summary']), choices, 'from-partner')).toEqual({
      request: { jql: 'project = SUP', fields: ['summary', 'status'], direction: 'from-partner' },
    });
  });

  it('asks for a field and a direction', () => {
    expect(resyncRequest('', new Set(), choices, 'to-partner')).toHaveProperty('problem');
    expect(resyncRequest('', new Set(['summary']), choices, null)).toHaveProperty('problem');
    expect(resyncRequest('', new Set(['nope']), choices, 'to-partner')).toHaveProperty('problem');
  });

  it('sends an incremental resync with the time as an ISO instant, and asks for the time', () => {
    const built = resyncRequest('', new Set(['summary']), choices, 'to-partner', 'incremental', '2026-11-02T09:30');
    expect(built).toEqual({ request: { jql: '', fields: ['summary'], direction: 'to-partner', mode: 'incremental', since: new Date('2026-11-02T09:30').toISOString() } });
    expect(resyncRequest('', new Set(['summary']), choices, 'to-partner', 'incremental', '')).toEqual({ problem: 'Choose the time to resync changes from.' });
    expect(resyncRequest('', new Set(['summary']), choices, 'to-partner', 'full', 'ignored')).toEqual({ request: { jql: '', fields: ['summary'], direction: 'to-partner' } });
  });

  it('words the directions from this project', () => {
    expect(directionChoices('DEV').map((c) => [c.value, c.label])).toEqual([
      ['to-partner', "This project's values win"],
      ['from-partner', "DEV's values win"],
    ]);
  });
});
