import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { JobView, SettingsSync } from '../../../shared/types';
import { styles } from '../../../shared/ui';
import { partnerLabel } from '../list/syncActions';
import { failureFlag } from './failure';
import { INITIAL_SYNC_BUTTON, INITIAL_SYNC_TITLE, initialSyncHelp, initialSyncJob, initialSyncUnavailable } from './initialSync';
import { isFinal } from './jobs';
import { JobProgress } from './JobProgress';
import { useJob } from './useJob';
import { isJobView } from './validate';

/**
 * "Sync existing issues": shares this project's unpaired issues with the partner as a background job,
 * with its progress, Cancel and summary. `jobs` are the tab's first answer: a run left going is picked up.
 */
export function InitialSyncSection({ sync, jobs }: { sync: SettingsSync; jobs: readonly JobView[] }) {
  const headingId = useId();
  const showFlag = useShowFlag();
  const [initial] = useState(() => initialSyncJob(jobs));
  const tracker = useJob(sync.id, initial);
  const [starting, setStarting] = useState(false);
  const running = tracker.job !== null && !isFinal(tracker.job);
  const unavailable = initialSyncUnavailable(sync);

  const run = async () => {
    setStarting(true);
    try {
      tracker.track(await invokeResolver<JobView>('startInitialSync', { connectionId: sync.id }, { validate: isJobView }));
    } catch (thrown) {
      showFlag(failureFlag('share the existing issues', thrown));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section aria-labelledby={headingId} data-section="initial-sync" style={{ marginTop: token('space.300', '24px') }}>
      <h3 id={headingId} style={{ margin: 0, font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif') }}>
        {INITIAL_SYNC_TITLE}
      </h3>
      <p style={{ ...styles.subtle, margin: `${token('space.050', '4px')} 0 ${token('space.150', '12px')}` }}>{initialSyncHelp(partnerLabel(sync))}</p>
      {unavailable ? <p style={{ ...styles.subtlest, margin: `0 0 ${token('space.100', '8px')}` }}>{unavailable}</p> : null}
      <Button appearance="primary" isLoading={starting} isDisabled={running || unavailable !== null} onClick={() => void run()}>
        {INITIAL_SYNC_BUTTON}
      </Button>
      <JobProgress tracker={tracker} />
    </section>
  );
}
