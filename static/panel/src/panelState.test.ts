import { describe, expect, it } from 'vitest';
import { UiError } from '../../shared/errors';
import type { IssueSync, IssueSyncData } from '../../shared/types';
import type { PanelAction } from './actions';
import { actionsEnabled, initialPanelState, panelPhase, panelReducer, showsRefresh, type PanelEvent, type PanelState } from './panelState';

const synced: IssueSync = {
  syncId: 's1', partnerKey: 'DEV-12', partnerUrl: 'http://beta/browse/DEV-12', status: 'up-to-date',
  lastSent: '2026-03-10T10:00:00Z', lastReceived: null, lastError: null,
};
const data: IssueSyncData = { issue: { key: 'SUP-1' }, syncs: [synced], offers: [{ syncId: 's2', partnerSite: 'same', partnerProject: 'OPS' }], canAct: true, licensed: true };
const pair: PanelAction = { type: 'pair', syncId: 's2', partnerKey: 'OPS-3' };
const resync: PanelAction = { type: 'resync', syncId: 's1', partnerKey: 'DEV-12' };

const play = (...events: PanelEvent[]): PanelState => events.reduce(panelReducer, initialPanelState);

describe('panel state', () => {
  it('shows loading, then the data or an error on the first load', () => {
    expect(panelPhase(initialPanelState)).toBe('loading');
    expect(panelPhase(play({ type: 'loaded', data }))).toBe('ready');
    const failed = play({ type: 'load-failed', error: new UiError(500, 'x') });
    expect(panelPhase(failed)).toBe('error');
    expect(panelPhase(panelReducer(failed, { type: 'load-started' }))).toBe('loading');
  });

  it('keeps the data on screen while it reloads, and when a reload fails', () => {
    const reloading = play({ type: 'loaded', data }, { type: 'load-started' });
    expect(panelPhase(reloading)).toBe('ready');
    expect(reloading.loading).toBe(true);
    const failed = panelReducer(reloading, { type: 'load-failed', error: new UiError(503, 'x') });
    expect(panelPhase(failed)).toBe('ready');
    expect(failed.data).toBe(data);
    expect(panelReducer(failed, { type: 'loaded', data }).loadError).toBeUndefined();
  });

  it('runs one action at a time, only for a viewer who may edit the issue', () => {
    const ready = play({ type: 'loaded', data });
    expect(actionsEnabled(ready)).toBe(true);
    expect(actionsEnabled(panelReducer(ready, { type: 'action-started', action: resync }))).toBe(false);
    expect(actionsEnabled(play({ type: 'loaded', data: { ...data, canAct: false } }))).toBe(false);
    expect(actionsEnabled(initialPanelState)).toBe(false);
  });

  it('reports the outcome, or keeps the failure with its action for Retry', () => {
    const done = play({ type: 'loaded', data }, { type: 'action-started', action: resync }, { type: 'action-succeeded', action: resync, outcome: 'Resync sent to DEV-12.' });
    expect(done).toMatchObject({ running: undefined, outcome: 'Resync sent to DEV-12.', actionError: undefined });
    const error = new UiError(409, 'DEV-12 is already paired.');
    const failed = panelReducer(panelReducer(done, { type: 'action-started', action: pair }), { type: 'action-failed', action: pair, error });
    expect(failed.outcome).toBeUndefined();
    expect(failed.actionError).toEqual({ action: pair, error });
    expect(panelReducer(failed, { type: 'action-error-dismissed' }).actionError).toBeUndefined();
  });

  it('offers Refresh while a pair is pending or requested, until the pair shows up', () => {
    const ready = play({ type: 'loaded', data });
    expect(showsRefresh(ready)).toBe(false);
    expect(showsRefresh(play({ type: 'loaded', data: { ...data, syncs: [{ ...synced, status: 'pending' }] } }))).toBe(true);
    expect(showsRefresh(play({ type: 'loaded', data: { ...data, syncs: [{ ...synced, partnerKey: null }] } }))).toBe(true);
    const requested = panelReducer(ready, { type: 'action-succeeded', action: pair, outcome: 'Pairing requested.' });
    expect(requested.requested).toEqual(['s2']);
    expect(showsRefresh(requested)).toBe(true);
    const stillOffered = panelReducer(requested, { type: 'loaded', data });
    expect(showsRefresh(stillOffered)).toBe(true);
    const paired = panelReducer(stillOffered, { type: 'loaded', data: { ...data, syncs: [synced, { ...synced, syncId: 's2', partnerKey: 'OPS-3' }], offers: [] } });
    expect(paired.requested).toEqual([]);
    expect(showsRefresh(paired)).toBe(false);
    expect(panelReducer(ready, { type: 'action-succeeded', action: resync, outcome: 'ok' }).requested).toEqual([]);
  });
});
