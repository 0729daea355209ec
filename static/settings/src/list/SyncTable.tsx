import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import type { SettingsSync, SyncState } from '../../../shared/types';
import { RelativeTime, styles, VisuallyHidden } from '../../../shared/ui';
import { formatRoute } from './hashRoute';
import { SyncActions } from './SyncActions';
import { directionLabel, isAwaitingPartner, siteLabel, STATE_LABEL } from './syncActions';

export const STATE_APPEARANCE: Record<SyncState, ThemeAppearance> = {
  draft: 'default',
  running: 'success',
  paused: 'moved',
  stopped: 'removed',
};

export function StateLozenge({ state }: { state: SyncState }) {
  return <Lozenge appearance={STATE_APPEARANCE[state]}>{STATE_LABEL[state]}</Lozenge>;
}

const head: HeadType = {
  cells: [
    { key: 'partner', content: 'Partner' },
    { key: 'direction', content: 'Direction' },
    { key: 'state', content: 'State' },
    { key: 'pairs', content: 'Pairs' },
    { key: 'lastActivity', content: 'Last activity' },
    { key: 'openErrors', content: 'Open errors' },
    { key: 'actions', content: <VisuallyHidden>Actions</VisuallyHidden> },
  ],
};

const linkStyle = { color: token('color.link', '#0C66E4') };

/** The partner as a link to the sync's page: "DEV on beta", or "Pending partner" for an open invitation. */
export function PartnerLink({ sync }: { sync: SettingsSync }) {
  const href = formatRoute({ view: 'sync', syncId: sync.id, tab: 'configuration' });
  if (isAwaitingPartner(sync)) {
    return (
      <a href={href} style={linkStyle}>
        <strong>Pending partner</strong>
        <span style={styles.subtlest}> (invitation not accepted yet)</span>
      </a>
    );
  }
  return (
    <a href={href} style={linkStyle}>
      <strong>{sync.partnerProject}</strong>
      <span style={styles.subtlest}> on {siteLabel(sync.partnerSite)}</span>
    </a>
  );
}

function toRow(sync: SettingsSync, onChanged: () => void): RowType {
  return {
    key: sync.id,
    cells: [
      { key: 'partner', content: <PartnerLink sync={sync} /> },
      {
        key: 'direction',
        content: sync.direction === null ? <span style={styles.subtlest}>{directionLabel(null)}</span> : sync.direction,
      },
      { key: 'state', content: <StateLozenge state={sync.state} /> },
      { key: 'pairs', content: sync.pairs.toLocaleString() },
      { key: 'lastActivity', content: <RelativeTime iso={sync.lastActivity} /> },
      {
        key: 'openErrors',
        content:
          sync.openErrors > 0 ? (
            <strong style={{ color: token('color.text.danger', '#AE2E24') }}>{sync.openErrors.toLocaleString()}</strong>
          ) : (
            <span style={styles.subtlest}>0</span>
          ),
      },
      { key: 'actions', content: <SyncActions sync={sync} onDone={onChanged} /> },
    ],
  };
}

export interface SyncTableProps {
  projectName: string;
  syncs: SettingsSync[];
  headingId: string;
  /** Reloads the list after an action. */
  onChanged: () => void;
}

/**
 * The table's caption doubles as the section heading (an <h2> inside <caption>), so the table is
 * labelled and the page keeps its heading outline.
 */
export function SyncTable({ projectName, syncs, headingId, onChanged }: SyncTableProps) {
  return (
    <DynamicTable
      caption={
        <h2 id={headingId} style={{ font: token('font.heading.small', 'normal 653 16px/20px ui-sans-serif, sans-serif'), margin: 0, color: token('color.text', '#172B4D') }}>
          Syncs<VisuallyHidden> of {projectName}</VisuallyHidden>
        </h2>
      }
      head={head}
      rows={syncs.map((sync) => toRow(sync, onChanged))}
    />
  );
}
