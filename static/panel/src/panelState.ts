/**
 * The panel's state: its data (kept on screen while it reloads), the action in flight, the last
 * outcome and the last failure. A reducer, so every transition is unit-tested without a DOM.
 */
import type { UiError } from '../../shared/errors';
import type { IssueSyncData } from '../../shared/types';
import { requestsPair, type PanelAction } from './actions';

export interface PanelState {
  data: IssueSyncData | undefined;
  loading: boolean;
  /** The last load failed; with `data` set, the old data stays on screen. */
  loadError: UiError | undefined;
  running: PanelAction | undefined;
  /** What the last successful action did, for the status line. */
  outcome: string | undefined;
  actionError: { action: PanelAction; error: UiError } | undefined;
  /** Syncs this issue asked to join (Sync this issue, Pair) whose pair is not in `data` yet. */
  requested: string[];
}

export type PanelEvent =
  | { type: 'load-started' }
  | { type: 'loaded'; data: IssueSyncData }
  | { type: 'load-failed'; error: UiError }
  | { type: 'action-started'; action: PanelAction }
  | { type: 'action-succeeded'; action: PanelAction; outcome: string }
  | { type: 'action-failed'; action: PanelAction; error: UiError }
  | { type: 'action-error-dismissed' };

export const initialPanelState: PanelState = {
  data: undefined,
  loading: true,
  loadError: undefined,
  running: undefined,
  outcome: undefined,
  actionError: undefined,
  requested: [],
};

export function panelReducer(state: PanelState, event: PanelEvent): PanelState {
  switch (event.type) {
    case 'load-started':
      return { ...state, loading: true };
    case 'loaded': {
      const paired = new Set(event.data.syncs.map((s) => s.syncId));
      return { ...state, data: event.data, loading: false, loadError: undefined, requested: state.requested.filter((id) => !paired.has(id)) };
    }
    case 'load-failed':
      return { ...state, loading: false, loadError: event.error };
    case 'action-started':
      return { ...state, running: event.action, outcome: undefined, actionError: undefined };
    case 'action-succeeded': {
      const requested = requestsPair(event.action) && !state.requested.includes(event.action.syncId)
        ? [...state.requested, event.action.syncId]
        : state.requested;
      return { ...state, running: undefined, outcome: event.outcome, requested };
    }
    case 'action-failed':
      return { ...state, running: undefined, actionError: { action: event.action, error: event.error } };
    case 'action-error-dismissed':
      return { ...state, actionError: undefined };
  }
}

export type PanelPhase = 'loading' | 'error' | 'ready';

/** What to render: only the first load shows the loading or error state; later ones keep the data. */
export function panelPhase(state: PanelState): PanelPhase {
  if (state.data !== undefined) return 'ready';
  return state.loadError !== undefined && !state.loading ? 'error' : 'loading';
}

/** Refresh is offered while a pair is pending, its partner issue is not created yet, or a pair was requested. */
export function showsRefresh(state: PanelState): boolean {
  const data = state.data;
  if (data === undefined) return false;
  return state.requested.length > 0 || data.syncs.some((s) => s.status === 'pending' || s.partnerKey === null);
}

/** Action buttons work only for viewers allowed to edit the issue, and one action at a time. */
export function actionsEnabled(state: PanelState): boolean {
  return state.data?.canAct === true && state.running === undefined;
}
