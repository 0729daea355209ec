import Button from '@atlaskit/button/default/button';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import { describeConfigChanges } from '../../../../src/domain/config/diff';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { ConfigProblem } from '../../../shared/types';
import { readSaveResult } from './editorState';

export interface ReviewDialogProps {
  connectionId: string;
  /** The saved configuration, or null when only a suggestion exists. */
  before: SyncConfig | null;
  after: SyncConfig;
  onClose: () => void;
  onProblems: (problems: ConfigProblem[]) => void;
  onSaved: (changes: string[]) => void;
}

/** "Review changes": what will change, one line each, then Save sends it to saveSyncConfig. */
export function ReviewDialog({ connectionId, before, after, onClose, onProblems, onSaved }: ReviewDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const lines = describeConfigChanges(before, after);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = readSaveResult(await invokeResolver<unknown>('saveSyncConfig', { connectionId, config: after }));
      if ('problems' in result) onProblems(result.problems);
      else onSaved(result.changes);
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalTransition>
      <ModalDialog onClose={busy ? () => undefined : onClose} width="medium" label="Review changes">
        <ModalHeader>
          <ModalTitle>Review changes</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {lines.length === 0 ? (
            <p>Nothing differs from the saved configuration.</p>
          ) : (
            <>
              <p style={{ marginTop: 0 }}>Saving makes these changes, and records them in the audit log:</p>
              <ul aria-label="Changes">
                {lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          )}
          {error ? <ErrorBanner error={error} onRetry={() => void save()} /> : null}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
            Cancel
          </Button>
          <Button appearance="primary" onClick={() => void save()} isLoading={busy}>
            Save
          </Button>
        </ModalFooter>
      </ModalDialog>
    </ModalTransition>
  );
}
