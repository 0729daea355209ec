import { describe, expect, it } from 'vitest';
import type { IssueSyncData, SettingsData, SyncErrorRow, SyncHealthData } from './types';
import {
  isAuditPage,
  isCreatedConnectionData,
  isCreatedInvitationData,
  isDeletedConnectionData,
  isRotatedKeyData,
  isErrorActionResult,
  isIssueSyncData,
  isIssueSyncOffer,
  isPartnerNotifiedData,
  isRetryAllResult,
  isSettingsData,
  isSettingsSync,
  isStateChangeData,
  isSyncableProjects,
  isSyncErrorRows,
  isSyncHealthData,
  mergeSync,
} from './validate';

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
  licensed: true,
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
  licensed: true,
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
    expect(isSettingsData({ ...settings, licensed: undefined })).toBe(false); // the license banner depends on it
    expect(isSettingsData({ ...settings, licensed: 'no' })).toBe(false);
  });
});

describe('isIssueSyncData', () => {
  it('accepts valid results, including no syncs', () => {
    expect(isIssueSyncData(issueSync)).toBe(true);
    expect(isIssueSyncData({ issue: { key: 'ABC-1' }, syncs: [], offers: [], canAct: false, licensed: false })).toBe(true);
    expect(isIssueSyncData({ ...issueSync, offers: [{ syncId: 's2', partnerSite: 'same', partnerProject: 'OPS' }] })).toBe(true);
  });

  it('rejects missing or mistyped fields', () => {
    expect(isIssueSyncData({ syncs: [] })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, syncs: [{ ...issueSync.syncs[0], status: 'ok' }] })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, syncs: [{ ...issueSync.syncs[0], partnerKey: undefined }] })).toBe(false);
    expect(isIssueSyncData({ issue: { key: 'ABC-1' }, syncs: [] })).toBe(false); // offers and canAct are required
    expect(isIssueSyncData({ ...issueSync, canAct: 'yes' })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, licensed: undefined })).toBe(false);
    expect(isIssueSyncData({ ...issueSync, offers: [{ syncId: 's2', partnerProject: 'OPS' }] })).toBe(false);
    expect(isIssueSyncOffer({ syncId: 's2', partnerSite: 'beta', partnerProject: 'DEV' })).toBe(true);
    expect(isIssueSyncOffer({ syncId: 's2', partnerSite: null, partnerProject: 'DEV' })).toBe(false);
  });

  it('accepts a resync in progress and rejects a malformed one', () => {
    const withResync = (resync: unknown) => ({ ...issueSync, syncs: [{ ...issueSync.syncs[0], resync }] });
    expect(isIssueSyncData(withResync({ jobId: 'j1', done: 120, total: 500, etaSeconds: 90 }))).toBe(true);
    expect(isIssueSyncData(withResync({ jobId: 'j1', done: 0, total: null, etaSeconds: null }))).toBe(true);
    expect(isIssueSyncData(withResync(undefined))).toBe(true);
    expect(isIssueSyncData(withResync(null))).toBe(false);
    expect(isIssueSyncData(withResync({ jobId: 'j1', done: -1, total: 500, etaSeconds: 90 }))).toBe(false);
    expect(isIssueSyncData(withResync({ done: 1, total: 500, etaSeconds: 90 }))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// Settings page: direction, connections, health, errors, audit.
// ---------------------------------------------------------------------------------------------------

describe('isSettingsSync direction', () => {
  const sync = settings.syncs[0]!;
  it('accepts a direction line or null, and nothing else', () => {
    expect(isSettingsSync(sync)).toBe(true);
    expect(isSettingsSync({ ...sync, direction: null })).toBe(true);
    expect(isSettingsSync({ ...sync, direction: 3 })).toBe(false);
    const { direction: _omitted, ...withoutDirection } = sync;
    expect(isSettingsSync(withoutDirection)).toBe(false);
  });
});

describe('connection results', () => {
  const connection = settings.syncs[1]!;
  it('accepts state changes and deletions, with or without the partner hearing of it', () => {
    expect(isStateChangeData({ connection, partner: { notified: true } })).toBe(true);
    expect(isStateChangeData({ connection, partner: { notified: false, reason: 'beta did not answer' } })).toBe(true);
    expect(isStateChangeData({ connection, partner: { notified: false } })).toBe(false);
    expect(isStateChangeData({ connection: {}, partner: { notified: true } })).toBe(false);
    // The engine's summary may leave out the direction; it is taken from the list instead.
    const { direction: _omitted, ...summary } = connection;
    expect(isStateChangeData({ connection: summary, partner: { notified: true } })).toBe(true);
    expect(isStateChangeData({ connection: { ...summary, direction: 1 }, partner: { notified: true } })).toBe(false);
    expect(isDeletedConnectionData({ deleted: 's2', partner: { notified: true }, pairsLeft: false })).toBe(true);
    expect(isDeletedConnectionData({ deleted: 's2', partner: { notified: true } })).toBe(false);
    expect(isPartnerNotifiedData({ notified: 'yes' })).toBe(false);
  });

  it('accepts a key rotation and rejects one without both times', () => {
    const rotated = { connectionId: 's1', switched: true, rotatedAt: '2026-03-10T11:00:00.000Z', previousKeyAcceptedUntil: '2026-03-10T12:00:00.000Z', partner: { notified: true } };
    expect(isRotatedKeyData(rotated)).toBe(true);
    expect(isRotatedKeyData({ ...rotated, partner: { notified: false, reason: 'beta did not answer' } })).toBe(true);
    expect(isRotatedKeyData({ ...rotated, rotatedAt: undefined })).toBe(false);
    expect(isRotatedKeyData({ ...rotated, previousKeyAcceptedUntil: 'soon' })).toBe(false);
    expect(isRotatedKeyData({ ...rotated, partner: {} })).toBe(false);
  });

  it('accepts created connections and invitations', () => {
    expect(isCreatedConnectionData({ connection })).toBe(true);
    expect(isCreatedConnectionData({})).toBe(false);
    expect(isCreatedConnectionData({ connection: { ...connection, direction: undefined } })).toBe(true);
    const invitation = { connection, code: 'LSI1abc', expiresAt: '2026-03-11T11:00:00Z' };
    expect(isCreatedInvitationData(invitation)).toBe(true);
    expect(isCreatedInvitationData({ ...invitation, code: undefined })).toBe(false);
  });

  it('accepts syncable projects', () => {
    expect(isSyncableProjects({ projects: [] })).toBe(true);
    expect(isSyncableProjects({ projects: [{ key: 'OPS', name: 'Operations' }] })).toBe(true);
    expect(isSyncableProjects({ projects: [{ key: 'OPS' }] })).toBe(false);
    expect(isSyncableProjects([])).toBe(false);
  });
});

describe('mergeSync', () => {
  it('keeps the shown direction when the result leaves it out', () => {
    const shown = settings.syncs[0]!;
    const { direction: _omitted, ...summary } = { ...shown, state: 'paused' as const };
    expect(mergeSync(summary as typeof shown, shown)).toEqual({ ...shown, state: 'paused' });
    expect(mergeSync(summary as typeof shown, undefined).direction).toBeNull();
    expect(mergeSync({ ...shown, direction: 'One way' }, shown).direction).toBe('One way');
  });
});

describe('isSyncHealthData', () => {
  const health: SyncHealthData = {
    connectionId: 's1',
    counts: { sent: 25, received: 3, applied: 3, failed: 1, retried: 0 },
    lastSentAt: '2026-03-10T11:00:00Z',
    lastAppliedAt: null,
    lagMs: 1200,
    openErrors: 1,
    history: [{ at: '2026-03-10T10:55:00Z', sent: 25, received: 3, applied: 3, failed: 1, retried: 0, maxLagMs: null }],
  };

  it('accepts health, including an empty history', () => {
    expect(isSyncHealthData(health)).toBe(true);
    expect(isSyncHealthData({ ...health, history: [], lagMs: null })).toBe(true);
  });

  it('rejects missing counters and malformed buckets', () => {
    expect(isSyncHealthData({ ...health, counts: { sent: 1 } })).toBe(false);
    expect(isSyncHealthData({ ...health, history: undefined })).toBe(false);
    expect(isSyncHealthData({ ...health, history: [{ ...health.history[0], applied: -1 }] })).toBe(false);
    expect(isSyncHealthData({ ...health, history: [{ ...health.history[0], maxLagMs: 'slow' }] })).toBe(false);
    expect(isSyncHealthData({ ...health, lagMs: -5 })).toBe(false);
  });
});

describe('error and audit results', () => {
  const row: SyncErrorRow = {
    direction: 'in',
    messageId: 'm1',
    issueKey: 'DEV-12',
    kind: 'comment',
    reason: 'Field "Team" is not on the screen',
    firstAttemptAt: '2026-03-10T10:00:00Z',
    at: '2026-03-10T11:00:00Z',
    attempts: 3,
  };

  it('accepts error rows and rejects an unknown direction', () => {
    expect(isSyncErrorRows([])).toBe(true);
    expect(isSyncErrorRows([row])).toBe(true);
    expect(isSyncErrorRows([{ ...row, direction: 'sideways' }])).toBe(false);
    expect(isSyncErrorRows({ rows: [row] })).toBe(false);
  });

  it('accepts error actions and retry-all results', () => {
    expect(isErrorActionResult({ outcome: 'Retried: applied', resolved: true })).toBe(true);
    expect(isErrorActionResult({ outcome: 'Retried' })).toBe(false);
    expect(isRetryAllResult({ retried: 3 })).toBe(true);
    expect(isRetryAllResult({ retried: -1 })).toBe(false);
    expect(isRetryAllResult({})).toBe(false);
  });

  it('accepts audit pages with and without a cursor or actor name', () => {
    const entry = { connectionId: 's1', at: '2026-03-10T11:00:00Z', actor: 'lockstep', action: 'issue.created', target: 'DEV-1', detail: 'from SUP-1' };
    expect(isAuditPage({ entries: [] })).toBe(true);
    expect(isAuditPage({ entries: [entry], cursor: 'next' })).toBe(true);
    expect(isAuditPage({ entries: [{ ...entry, actorName: 'Ada', target: null }] })).toBe(true);
    expect(isAuditPage({ entries: [{ ...entry, actorName: 7 }] })).toBe(false);
    expect(isAuditPage({ entries: [entry], cursor: 5 })).toBe(false);
    expect(isAuditPage({ entries: [{ ...entry, detail: undefined }] })).toBe(false);
  });
});
