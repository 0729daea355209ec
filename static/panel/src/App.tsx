import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import { ErrorBanner } from '../../shared/ErrorBanner';
import { LicenseBanner } from '../../shared/LicenseBanner';
import type { IssueSyncOffer } from '../../shared/types';
import { LoadingState, styles, VisuallyHidden } from '../../shared/ui';
import { actionProgress, type PanelAction } from './actions';
import { NO_PERMISSION_TEXT, NOT_SYNCED_TEXT } from './labels';
import { OfferList } from './OfferList';
import { PairDialog } from './PairDialog';
import { actionsEnabled, panelPhase, showsRefresh } from './panelState';
import { SyncList } from './SyncList';
import { usePanel } from './usePanel';

export { NOT_SYNCED_TEXT } from './labels';

// The frame is sized to its content: keep it tall enough for the pair dialog while the dialog is open.
const DIALOG_MIN_HEIGHT = 420;

/** jira:issuePanel — how the current issue stands with its partner issue(s), and what the viewer can do about it. */
export function App() {
  const { state, reload, run, dismissActionError } = usePanel();
  const [pairing, setPairing] = useState<IssueSyncOffer | undefined>(undefined);
  const reasonId = useId();
  const phase = panelPhase(state);
  const data = state.data;
  const enabled = actionsEnabled(state);

  const act = (action: PanelAction) => void run(action);
  const pair = async (partnerKey: string) => {
    if (pairing === undefined) return;
    if (await run({ type: 'pair', syncId: pairing.syncId, partnerKey })) setPairing(undefined);
  };
  const closeDialog = () => {
    setPairing(undefined);
    if (state.actionError?.action.type === 'pair') dismissActionError();
  };
  const openDialog = (offer: IssueSyncOffer) => {
    dismissActionError();
    setPairing(offer);
  };

  const actionError = state.actionError;
  // A failed pair is shown in its dialog while the dialog is open.
  const bannerError = actionError !== undefined && !(actionError.action.type === 'pair' && pairing !== undefined) ? actionError : undefined;
  const status = state.running !== undefined ? actionProgress(state.running) : (state.outcome ?? '');

  return (
    <main
      aria-labelledby="lockstep-panel-title"
      aria-busy={state.loading || state.running !== undefined}
      style={{ ...styles.compactPage, ...(pairing !== undefined ? { minHeight: DIALOG_MIN_HEIGHT } : {}) }}
    >
      {/* The host already shows the panel title ("Sync info"); this heading is for screen readers. */}
      <h1 id="lockstep-panel-title" style={{ margin: 0 }}>
        <VisuallyHidden>Lockstep sync info{data !== undefined ? ` for ${data.issue.key}` : ''}</VisuallyHidden>
      </h1>

      {data !== undefined ? <LicenseBanner licensed={data.licensed} app="panel" /> : null}
      {phase === 'loading' ? <LoadingState label="Loading sync status…" /> : null}
      {phase === 'error' && state.loadError !== undefined ? <ErrorBanner error={state.loadError} onRetry={reload} /> : null}

      {/* Always in the page, so screen readers announce what an action did when its text changes. */}
      <p
        role="status"
        style={{
          margin: 0,
          color: state.running !== undefined ? token('color.text.subtle', '#44546F') : token('color.text.success', '#216E4E'),
          ...(status === '' ? {} : { marginBlockEnd: token('space.100', '8px') }),
        }}
      >
        {status}
      </p>
      {bannerError !== undefined ? (
        <ErrorBanner error={bannerError.error} onRetry={() => act(bannerError.action)} />
      ) : null}

      {phase === 'ready' && data !== undefined ? (
        <>
          {state.loadError !== undefined ? <ErrorBanner error={state.loadError} onRetry={reload} /> : null}
          {data.syncs.length === 0 ? <p style={{ ...styles.subtle, margin: 0 }}>{NOT_SYNCED_TEXT}</p> : null}
          {data.syncs.length > 0 ? (
            <SyncList
              issueKey={data.issue.key}
              syncs={data.syncs}
              enabled={enabled}
              disabledReasonId={data.canAct ? undefined : reasonId}
              onAction={act}
            />
          ) : null}
          {data.offers.length > 0 ? (
            <OfferList
              issueKey={data.issue.key}
              offers={data.offers}
              enabled={enabled}
              disabledReasonId={data.canAct ? undefined : reasonId}
              onAction={act}
              onPair={openDialog}
            />
          ) : null}
          {!data.canAct && (data.syncs.length > 0 || data.offers.length > 0) ? (
            <p id={reasonId} style={{ ...styles.subtlest, margin: `${token('space.100', '8px')} 0 0` }}>
              {NO_PERMISSION_TEXT}
            </p>
          ) : null}
          {showsRefresh(state) ? (
            <div style={{ marginBlockStart: token('space.100', '8px') }}>
              <Button spacing="compact" appearance="subtle" onClick={reload}>
                Refresh
              </Button>
            </div>
          ) : null}
          <PairDialog
            issueKey={data.issue.key}
            offer={pairing}
            busy={state.running !== undefined}
            error={actionError?.action.type === 'pair' ? actionError.error : undefined}
            onSubmit={(key) => void pair(key)}
            onClose={closeDialog}
          />
        </>
      ) : null}
    </main>
  );
}
