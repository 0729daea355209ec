import { describe, expect, it } from 'vitest';
import { actionProgress, actionRequest, requestsPair, type PanelAction } from './actions';

const resync: PanelAction = { type: 'resync', syncId: 's1', partnerKey: 'DEV-12' };
const retry: PanelAction = { type: 'retry', syncId: 's1', partnerKey: null };
const syncThis: PanelAction = { type: 'syncThis', syncId: 's2', partnerProject: 'OPS' };
const pair: PanelAction = { type: 'pair', syncId: 's2', partnerKey: 'OPS-3' };

describe('panel actions', () => {
  it('call their resolver with the sync id, and the partner key only when pairing', () => {
    expect(actionRequest(resync)).toEqual({ resolver: 'resyncIssue', payload: { syncId: 's1' } });
    expect(actionRequest(retry)).toEqual({ resolver: 'retryIssueSync', payload: { syncId: 's1' } });
    expect(actionRequest(syncThis)).toEqual({ resolver: 'syncThisIssue', payload: { syncId: 's2' } });
    expect(actionRequest(pair)).toEqual({ resolver: 'pairWithExistingIssue', payload: { syncId: 's2', partnerKey: 'OPS-3' } });
  });

  it('say what is going on while in flight', () => {
    expect(actionProgress(resync)).toBe('Resyncing with DEV-12…');
    expect(actionProgress(retry)).toBe('Retrying the sync with the partner issue…');
    expect(actionProgress(syncThis)).toBe('Asking OPS to create the partner issue…');
    expect(actionProgress(pair)).toBe('Pairing with OPS-3…');
  });

  it('mark the ones whose pair shows up later', () => {
    expect([resync, retry, syncThis, pair].map(requestsPair)).toEqual([false, false, true, true]);
  });
});
