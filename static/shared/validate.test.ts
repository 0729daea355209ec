import { describe, expect, it } from 'vitest';
import type { IssueSyncData, SettingsData } from './types';
import { isIssueSyncData, isSettingsData } from './validate';

const settings: SettingsData = {
  project: { key: 'ABC', name: 'Alpha' },
  syncs: [
    {
      id: 's1',
      partnerSite: 'partner.atlassian.net',
      partnerProject: 'XYZ',
      state: 'running',
      pairs: 12,
      lastActivity: '2026-03-10T11:00:00Z',
      openErrors: 0,
      direction: 'Both ways',
    },
    { id: 's2', partnerSite: 'b.atlassian.net', partnerProject: 'Q', state: 'draft', pairs: 0, lastActivity: null, openErrors: 1, direction: null },
  ],
};

const issueSync: IssueSyncData = {
  issue: { key: 'ABC-1' },
  syncs: [
    {
      syncId: 's1',
      partnerKey: 'XYZ-9',
      partnerUrl: 'https://partner.atlassian.net/browse/XYZ-9',
      status: 'error',
      lastSent: null,
      lastReceived: '2026-03-10T11:00:00Z',
      lastError: 'Field "Team" is not on the partner screen',
    },
  ],
  offers: [],
  canAct: true,
};

describe('isSettingsData', () => {
  it('accepts valid results, including no syncs', () => {
    expect(isSettingsData(settings)).toBe(true);
    expect(isSettingsData({ ...settings, syncs: [] })).toBe(true);
  });

  it('rejects missing or mistyped fields', () => {
    expect(isSettingsData(null)).toBe(false);
    expect(isSettingsData({ syncs: [] })).toBe(false);
    expect(isSettingsData({ ...settings, syncs: undefined })).toBe(false);
    expect(isSettingsData({ ...settings, syncs: [{ ...settings.syncs[0], state: 'exploded' }] })).toBe(false);
    expect(isSettingsData({ ...settings, syncs: [{ ...settings.syncs[0], pairs: -1 }] })).toBe(false);
    expect(isSettingsData({ ...settings, syncs: [{ ...settings.syncs[0], lastActivity: 0 }] })).toBe(false);
  });
});

describe('isIssueSyncData', () => {
  it('accepts valid results, including no syncs', () => {
    expect(isIssueSyncData(issueSync)).toBe(true);
    expect(isIssueSyncData({ issue: { key: 'ABC-1' }, syncs: [] })).toBe(true);
  });

  it('rejects missing or mistyped fields', () => {
    expect(isIssueSyncData({ syncs: [] })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, syncs: [{ ...issueSync.syncs[0], status: 'ok' }] })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, syncs: [{ ...issueSync.syncs[0], partnerKey: undefined }] })).toBe(false);
  });
});
