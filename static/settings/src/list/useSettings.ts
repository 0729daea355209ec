import { useCallback, useEffect, useRef, useState } from 'react';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { SettingsData, SettingsSync } from '../../../shared/types';
import { isSettingsData, mergeSync } from '../../../shared/validate';

export type SettingsState =
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | { status: 'success'; data: SettingsData; refreshing: boolean };

export interface UseSettings {
  state: SettingsState;
  /** Loads again; the list already shown stays while the answer is on its way. */
  reload: () => void;
  /** Puts a sync the server just returned into the list at once (a state change, a new sync). */
  patch: (sync: SettingsSync) => void;
  remove: (syncId: string) => void;
}

const loadSettings = () => invokeResolver<SettingsData>('getSettings', undefined, { validate: isSettingsData });

/**
 * The settings page's data (`getSettings`). Unlike useResolver, a reload keeps the current list on
 * screen, so the sync page the admin is on does not unmount after each action.
 */
export function useSettings(): UseSettings {
  const [state, setState] = useState<SettingsState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((current) => (current.status === 'success' ? { ...current, refreshing: true } : { status: 'loading' }));
    loadSettings().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'success', data, refreshing: false });
      },
      (thrown: unknown) => {
        if (mine !== generation.current) return;
        const error = toUiError(thrown);
        console.warn(`[lockstep] getSettings failed (${error.status}): ${error.message}`);
        setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const patch = useCallback((sync: SettingsSync) => {
    setState((current) => {
      if (current.status !== 'success') return current;
      const shown = current.data.syncs.find((s) => s.id === sync.id);
      const merged = mergeSync(sync, shown);
      const syncs = shown ? current.data.syncs.map((s) => (s.id === sync.id ? merged : s)) : [...current.data.syncs, merged];
      return { ...current, data: { ...current.data, syncs } };
    });
  }, []);

  const remove = useCallback((syncId: string) => {
    setState((current) =>
      current.status === 'success'
        ? { ...current, data: { ...current.data, syncs: current.data.syncs.filter((s) => s.id !== syncId) } }
        : current,
    );
  }, []);

  return { state, reload, patch, remove };
}
