import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { describeUiError, toUiError } from '../../../shared/errors';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { DeletedConnectionData, SettingsSync, StateChangeData } from '../../../shared/types';
import { isDeletedConnectionData, isStateChangeData } from '../../../shared/validate';
import { ConfirmDialog } from './ConfirmDialog';
import {
  ACTION_LABEL,
  ACTION_TARGET,
  actionAriaLabel,
  availableActions,
  confirmationFor,
  deleteOutcome,
  needsConfirmation,
  stateChangeOutcome,
  type SyncAction,
} from './syncActions';

export interface SyncActionsProps {
  sync: SettingsSync;
  /** Called after a state change (with the new summary) or a deletion (with null). */
  onDone: (connection: SettingsSync | null) => void;
  spacing?: 'compact' | 'default';
}

/** Start / Pause / Stop / Delete for one sync; Stop and Delete ask first; the outcome becomes a flag. */
export function SyncActions({ sync, onDone, spacing = 'compact' }: SyncActionsProps) {
  const showFlag = useShowFlag();
  const [busy, setBusy] = useState<SyncAction | null>(null);
  const [confirming, setConfirming] = useState<'stop' | 'delete' | null>(null);

  const run = async (action: SyncAction) => {
    setBusy(action);
    try {
      if (action === 'delete') {
        const result = await invokeResolver<DeletedConnectionData>(
          'deleteConnection',
          { connectionId: sync.id },
          { validate: isDeletedConnectionData },
        );
        showFlag(deleteOutcome(sync, result));
        setConfirming(null);
        onDone(null);
      } else {
        const result = await invokeResolver<StateChangeData>(
          'setConnectionState',
          { connectionId: sync.id, state: ACTION_TARGET[action] },
          { validate: isStateChangeData },
        );
        showFlag(stateChangeOutcome(action, sync, result));
        setConfirming(null);
        onDone(result.connection);
      }
    } catch (thrown) {
      const error = toUiError(thrown);
      console.warn(`[lockstep] ${action} failed (${error.status}): ${error.message}`);
      setConfirming(null);
      showFlag({
        appearance: 'error',
        title: `Could not ${ACTION_LABEL[action].toLowerCase()} the sync.`,
        description: describeUiError(error).text,
      });
    } finally {
      setBusy(null);
    }
  };

  const confirmation = confirming ? confirmationFor(confirming, sync) : null;
  return (
    <div style={{ display: 'flex', gap: token('space.050', '4px'), flexWrap: 'wrap' }}>
      {availableActions(sync).map((action) => (
        <Button
          key={action}
          spacing={spacing}
          appearance={action === 'start' ? 'primary' : 'default'}
          aria-label={actionAriaLabel(action, sync)}
          isLoading={busy === action}
          isDisabled={busy !== null && busy !== action}
          onClick={() => (needsConfirmation(action) ? setConfirming(action) : void run(action))}
        >
          {ACTION_LABEL[action]}
        </Button>
      ))}
      <ConfirmDialog
        open={confirmation !== null}
        title={confirmation?.title ?? ''}
        body={confirmation?.body ?? ''}
        confirmLabel={confirmation?.confirmLabel ?? ''}
        appearance={confirming === 'delete' ? 'danger' : 'warning'}
        busy={busy !== null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && void run(confirming)}
      />
    </div>
  );
}
