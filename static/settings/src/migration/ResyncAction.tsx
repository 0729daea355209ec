import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, useMemo, useState } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { JobView } from '../../../shared/types';
import { LoadingState, styles } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { Field, LabeledToggle, ui } from '../config/controls';
import type { EditorData } from '../config/editorState';
import { RadioGroup } from '../create/RadioGroup';
import { failureFlag } from './failure';
import { isFinal } from './jobs';
import { JobProgress } from './JobProgress';
import { directionChoices, MODE_CHOICES, resyncFieldChoices, resyncRequest, type FieldChoice, type ResyncDirection, type ResyncMode } from './resync';
import { useJob } from './useJob';
import { isJobView } from './validate';

export interface ResyncActionProps {
  connectionId: string;
  /** The partner project's key, e.g. "DEV". */
  partnerName: string;
  initialJob: JobView | null;
  /** Bumped when the configuration is saved: the fields are read again (a running job stays on screen). */
  configRevision: number;
  loadEditor: () => Promise<EditorData>;
  onDone: () => void;
}

/** "Resync": chosen fields and the status again for the paired issues a JQL selects, one side's values winning. */
export function ResyncAction({ connectionId, partnerName, initialJob, configRevision, loadEditor, onDone }: ResyncActionProps) {
  const tracker = useJob(connectionId, initialJob, onDone);
  const running = tracker.job !== null && !isFinal(tracker.job);
  return (
    <div>
      <ResyncLoader key={configRevision} connectionId={connectionId} partnerName={partnerName} loadEditor={loadEditor} running={running} onStarted={tracker.track} />
      <JobProgress tracker={tracker} />
    </div>
  );
}

function ResyncLoader({ loadEditor, ...form }: { connectionId: string; partnerName: string; loadEditor: () => Promise<EditorData>; running: boolean; onStarted: (job: JobView) => void }) {
  const data = useResolver(loadEditor);
  if (data.status === 'loading') return <LoadingState label="Loading the configured fields…" />;
  if (data.status === 'error') return <ErrorBanner error={data.error} onRetry={data.retry} />;
  return <ResyncForm {...form} data={data.data} />;
}

function ResyncForm({ connectionId, partnerName, data, running, onStarted }: { connectionId: string; partnerName: string; data: EditorData; running: boolean; onStarted: (job: JobView) => void }) {
  const showFlag = useShowFlag();
  const ids = { jql: useId(), fields: useId(), since: useId() };
  const choices = useMemo<FieldChoice[]>(() => resyncFieldChoices(data.config, data.local), [data.config, data.local]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(choices.map((c) => c.value)));
  const [jql, setJql] = useState('');
  const [direction, setDirection] = useState<ResyncDirection | null>(null);
  const [mode, setMode] = useState<ResyncMode | null>('full');
  const [since, setSince] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (value: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });

  const start = async () => {
    const built = resyncRequest(jql, selected, choices, direction, mode ?? 'full', since);
    if ('problem' in built) return setProblem(built.problem);
    setProblem(null);
    setBusy(true);
    try {
      onStarted(await invokeResolver<JobView>('startResync', { connectionId, ...built.request }, { validate: isJobView }));
    } catch (thrown) {
      showFlag(failureFlag('start the resync', thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
      {!data.saved ? (
        <SectionMessage appearance="warning">
          <p>This sync has no saved configuration yet: save one in the Configuration tab before a resync.</p>
        </SectionMessage>
      ) : null}
      <div style={{ maxWidth: '32rem' }}>
        <Field label="Issues to resync (JQL, optional)" htmlFor={ids.jql} help="Only paired issues are resynced; leave empty for every issue the sync covers.">
          <Textfield id={ids.jql} value={jql} isCompact onChange={(e) => setJql(e.currentTarget.value)} placeholder="updated >= -30d" />
        </Field>
      </div>
      <fieldset style={{ border: 0, margin: 0, padding: 0 }} aria-describedby={ids.fields}>
        <legend style={ui.caption}>Fields to resync</legend>
        <div style={{ display: 'flex', gap: token('space.050', '4px'), marginBottom: token('space.100', '8px') }}>
          <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set(choices.map((c) => c.value)))}>
            Choose all fields
          </Button>
          <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set())}>
            Clear fields
          </Button>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', gap: token('space.050', '4px') }}>
          {choices.map((c) => (
            <LabeledToggle key={c.value} label={c.label} checked={selected.has(c.value)} onChange={(on) => toggle(c.value, on)} />
          ))}
        </div>
        <p id={ids.fields} style={ui.help}>
          {selected.size} of {choices.length} chosen. The fields come from the saved configuration's field mappings.
        </p>
      </fieldset>
      <RadioGroup legend="Which issues" name={`${connectionId}-resync-mode`} choices={MODE_CHOICES} value={mode} onChange={setMode} />
      {mode === 'incremental' ? (
        <div style={{ maxWidth: '20rem' }}>
          <Field label="Changed since" htmlFor={ids.since} help="Issues updated on either side at or after this time, in your time zone.">
            <Textfield id={ids.since} type="datetime-local" value={since} isCompact onChange={(e) => setSince(e.currentTarget.value)} />
          </Field>
        </div>
      ) : null}
      <RadioGroup legend="Which values win" name={`${connectionId}-resync-direction`} choices={directionChoices(partnerName)} value={direction} onChange={setDirection} />
      {problem ? (
        <p role="alert" style={{ ...ui.error, margin: 0 }}>
          {problem}
        </p>
      ) : null}
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Button appearance="primary" isLoading={busy} isDisabled={running || !data.saved} onClick={() => void start()}>
          Start resync
        </Button>
        {running ? <span style={styles.subtlest}>A resync is running.</span> : null}
      </div>
    </div>
  );
}
