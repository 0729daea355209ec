/**
 * One background job on screen: polls `getSyncJob` about once a second until the job is over, and
 * cancels it on request. Picks up a job still running when the page was reloaded (`initial`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { JobView } from '../../../shared/types';
import { isFinal, pollJob } from './jobs';
import { isJobView } from './validate';

export interface UseJob {
  job: JobView | null;
  /** Polling gave up (the job itself may still run): shown with Retry, which is `resume`. */
  error: UiError | null;
  /** Shows `job` and polls it until it is over. */
  track: (job: JobView) => void;
  resume: () => void;
  /** Forgets the job shown (a new run is about to start). */
  clear: () => void;
  cancel: () => Promise<void>;
  cancelBusy: boolean;
}

/** `onFinal` runs when a job this hook polled reaches a final state (not for an `initial` job already over). */
export function useJob(connectionId: string, initial: JobView | null, onFinal?: (job: JobView) => void): UseJob {
  const [job, setJob] = useState<JobView | null>(initial);
  const [error, setError] = useState<UiError | null>(null);
  const [cancelBusy, setCancelBusy] = useState(false);
  const generation = useRef(0);
  const onFinalRef = useRef(onFinal);
  useEffect(() => {
    onFinalRef.current = onFinal;
  });

  const poll = useCallback(
    (jobId: string) => {
      const mine = ++generation.current;
      const current = () => mine === generation.current;
      setError(null);
      pollJob({
        fetch: () => invokeResolver<JobView>('getSyncJob', { connectionId, jobId }, { validate: isJobView }),
        onUpdate: (next) => {
          if (current()) setJob(next);
        },
        isStopped: () => !current(),
      }).then(
        (final) => {
          if (final && current()) onFinalRef.current?.(final);
        },
        (thrown: unknown) => {
          if (!current()) return;
          const uiError = toUiError(thrown);
          console.warn(`[lockstep] getSyncJob failed (${uiError.status}): ${uiError.message}`);
          setError(uiError);
        },
      );
    },
    [connectionId],
  );

  // A job left running before a reload: follow it. Stop polling when the step goes away.
  const initialId = initial !== null && !isFinal(initial) ? initial.id : null;
  useEffect(() => {
    if (initialId !== null) poll(initialId);
    return () => {
      generation.current++;
    };
  }, [initialId, poll]);

  const track = useCallback(
    (next: JobView) => {
      setJob(next);
      if (isFinal(next)) {
        generation.current++;
        onFinalRef.current?.(next);
      } else poll(next.id);
    },
    [poll],
  );

  const resume = useCallback(() => {
    if (job && !isFinal(job)) poll(job.id);
  }, [job, poll]);

  const clear = useCallback(() => {
    generation.current++;
    setJob(null);
    setError(null);
  }, []);

  const cancel = useCallback(async () => {
    if (!job) return;
    setCancelBusy(true);
    try {
      const answer = await invokeResolver<JobView>('cancelSyncJob', { connectionId, jobId: job.id }, { validate: isJobView });
      setJob((shown) => (shown?.id === answer.id && !isFinal(shown) ? answer : shown));
    } finally {
      setCancelBusy(false);
    }
  }, [connectionId, job]);

  return { job, error, track, resume, clear, cancel, cancelBusy };
}
