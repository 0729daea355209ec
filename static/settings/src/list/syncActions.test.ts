import { describe, expect, it } from 'vitest';
import type { SettingsSync } from '../../../shared/types';
import {
  actionAriaLabel,
  availableActions,
  confirmationFor,
  deleteOutcome,
  directionLabel,
  partnerLabel,
  stateChangeOutcome,
  syncHeading,
} from './syncActions';

const sync: SettingsSync = {
  id: 'c1',
  partnerSite: 'beta',
  partnerProject: 'DEV',
  state: 'running',
  pairs: 25,
  lastActivity: null,
  openErrors: 0,
  direction: 'Both ways',
};
const pending = { ...sync, partnerSite: 'pending', partnerProject: 'pending', state: 'draft' as const };

describe('labels', () => {
  it('names the partner, this site, or a pending invitation', () => {
    expect(partnerLabel(sync)).toBe('DEV on beta');
    expect(partnerLabel({ partnerSite: 'same', partnerProject: 'OPS' })).toBe('OPS on this site');
    expect(partnerLabel(pending)).toBe('a partner yet to accept');
  });

  it('says when the direction is not configured', () => {
    expect(directionLabel('Both ways')).toBe('Both ways');
    expect(directionLabel(null)).toBe('Not configured');
  });

  it('names the partner in action buttons', () => {
    expect(actionAriaLabel('pause', sync)).toBe('Pause sync with DEV');
    expect(actionAriaLabel('delete', pending)).toBe('Delete pending invitation');
  });
});

describe('availableActions', () => {
  it('follows the server transitions', () => {
    expect(availableActions({ ...sync, state: 'draft' })).toEqual(['start', 'delete']);
    expect(availableActions(sync)).toEqual(['pause', 'stop', 'delete']);
    expect(availableActions({ ...sync, state: 'paused' })).toEqual(['start', 'stop', 'delete']);
    expect(availableActions({ ...sync, state: 'stopped' })).toEqual(['start', 'delete']);
  });

  it('does not offer Start while the partner has not accepted', () => {
    expect(availableActions(pending)).toEqual(['delete']);
  });
});

describe('confirmations and outcomes', () => {
  it('asks before deleting, naming the partner', () => {
    expect(confirmationFor('delete', sync).body).toBe(
      "Delete the sync with DEV on beta? Synced issues stay, but stop syncing. This can't be undone.",
    );
    expect(confirmationFor('stop', sync).confirmLabel).toBe('Stop');
  });

  it('reports success, or warns when the partner was not told', () => {
    expect(stateChangeOutcome('pause', sync, { connection: { ...sync, state: 'paused' }, partner: { notified: true } })).toEqual({
      appearance: 'success',
      title: 'Sync with DEV on beta paused.',
    });
    expect(
      deleteOutcome(sync, { deleted: 'c1', partner: { notified: false, reason: 'beta did not answer' }, pairsLeft: true }),
    ).toEqual({
      appearance: 'warning',
      title: 'Sync with DEV on beta deleted.',
      description: 'The partner site was not told: beta did not answer. Its issue pairs are being cleaned up in the background.',
    });
  });
});

describe('syncHeading', () => {
  it('names the partner, or says it waits for one', () => {
    expect(syncHeading(sync)).toBe('Sync with DEV on beta');
    expect(syncHeading({ partnerSite: 'same', partnerProject: 'OPS' })).toBe('Sync with OPS on this site');
    expect(syncHeading(pending)).toBe('Sync waiting for a partner');
  });
});
