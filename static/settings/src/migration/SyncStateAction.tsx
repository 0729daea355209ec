import Button from '@atlaskit/button/default/button';
import { useState } from 'react';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { SettingsSync, StateChangeData } from '../../../shared/types';
import { styles } from '../../../shared/ui';
import { isStateChangeData } from '../../../shared/validate';
import { ConfirmDialog } from '../list/ConfirmDialog';
import { ACTION_TARGET, availableActions, confirmationFor, isAwaitingPartner, stateChangeOutcome } from '../list/syncActions';
import { failureFlag } from './failure';

/** The button text of the two state steps (distinct from the page header's "Stop sync with DEV"). */
export const STATE_STEP_LABEL = { stop: 'Stop syncing', start: 'Start syncing' } as const;

function unavailableText(action: 'stop' | 'start', sync: SettingsSync): string {
  if (action === 'stop') return sync.state === 'stopped' ? 'The sync is stopped.' : 'The sync has not started yet.';
  if (isAwaitingPartner(sync)) return 'The sync can start once the partner accepts the invitation.';
  return sync.state === 'running' ? 'The sync is running.' : 'The sync cannot start from here.';
}

/** Stop (after a confirmation, like the sync list) or Start the sync, through the same `setConnectionState`. */
export function SyncStateAction({ sync, action, onChanged }: { sync: SettingsSync; action: 'stop' | 'start'; onChanged: (connection: SettingsSync) => void }) {
  const showFlag = useShowFlag();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const result = await invokeResolver<StateChangeData>('setConnectionState', { connectionId: sync.id, state: ACTION_TARGET[action] }, { validate: isStateChangeData });
      showFlag(stateChangeOutcome(action, sync, result));
      onChanged(result.connection);
    } catch (thrown) {
      showFlag(failureFlag(`${action} the sync`, thrown));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (!availableActions(sync).includes(action)) return <p style={{ ...styles.subtle, margin: 0 }}>{unavailableText(action, sync)}</p>;
  const confirmation = confirmationFor('stop', sync);
  return (
    <>
      <Button appearance="primary" isLoading={busy} onClick={() => (action === 'stop' ? setConfirming(true) : void run())}>
        {STATE_STEP_LABEL[action]}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={confirmation.title}
        body={confirmation.body}
        confirmLabel={confirmation.confirmLabel}
        appearance="warning"
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run()}
      />
    </>
  );
}
