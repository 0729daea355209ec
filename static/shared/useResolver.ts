import { useCallback, useEffect, useRef, useState } from 'react';
import { toUiError, type UiError } from './errors';

export type ResolverState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | { status: 'success'; data: T };

export type UseResolverResult<T> = ResolverState<T> & {
  /** Loads again (after an error, or to refresh). */
  retry: () => void;
};

/**
 * Runs `load` on mount and on every `retry()`, exposing loading / error / success.
 * `load` may change between renders without re-triggering (it is read through a ref);
 * answers of superseded or unmounted attempts are dropped.
 */
export function useResolver<T>(load: () => Promise<T>): UseResolverResult<T> {
  const [state, setState] = useState<ResolverState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => {
        if (current) setState({ status: 'success', data });
      },
      (thrown: unknown) => {
        if (!current) return;
        const error = toUiError(thrown);
        // 5xx details are not shown to the user; keep them findable in the browser console.
        console.warn(`[lockstep] resolver call failed (${error.status}): ${error.message}`);
        setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
