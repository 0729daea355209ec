import Button from '@atlaskit/button/default/button';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useId, useState, type ChangeEvent } from 'react';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { ConfigProblem } from '../../../shared/types';
import { ui } from '../config/controls';
import { failureFlag } from './failure';
import { readImportResult, type ConfigDraft } from './importResult';
import { ProblemList } from './JobProgress';

/** Bigger than any configuration document; a larger file is surely the wrong one. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

let nextDraftId = 1;

/**
 * "Import configuration": a file (or pasted text) goes to `importSyncConfig`. Problems are listed here;
 * a readable configuration opens in the Configuration tab as unsaved changes.
 */
export function ImportConfigAction({ connectionId, onImported }: { connectionId: string; onImported: (draft: ConfigDraft) => void }) {
  const showFlag = useShowFlag();
  const ids = { file: useId(), text: useId(), fileNote: useId() };
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setProblems([]);
    if (file.size > MAX_CONFIG_BYTES) {
      setFileNote(`${file.name} is too big for a configuration file.`);
      return;
    }
    try {
      setText(await file.text());
      setFileNote(`Read ${file.name}.`);
    } catch {
      setFileNote(`${file.name} could not be read.`);
    }
  };

  const run = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const outcome = readImportResult(await invokeResolver<unknown>('importSyncConfig', { connectionId, text }));
      if (!outcome.ok) {
        setProblems(outcome.problems.length > 0 ? outcome.problems : [{ at: 'file', message: 'The file could not be read as a Lockstep configuration.' }]);
        return;
      }
      showFlag({ appearance: 'info', title: 'Configuration imported, not saved yet.', description: 'Check its warnings, apply the suggestions, review and save.' });
      onImported({ id: nextDraftId++, config: outcome.config, title: outcome.title, notes: outcome.notes });
    } catch (thrown) {
      showFlag(failureFlag('import the configuration', thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), maxWidth: '40rem' }}>
      <div>
        <label htmlFor={ids.file} style={ui.label}>
          Configuration file
        </label>
        <input id={ids.file} type="file" accept=".json,application/json" aria-describedby={ids.fileNote} onChange={(e) => void readFile(e)} />
        <p id={ids.fileNote} role="status" style={ui.help}>
          {fileNote}
        </p>
      </div>
      <div>
        <label htmlFor={ids.text} style={ui.label}>
          Or paste the exported configuration
        </label>
        <TextArea
          id={ids.text}
          value={text}
          minimumRows={4}
          maxHeight="16rem"
          resize="vertical"
          spellCheck={false}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setFileNote('');
          }}
        />
      </div>
      {problems.length > 0 ? <ProblemList title="The configuration was not imported. Fix these first:" problems={problems} /> : null}
      <div>
        <Button appearance="primary" isLoading={busy} isDisabled={text.trim() === ''} onClick={() => void run()}>
          Import configuration
        </Button>
      </div>
    </div>
  );
}
