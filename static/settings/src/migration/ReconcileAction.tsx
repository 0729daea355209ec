import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import { downloadFile } from '../../../shared/download';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { FileData, JobView, ReconciliationReport } from '../../../shared/types';
import { LoadingState } from '../../../shared/ui';
import { failureFlag } from './failure';
import { isFinal } from './jobs';
import { JobProgress } from './JobProgress';
import { ReconciliationView } from './ReconciliationView';
import { useJob } from './useJob';
import { isFileData, isJobView, isReconciliationReport } from './validate';

type ReportState = { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'success'; report: ReconciliationReport };

/** "Reconcile": runs the comparison as a job, then shows its report (the newest one after a reload). */
export function ReconcileAction({ connectionId, initialJob, onDone }: { connectionId: string; initialJob: JobView | null; onDone: () => void }) {
  const showFlag = useShowFlag();
  const tracker = useJob(connectionId, initialJob, onDone);
  const [starting, setStarting] = useState(false);
  const job = tracker.job;
  const running = job !== null && !isFinal(job);

  const run = async () => {
    setStarting(true);
    try {
      tracker.track(await invokeResolver<JobView>('startReconcile', { connectionId }, { validate: isJobView }));
    } catch (thrown) {
      showFlag(failureFlag('run the reconciliation', thrown));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Button appearance="primary" isLoading={starting} isDisabled={running} onClick={() => void run()}>
          Run reconciliation
        </Button>
      </div>
      <JobProgress tracker={tracker} />
      {job?.state === 'done' ? <Report key={job.id} connectionId={connectionId} jobId={job.id} /> : null}
    </div>
  );
}

function Report({ connectionId, jobId }: { connectionId: string; jobId: string }) {
  const showFlag = useShowFlag();
  const [state, setState] = useState<ReportState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [exporting, setExporting] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    invokeResolver<ReconciliationReport>('getReconciliation', { connectionId, jobId }, { validate: isReconciliationReport }).then(
      (report) => {
        if (mine === generation.current) setState({ status: 'success', report });
      },
      (thrown: unknown) => {
        if (mine !== generation.current) return;
        const error = toUiError(thrown);
        console.warn(`[lockstep] getReconciliation failed (${error.status}): ${error.message}`);
        setState({ status: 'error', error });
      },
    );
    return () => {
      generation.current++;
    };
  }, [connectionId, jobId, attempt]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await invokeResolver<FileData>('exportReconciliation', { connectionId, jobId }, { validate: isFileData });
      downloadFile(file);
      showFlag({ appearance: 'success', title: 'Report exported.', description: `Saved as ${file.fileName}.` });
    } catch (thrown) {
      showFlag(failureFlag('export the report', thrown));
    } finally {
      setExporting(false);
    }
  };

  if (state.status === 'loading') return <LoadingState label="Loading the report…" />;
  if (state.status === 'error') return <ErrorBanner error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  return <ReconciliationView report={state.report} onExport={() => void exportCsv()} exporting={exporting} />;
}
