import Button from '@atlaskit/button/default/button';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import type { IssueSync, IssueSyncStatus } from '../../shared/types';
import { RelativeTime, styles, VisuallyHidden } from '../../shared/ui';
import type { PanelAction } from './actions';
import { CopyButton } from './CopyButton';
import { names, resyncWaitingText, STATUS_LABEL } from './labels';

const STATUS_APPEARANCE: Record<IssueSyncStatus, ThemeAppearance> = {
  'up-to-date': 'success',
  pending: 'inprogress',
  error: 'removed',
};

// Explicit margins: css-reset indents <dl> and adds margin-top to `dd + dt`.
const termStyle = { ...styles.subtlest, whiteSpace: 'nowrap', margin: 0 } as const;
const row = { display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' } as const;

export interface ActionProps {
  /** Whether buttons may be pressed (permission, and no other action in flight). */
  enabled: boolean;
  /** id of the text explaining why buttons are disabled, when they are for lack of permission. */
  disabledReasonId: string | undefined;
  onAction: (action: PanelAction) => void;
}

function PartnerIssue({ sync }: { sync: IssueSync }) {
  if (sync.partnerKey === null) return <span style={styles.subtlest}>Partner issue not created yet</span>;
  if (sync.partnerUrl === null) return <strong>{sync.partnerKey}</strong>;
  return (
    <a href={sync.partnerUrl} target="_blank" rel="noreferrer noopener">
      <strong>{sync.partnerKey}</strong>
      <VisuallyHidden> (opens in a new tab)</VisuallyHidden>
    </a>
  );
}

function SyncItem({ sync, enabled, disabledReasonId, onAction }: { sync: IssueSync } & ActionProps) {
  const describedBy = disabledReasonId !== undefined ? { 'aria-describedby': disabledReasonId } : {};
  return (
    <li
      style={{
        padding: `${token('space.100', '8px')} 0`,
        margin: 0,
        borderBlockEnd: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
      }}
    >
      <div style={row}>
        <PartnerIssue sync={sync} />
        {sync.partnerKey !== null ? <CopyButton text={sync.partnerKey} /> : null}
        <Lozenge appearance={STATUS_APPEARANCE[sync.status]}>{STATUS_LABEL[sync.status]}</Lozenge>
      </div>
      {sync.resync !== undefined ? (
        <p role="status" data-resync-job={sync.resync.jobId} style={{ margin: `${token('space.050', '4px')} 0 0`, color: token('color.text.subtle', '#44546F') }}>
          {resyncWaitingText(sync.resync)}
        </p>
      ) : null}
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: token('space.100', '8px'),
          rowGap: token('space.025', '2px'),
          margin: `${token('space.050', '4px')} 0 0`,
          padding: 0,
        }}
      >
        <dt style={termStyle}>Last sent</dt>
        <dd style={{ margin: 0 }}>
          <RelativeTime iso={sync.lastSent} />
        </dd>
        <dt style={termStyle}>Last received</dt>
        <dd style={{ margin: 0 }}>
          <RelativeTime iso={sync.lastReceived} />
        </dd>
        {sync.lastError !== null ? (
          <>
            <dt style={termStyle}>Last error</dt>
            <dd style={{ margin: 0, color: token('color.text.danger', '#AE2E24'), overflowWrap: 'anywhere' }}>
              {sync.lastError}
            </dd>
          </>
        ) : null}
      </dl>
      <div style={{ ...row, marginBlockStart: token('space.075', '6px') }}>
        {sync.lastError !== null ? (
          <Button
            spacing="compact"
            appearance="primary"
            isDisabled={!enabled}
            aria-label={names.retry(sync)}
            {...describedBy}
            onClick={() => onAction({ type: 'retry', syncId: sync.syncId, partnerKey: sync.partnerKey })}
          >
            Retry
          </Button>
        ) : null}
        <Button
          spacing="compact"
          isDisabled={!enabled}
          aria-label={names.resync(sync)}
          {...describedBy}
          onClick={() => onAction({ type: 'resync', syncId: sync.syncId, partnerKey: sync.partnerKey })}
        >
          Resync
        </Button>
      </div>
    </li>
  );
}

/** One entry per sync the issue takes part in. */
export function SyncList({ issueKey, syncs, ...actions }: { issueKey: string; syncs: IssueSync[] } & ActionProps) {
  return (
    <ul aria-label={`Syncs of ${issueKey}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {syncs.map((sync) => (
        <SyncItem key={sync.syncId} sync={sync} {...actions} />
      ))}
    </ul>
  );
}
