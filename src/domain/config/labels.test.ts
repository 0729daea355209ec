import { describe, expect, it } from 'vitest';
import { canCreateMissing, directionLabel, directionOptions, fieldMappingName, formatMegabytes, systemFieldName, valueSourceOf } from './labels';

describe('labels', () => {
  it('names directions relative to the partner', () => {
    expect(directionLabel('both', 'DEV')).toBe('Both ways');
    expect(directionLabel('to-partner', 'DEV')).toBe('To DEV only');
    expect(directionLabel('from-partner', 'DEV')).toBe('From DEV only');
    expect(directionLabel('none', 'DEV')).toBe('Not synced');
    expect(directionOptions('DEV').map((o) => o.value)).toEqual(['both', 'to-partner', 'from-partner']);
    expect(directionOptions('DEV', true).at(-1)).toEqual({ value: 'none', label: 'Not synced' });
  });

  it('names system fields and mappings', () => {
    expect(systemFieldName('fixVersions')).toBe('Fix versions');
    expect(fieldMappingName({ kind: 'system', field: 'duedate' })).toBe('Due date');
    expect(fieldMappingName({ kind: 'custom', local: { name: 'Team' } })).toBe('Team');
  });

  it('knows which fields have named values and which can create missing ones', () => {
    expect(valueSourceOf({ kind: 'system', field: 'priority' })).toBe('priorities');
    expect(valueSourceOf({ kind: 'system', field: 'fixVersions' })).toBe('versions');
    expect(valueSourceOf({ kind: 'system', field: 'summary' })).toBeNull();
    expect(valueSourceOf({ kind: 'custom', type: 'multiselect' })).toBe('options');
    expect(valueSourceOf({ kind: 'custom', type: 'text' })).toBeNull();
    expect(canCreateMissing({ kind: 'system', field: 'components' })).toBe(true);
    expect(canCreateMissing({ kind: 'system', field: 'priority' })).toBe(false);
    expect(canCreateMissing({ kind: 'custom' })).toBe(false);
  });

  it('formats sizes in MB', () => {
    expect(formatMegabytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatMegabytes(1536 * 1024)).toBe('1.5 MB');
  });
});
