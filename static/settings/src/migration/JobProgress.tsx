import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { useShowFlag } from '../../../shared/flags';
import { percentDone, progressText } from '../../../shared/progress';
import type { ConfigProblem } from '../../../shared/types';
import { RelativeTime, styles } from '../../../shared/ui';
import { failureFlag } from './failure';
import { isFinal, JOB_KIND_LABEL, JOB_STATE_APPEARANCE, JOB_STATE_LABEL, jobStatusText } from './jobs';
import type { UseJob } from './useJob';

/** A bar of done / total; without a total it only says it is busy. */
export function ProgressBar({ label, done, total, etaSeconds }: { label: string; done: number; total: number | null; etaSeconds: number | null }) {
  const percent = percentDone(done, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={total === null ? undefined : Math.min(done, total)}
      aria-valuetext={progressText(done, total, etaSeconds)}
      style={{
        height: 6,
        borderRadius: token('radius.full', '999px'),
        backgroundColor: token('color.background.neutral', '#091E420F'),
        overflow: 'hidden',
        margin: `${token('space.075', '6px')} 0`,
        maxWidth: '32rem',
      }}
    >
      <div
        style={{
          height: '100%',
          width: percent === null ? '30%' : `${percent}%`,
          backgroundColor: token('color.background.brand.bold', '#0C66E4'),
          transition: 'width 0.3s ease',
        }}
      />
    </div>
  );
}

/** Problems of an input file (or of a configuration): where, and what was expected. */
export function ProblemList({ title, problems }: { title: string; problems: readonly ConfigProblem[] }) {
  return (
    <div role="alert" style={{ margin: `${token('space.100', '8px')} 0` }}>
      <SectionMessage appearance="error" title={title}>
        <ul style={{ margin: 0, paddingInlineStart: token('space.250', '20px') }}>
          {problems.slice(0, 100).map((p, i) => (
            <li key={i}>
              <code>{p.at}</code>: {p.message}
            </li>
          ))}
        </ul>
        {problems.length > 100 ? <p>…and {(problems.length - 100).toLocaleString()} more.</p> : null}
      </SectionMessage>
    </div>
  );
}

/**
 * A job as a step shows it: kind and state, a progress bar and "Cancel job" while it runs, its summary
 * or error once it is over. The status line is polite live text for screen readers.
 */
export function JobProgress({ tracker, problemsTitle = 'The file was refused; nothing was changed:' }: { tracker: UseJob; problemsTitle?: string }) {
  const showFlag = useShowFlag();
  const { job, error } = tracker;
  if (job === null) return null;
  const running = !isFinal(job);
  const kind = JOB_KIND_LABEL[job.kind];
  const cancel = () =>
    void tracker.cancel().catch((thrown: unknown) => showFlag(failureFlag(`cancel the ${kind.toLowerCase()}`, thrown)));
  return (
    <div style={{ margin: `${token('space.100', '8px')} 0` }} data-job-id={job.id} data-job-state={job.state}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <strong>{kind}</strong>
        <Lozenge appearance={JOB_STATE_APPEARANCE[job.state]}>{job.cancelling && running ? 'Cancelling' : JOB_STATE_LABEL[job.state]}</Lozenge>
        <span style={styles.subtlest}>
          started <RelativeTime iso={job.startedAt} />
        </span>
        {running ? (
          <Button spacing="compact" onClick={cancel} isLoading={tracker.cancelBusy} isDisabled={job.cancelling}>
            Cancel job
          </Button>
        ) : null}
      </div>
      {running ? <ProgressBar label={`${kind} progress`} done={job.done} total={job.total} etaSeconds={job.etaSeconds} /> : null}
      <p role="status" aria-live="polite" style={{ margin: `${token('space.050', '4px')} 0 0`, color: job.state === 'failed' ? token('color.text.danger', '#AE2E24') : undefined }}>
        {jobStatusText(job)}
      </p>
      {job.state === 'failed' && job.problems.length > 0 ? <ProblemList title={problemsTitle} problems={job.problems} /> : null}
      {error ? <ErrorBanner error={error} onRetry={tracker.resume} /> : null}
    </div>
  );
}
