import Button from '@atlaskit/button/default/button';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, useState, type ChangeEvent } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { JobView, PairSource } from '../../../shared/types';
import { LoadingState } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { Field, NameSelect, ui } from '../config/controls';
import type { EditorData } from '../config/editorState';
import { refOptions, type Option } from '../config/options';
import { RadioGroup } from '../create/RadioGroup';
import { failureFlag } from './failure';
import { JobProgress } from './JobProgress';
import { matchSource, MAX_PAIR_FILE_BYTES, type SourceMode } from './pairing';
import { PairPreview } from './PairPreview';
import { uploadText } from './upload';
import { useJob } from './useJob';
import { isJobView } from './validate';

export interface PairActionProps {
  connectionId: string;
  partnerName: string;
  /** Jobs of an earlier visit: the newest preview (when nothing was applied after it) or apply. */
  initialPreview: JobView | null;
  initialApply: JobView | null;
  loadEditor: () => Promise<EditorData>;
  onDone: () => void;
}

const sourceChoices = (partnerName: string) => [
  {
    value: 'upload' as const,
    label: 'Upload a file',
    description: 'The pair list downloaded in step 3 (JSON or CSV), a Backbone JSON export, or a CSV with a local and a partner key column.',
  },
  {
    value: 'key' as const,
    label: 'Same issue key',
    description: `Pairs each issue here with the issue of ${partnerName} that has exactly the same key (a project copied under its key).`,
  },
  {
    value: 'field' as const,
    label: 'Field match',
    description: `Pairs issues whose chosen fields hold the same value here and in ${partnerName} (trimmed, any case).`,
  },
];

/** "Pair issues": choose a source, preview what it would do, then apply the valid pairs. */
export function PairAction({ connectionId, partnerName, initialPreview, initialApply, loadEditor, onDone }: PairActionProps) {
  const showFlag = useShowFlag();
  const ids = { file: useId(), fileNote: useId(), jql: useId() };
  const preview = useJob(connectionId, initialPreview, onDone);
  const apply = useJob(connectionId, initialApply, onDone);
  const [mode, setMode] = useState<SourceMode>('upload');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileNote, setFileNote] = useState('');
  const [jql, setJql] = useState('');
  const [localField, setLocalField] = useState<Option | null>(null);
  const [partnerField, setPartnerField] = useState<Option | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    setFile(null);
    setProblem(null);
    if (!chosen) return setFileNote('');
    if (chosen.size > MAX_PAIR_FILE_BYTES) return setFileNote(`${chosen.name} is larger than 50 MB.`);
    try {
      const text = await chosen.text();
      setFile({ name: chosen.name, text });
      setFileNote(`${chosen.name}: ${text.length.toLocaleString()} characters.`);
    } catch {
      setFileNote(`${chosen.name} could not be read.`);
    }
  };

  const start = async () => {
    setProblem(null);
    let source: PairSource | null = null;
    if (mode === 'upload') {
      if (!file) return setProblem('Choose a file first.');
      if (file.text.trim() === '') return setProblem(`${file.name} is empty.`);
    } else {
      const match = matchSource(mode, { jql, localField: localField?.value ?? null, partnerField: partnerField?.value ?? null });
      if ('problem' in match) return setProblem(match.problem);
      source = match.source;
    }
    try {
      if (source === null && file) {
        setBusy('Uploading…');
        const uploadId = await uploadText(invokeResolver, connectionId, file.text, (sent, total) =>
          setBusy(`Uploading… ${Math.floor((sent / Math.max(total, 1)) * 100)}%`),
        );
        source = { upload: uploadId };
      }
      if (source === null) return;
      setBusy('Starting the preview…');
      const job = await invokeResolver<JobView>('startPairPreview', { connectionId, source }, { validate: isJobView });
      apply.clear();
      preview.track(job);
    } catch (thrown) {
      showFlag(failureFlag('preview the pairs', thrown));
    } finally {
      setBusy(null);
    }
  };

  const previewJob = preview.job;
  const running = previewJob !== null && (previewJob.state === 'queued' || previewJob.state === 'running');
  const applyJob = apply.job;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
      <RadioGroup legend="Where the pairs come from" name={`${connectionId}-pair-source`} choices={sourceChoices(partnerName)} value={mode} onChange={(m) => {
        setMode(m);
        setProblem(null);
      }} />
      {mode === 'upload' ? (
        <div>
          <label htmlFor={ids.file} style={ui.label}>
            Pair file
          </label>
          <input id={ids.file} type="file" accept=".json,.csv,application/json,text/csv" aria-describedby={ids.fileNote} onChange={(e) => void readFile(e)} />
          <p id={ids.fileNote} style={ui.help}>
            {fileNote || 'Read in this browser and sent in pieces; nothing changes before you apply.'}
          </p>
        </div>
      ) : null}
      {mode === 'field' ? <FieldPickers loadEditor={loadEditor} partnerName={partnerName} local={localField} partner={partnerField} onLocal={setLocalField} onPartner={setPartnerField} /> : null}
      {mode !== 'upload' ? (
        <div style={{ maxWidth: '32rem' }}>
          <Field label="Only issues matching this JQL (optional)" htmlFor={ids.jql} help="Narrows the issues of this project that are matched; leave empty for all of them.">
            <Textfield id={ids.jql} value={jql} isCompact onChange={(e) => setJql(e.currentTarget.value)} placeholder="type = Bug" />
          </Field>
        </div>
      ) : null}
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <Button appearance="primary" isLoading={busy !== null} isDisabled={running || (applyJob !== null && applyJob.state === 'running')} onClick={() => void start()}>
          Preview pairs
        </Button>
        <span role="status" style={{ color: token('color.text.subtle', '#44546F') }}>
          {busy ?? ''}
        </span>
      </div>
      {problem ? (
        <p role="alert" style={{ ...ui.error, margin: 0 }}>
          {problem}
        </p>
      ) : null}
      {previewJob ? <JobProgress tracker={preview} problemsTitle="The file was refused; nothing was changed. Fix these and upload it again:" /> : null}
      {previewJob?.state === 'done' ? <PairPreview connectionId={connectionId} previewJobId={previewJob.id} apply={apply} /> : null}
      {!previewJob && applyJob ? <JobProgress tracker={apply} /> : null}
    </div>
  );
}

/** "Field match": a custom field of each side, from the catalogs; the partner's may be typed when its catalog is unknown. */
function FieldPickers({ loadEditor, partnerName, local, partner, onLocal, onPartner }: {
  loadEditor: () => Promise<EditorData>;
  partnerName: string;
  local: Option | null;
  partner: Option | null;
  onLocal: (o: Option | null) => void;
  onPartner: (o: Option | null) => void;
}) {
  const data = useResolver(loadEditor);
  const ids = { local: useId(), partner: useId() };
  if (data.status === 'loading') return <LoadingState label="Loading the fields…" />;
  if (data.status === 'error') return <ErrorBanner error={data.error} onRetry={data.retry} />;
  const { local: localCatalog, partner: partnerCatalog } = data.data;
  return (
    <div style={ui.row}>
      <Field label="Field in this project" htmlFor={ids.local}>
        <NameSelect label="Field in this project" inputId={ids.local} options={refOptions(localCatalog.customFields)} value={local} onChange={onLocal} />
      </Field>
      <Field
        label={`Field in ${partnerName}`}
        htmlFor={ids.partner}
        {...(partnerCatalog === null ? { help: `${partnerName}'s fields could not be read: type the field id, e.g. customfield_10050.` } : {})}
      >
        <NameSelect
          label={`Field in ${partnerName}`}
          inputId={ids.partner}
          options={partnerCatalog ? refOptions(partnerCatalog.customFields) : []}
          value={partner}
          onChange={onPartner}
          creatable={partnerCatalog === null}
        />
      </Field>
    </div>
  );
}
