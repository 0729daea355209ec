import { describe, expect, it } from 'vitest';
import { licenseAllowsWork, licenseState } from './license';

describe('licenseState', () => {
  it('reads the current `active` field, and the deprecated `isActive` when it is the only one', () => {
    expect(licenseState({ active: true, isActive: true })).toBe('active');
    expect(licenseState({ active: false, isActive: false, type: 'commercial' })).toBe('inactive');
    expect(licenseState({ isActive: false })).toBe('inactive');
    expect(licenseState({ isActive: true })).toBe('active');
  });

  it('lets `active` win over a disagreeing `isActive`', () => {
    expect(licenseState({ active: false, isActive: true })).toBe('inactive');
    expect(licenseState({ active: true, isActive: false })).toBe('active');
  });

  it('calls a missing or state-less license absent, which still allows work', () => {
    for (const license of [undefined, null, 'active', {}, { type: 'commercial' }, { active: 'yes' }]) {
      expect(licenseState(license)).toBe('absent');
    }
    expect(licenseAllowsWork('absent')).toBe(true);
    expect(licenseAllowsWork('active')).toBe(true);
    expect(licenseAllowsWork('inactive')).toBe(false);
  });
});
