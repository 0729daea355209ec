/** Loads the panel's data and runs its actions; every action is followed by a reload. */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { toUiError } from '../../shared/errors';
import { invokeResolver } from '../../shared/invokeResolver';
import type { IssueSyncData, PanelActionResult } from '../../shared/types';
import { isIssueSyncData } from '../../shared/validate';
import { actionRequest, type PanelAction } from './actions';
import { initialPanelState, panelReducer, type PanelState } from './panelState';
import { isPanelActionResult } from './validate';

export interface Panel {
  state: PanelState;
  /** Loads again, keeping the current data on screen. */
  reload: () => void;
  /** Runs an action; resolves to whether it succeeded (the pair dialog stays open otherwise). */
  run: (action: PanelAction) => Promise<boolean>;
  dismissActionError: () => void;
}

export function usePanel(): Panel {
  const [state, dispatch] = useReducer(panelReducer, initialPanelState);
  // Only the newest load may land: a slow answer must not overwrite a newer one.
  const loadSeq = useRef(0);
  const mounted = useRef(true);
  const running = useRef(false);

  const reload = useCallback(() => {
    const seq = ++loadSeq.current;
    dispatch({ type: 'load-started' });
    invokeResolver<IssueSyncData>('getIssueSync', undefined, { validate: isIssueSyncData }).then(
      (data) => {
        if (mounted.current && seq === loadSeq.current) dispatch({ type: 'loaded', data });
      },
      (thrown: unknown) => {
        if (!mounted.current || seq !== loadSeq.current) return;
        const error = toUiError(thrown);
        console.warn(`[lockstep] getIssueSync failed (${error.status}): ${error.message}`);
        dispatch({ type: 'load-failed', error });
      },
    );
  }, []);

  const run = useCallback(async (action: PanelAction): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    dispatch({ type: 'action-started', action });
    const { resolver, payload } = actionRequest(action);
    try {
      const result = await invokeResolver<PanelActionResult>(resolver, payload, { validate: isPanelActionResult });
      if (mounted.current) dispatch({ type: 'action-succeeded', action, outcome: result.outcome });
      return true;
    } catch (thrown) {
      const error = toUiError(thrown);
      console.warn(`[lockstep] ${resolver} failed (${error.status}): ${error.message}`);
      if (mounted.current) dispatch({ type: 'action-failed', action, error });
      return false;
    } finally {
      running.current = false;
      // Whatever happened, show how the issue stands now.
      if (mounted.current) reload();
    }
  }, [reload]);

  const dismissActionError = useCallback(() => dispatch({ type: 'action-error-dismissed' }), []);

  useEffect(() => {
    mounted.current = true;
    reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  return { state, reload, run, dismissActionError };
}
