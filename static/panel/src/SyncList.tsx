import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import type { IssueSync, IssueSyncStatus } from '../../shared/types';
import { RelativeTime, styles, VisuallyHidden } from '../../shared/ui';

const STATUS_APPEARANCE: Record<IssueSyncStatus, ThemeAppearance> = {
  'up-to-date': 'success',
  pending: 'inprogress',
  error: 'removed',
};

const STATUS_LABEL: Record<IssueSyncStatus, string> = {
  'up-to-date': 'Up to date',
  pending: 'Pending',
  error: 'Error',
};

// Explicit margins: css-reset indents <dl> and adds margin-top to `dd + dt`.
const termStyle = { ...styles.subtlest, whiteSpace: 'nowrap', margin: 0 } as const;

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

function SyncItem({ sync }: { sync: IssueSync }) {
  return (
    <li
      style={{
        padding: `${token('space.100', '8px')} 0`,
        borderBlockEnd: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <PartnerIssue sync={sync} />
        <Lozenge appearance={STATUS_APPEARANCE[sync.status]}>{STATUS_LABEL[sync.status]}</Lozenge>
      </div>
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
    </li>
  );
}

export function SyncList({ issueKey, syncs }: { issueKey: string; syncs: IssueSync[] }) {
  return (
    <ul aria-label={`Syncs of ${issueKey}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {syncs.map((sync) => (
        <SyncItem key={sync.syncId} sync={sync} />
      ))}
    </ul>
  );
}
