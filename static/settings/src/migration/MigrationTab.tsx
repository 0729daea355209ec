/**
 * The "Migration" tab of a sync: a guided checklist (getMigrationStatus) from stopping the sync to the
 * reconciliation report, each step with its state, its detail and the action that does it; below it,
 * "Sync existing issues". Jobs still running from an earlier visit are picked up; the checklist refreshes
 * after each step.
 */
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { MigrationStatus, MigrationStep, SettingsSync } from '../../../shared/types';
import { LoadingState, styles } from '../../../shared/ui';
import { loadEditorData, type EditorData } from '../config/editorState';
import { partnerLabel } from '../list/syncActions';
import { TabHeader } from '../monitor/TabHeader';
import { DownloadPairsAction, ExportConfigAction } from './ExportActions';
import type { ConfigDraft } from './importResult';
import { ImportConfigAction } from './ImportConfigAction';
import { InitialSyncSection } from './InitialSyncAction';
import { initialJobs } from './jobs';
import { PairAction } from './PairAction';
import { ReconcileAction } from './ReconcileAction';
import { ResyncAction } from './ResyncAction';
import { orderedSteps, STEP_STATE_APPEARANCE, STEP_STATE_LABEL, STEP_TITLE, stepHelp, stepsDoneText } from './steps';
import { SyncStateAction } from './SyncStateAction';
import { useMigrationStatus } from './useMigrationStatus';

export interface MigrationTabProps {
  sync: SettingsSync;
  /** Bumped each time the configuration is saved: the resync fields and the checklist are read again. */
  configRevision: number;
  /** After Stop or Start: the new summary. */
  onChanged: (connection: SettingsSync) => void;
  /** An imported configuration, for the Configuration tab to open as unsaved changes. */
  onImported: (draft: ConfigDraft) => void;
}

/** The configuration and both catalogs, read once and shared by the steps that need them (pair by field, resync). */
function useSharedEditorData(connectionId: string, revision: number): () => Promise<EditorData> {
  const cache = useRef<{ revision: number; data: Promise<EditorData> } | null>(null);
  return useCallback(() => {
    if (cache.current?.revision !== revision) {
      const data = loadEditorData((name, payload) => invokeResolver(name, payload), connectionId);
      const entry = { revision, data };
      cache.current = entry;
      // A failure is not cached: Retry asks again.
      data.catch(() => {
        if (cache.current === entry) cache.current = null;
      });
    }
    return cache.current!.data;
  }, [connectionId, revision]);
}

export function MigrationTab({ sync, configRevision, onChanged, onImported }: MigrationTabProps) {
  const status = useMigrationStatus(sync.id);
  const loadEditor = useSharedEditorData(sync.id, configRevision);
  const { reload } = status;
  // A save in the Configuration tab can complete the import step.
  const firstRevision = useRef(configRevision);
  useEffect(() => {
    if (configRevision !== firstRevision.current) reload();
  }, [configRevision, reload]);

  return (
    <section aria-labelledby="lockstep-migration-heading" aria-busy={status.loading}>
      <TabHeader id="lockstep-migration-heading" title="Migration">
        <Button onClick={reload} isDisabled={status.loading} aria-label="Refresh migration status">
          Refresh
        </Button>
      </TabHeader>
      <p style={{ ...styles.subtle, margin: `0 0 ${token('space.200', '16px')}` }}>
        Moving this project or {partnerLabel(sync)} to another site or project? Follow these steps in order: the sync keeps its history and
        picks up where it left off.
      </p>
      {status.error ? <ErrorBanner error={status.error} onRetry={reload} /> : null}
      {status.data === null && status.loading ? <LoadingState label="Loading the migration steps…" /> : null}
      {status.data ? (
        <Checklist status={status.data} sync={sync} configRevision={configRevision} loadEditor={loadEditor} onStep={reload} onChanged={onChanged} onImported={onImported} />
      ) : null}
      {status.data ? <InitialSyncSection sync={sync} jobs={status.data.jobs} /> : null}
    </section>
  );
}

interface ChecklistProps {
  status: MigrationStatus;
  sync: SettingsSync;
  configRevision: number;
  loadEditor: () => Promise<EditorData>;
  onStep: () => void;
  onChanged: (connection: SettingsSync) => void;
  onImported: (draft: ConfigDraft) => void;
}

function Checklist({ status, sync, configRevision, loadEditor, onStep, onChanged, onImported }: ChecklistProps) {
  // The jobs of the first answer only: later refreshes must not reset a step's job or form.
  const [jobs] = useState(() => initialJobs(status.jobs));
  const steps = orderedSteps(status);
  const partner = partnerLabel(sync);
  const stateChanged = (connection: SettingsSync) => {
    onChanged(connection);
    onStep();
  };

  const actionOf = (step: MigrationStep): ReactNode => {
    switch (step.key) {
      case 'stop':
        return <SyncStateAction sync={sync} action="stop" onChanged={stateChanged} />;
      case 'export-config':
        return <ExportConfigAction connectionId={sync.id} onDone={onStep} />;
      case 'download-pairs':
        return <DownloadPairsAction connectionId={sync.id} onDone={onStep} />;
      case 'migrate':
        return null;
      case 'import-config':
        return <ImportConfigAction connectionId={sync.id} onImported={onImported} />;
      case 'pair':
        return <PairAction connectionId={sync.id} partnerName={sync.partnerProject} initialPreview={jobs.preview} initialApply={jobs.apply} loadEditor={loadEditor} onDone={onStep} />;
      case 'start':
        return <SyncStateAction sync={sync} action="start" onChanged={stateChanged} />;
      case 'resync':
        return <ResyncAction connectionId={sync.id} partnerName={sync.partnerProject} initialJob={jobs.resync} configRevision={configRevision} loadEditor={loadEditor} onDone={onStep} />;
      case 'reconcile':
        return <ReconcileAction connectionId={sync.id} initialJob={jobs.reconcile} onDone={onStep} />;
    }
  };

  return (
    <>
      <p role="status" style={{ ...styles.subtlest, margin: `0 0 ${token('space.100', '8px')}` }}>
        {stepsDoneText(steps)}
      </p>
      <ol aria-label="Migration steps" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step, index) => (
          <StepRow key={step.key} number={index + 1} step={step} help={stepHelp(step.key, partner)}>
            {actionOf(step)}
          </StepRow>
        ))}
      </ol>
    </>
  );
}

function StepRow({ number, step, help, children }: { number: number; step: MigrationStep; help: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <li
      data-step={step.key}
      data-step-state={step.state}
      style={{
        display: 'flex',
        gap: token('space.150', '12px'),
        padding: `${token('space.200', '16px')} 0`,
        borderBlockEnd: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
      }}
    >
      <span
        aria-hidden="true"
        style={{
          flex: '0 0 auto',
          width: 24,
          height: 24,
          borderRadius: token('radius.full', '999px'),
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif'),
          fontWeight: token('font.weight.semibold', '600'),
          backgroundColor: step.state === 'done' ? token('color.background.success.bold', '#1F845A') : token('color.background.neutral', '#091E420F'),
          color: step.state === 'done' ? token('color.text.inverse', '#FFFFFF') : token('color.text', '#172B4D'),
        }}
      >
        {step.state === 'done' ? '✓' : number}
      </span>
      <section aria-labelledby={headingId} style={{ flex: '1 1 auto', minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
          <h3 id={headingId} style={{ margin: 0, font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif') }}>
            {STEP_TITLE[step.key]}
          </h3>
          <Lozenge appearance={STEP_STATE_APPEARANCE[step.state]}>{STEP_STATE_LABEL[step.state]}</Lozenge>
        </div>
        <p style={{ ...styles.subtle, margin: `${token('space.050', '4px')} 0 0` }}>{help}</p>
        {step.detail ? <p style={{ margin: `${token('space.050', '4px')} 0 0`, fontWeight: token('font.weight.medium', '500') }}>{step.detail}</p> : null}
        {children ? <div style={{ marginTop: token('space.150', '12px') }}>{children}</div> : null}
      </section>
    </li>
  );
}
