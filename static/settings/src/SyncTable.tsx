import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import type { SettingsData, SettingsSync, SyncState } from '../../shared/types';
import { RelativeTime, styles, VisuallyHidden } from '../../shared/ui';

export const EMPTY_TEXT = 'No syncs yet — this project is not synchronized with any other project.';

const STATE_APPEARANCE: Record<SyncState, ThemeAppearance> = {
  draft: 'default',
  running: 'success',
  paused: 'moved',
  stopped: 'removed',
};

const STATE_LABEL: Record<SyncState, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
};

const head: HeadType = {
  cells: [
    { key: 'partner', content: 'Partner' },
    { key: 'state', content: 'State' },
    { key: 'pairs', content: 'Pairs' },
    { key: 'lastActivity', content: 'Last activity' },
    { key: 'openErrors', content: 'Open errors' },
  ],
};

function toRow(sync: SettingsSync): RowType {
  return {
    key: sync.id,
    cells: [
      {
        key: 'partner',
        content: (
          <span>
            <strong>{sync.partnerProject}</strong>
            <span style={styles.subtlest}> on {sync.partnerSite}</span>
          </span>
        ),
      },
      {
        key: 'state',
        content: <Lozenge appearance={STATE_APPEARANCE[sync.state]}>{STATE_LABEL[sync.state]}</Lozenge>,
      },
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
    ],
  };
}

/**
 * The table's caption doubles as the section heading (an <h2> inside <caption>), so the table is
 * labelled and the page keeps its heading outline.
 */
export function SyncTable({ project, syncs, headingId }: SettingsData & { headingId: string }) {
  return (
    <DynamicTable
      caption={
        <h2 id={headingId} style={{ font: 'inherit', margin: 0, color: token('color.text', '#172B4D') }}>
          Syncs<VisuallyHidden> of {project.name}</VisuallyHidden>
        </h2>
      }
      head={head}
      rows={syncs.map(toRow)}
      emptyView={<p style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>{EMPTY_TEXT}</p>}
    />
  );
}
