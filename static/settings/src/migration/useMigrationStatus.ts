import { useCallback, useEffect, useRef, useState } from 'react';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { MigrationStatus } from '../../../shared/types';
import { isMigrationStatus } from './validate';

export interface MigrationStatusState {
  data: MigrationStatus | null;
  loading: boolean;
  error: UiError | null;
}

/**
 * `getMigrationStatus`, refreshed after each step. Unlike useResolver, a refresh keeps the checklist on
 * screen (its forms, previews and running jobs stay mounted); a failed refresh shows above it.
 */
export function useMigrationStatus(connectionId: string): MigrationStatusState & { reload: () => void } {
  const [state, setState] = useState<MigrationStatusState>({ data: null, loading: true, error: null });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    invokeResolver<MigrationStatus>('getMigrationStatus', { connectionId }, { validate: isMigrationStatus }).then(
      (data) => {
        if (mine === generation.current) setState({ data, loading: false, error: null });
      },
      (thrown: unknown) => {
        if (mine !== generation.current) return;
        const error = toUiError(thrown);
        console.warn(`[lockstep] getMigrationStatus failed (${error.status}): ${error.message}`);
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
  }, [connectionId]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { ...state, reload };
}
