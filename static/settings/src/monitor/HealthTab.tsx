import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useCallback, useState, type ReactNode } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { SyncHealthData } from '../../../shared/types';
import { LoadingState, RelativeTime, styles } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { isSyncHealthData } from '../../../shared/validate';
import { ActivityChart } from './ActivityChart';
import { formatDuration, RANGE_LABEL, type ChartRange } from './chart';
import { TabHeader } from './TabHeader';

function Tile({ label, children, tone, small }: { label: string; children: ReactNode; tone?: 'danger'; small?: boolean }) {
  return (
    <div
      style={{
        padding: token('space.150', '12px'),
        borderRadius: token('radius.medium', '6px'),
        border: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
        backgroundColor: token('elevation.surface.raised', '#FFFFFF'),
        minWidth: 0,
      }}
    >
      <dt style={{ ...styles.subtle, margin: 0, font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif') }}>{label}</dt>
      <dd
        style={{
          margin: `${token('space.050', '4px')} 0 0`,
          font: small
            ? token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif')
            : token('font.heading.medium', 'normal 653 20px/24px ui-sans-serif, sans-serif'),
          color: tone === 'danger' ? token('color.text.danger', '#AE2E24') : token('color.text', '#172B4D'),
        }}
      >
        {children}
      </dd>
    </div>
  );
}

function Counters({ health }: { health: SyncHealthData }) {
  const { counts } = health;
  return (
    <dl
      aria-label="Counters"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))',
        gap: token('space.100', '8px'),
        margin: 0,
        padding: 0,
      }}
    >
      <Tile label="Sent">{counts.sent.toLocaleString()}</Tile>
      <Tile label="Received">{counts.received.toLocaleString()}</Tile>
      <Tile label="Applied">{counts.applied.toLocaleString()}</Tile>
      <Tile label="Failed" {...(counts.failed > 0 ? { tone: 'danger' as const } : {})}>
        {counts.failed.toLocaleString()}
      </Tile>
      <Tile label="Retried">{counts.retried.toLocaleString()}</Tile>
      <Tile label="Open errors" {...(health.openErrors > 0 ? { tone: 'danger' as const } : {})}>
        {health.openErrors.toLocaleString()}
      </Tile>
      <Tile label="Last sent" small>
        <RelativeTime iso={health.lastSentAt} />
      </Tile>
      <Tile label="Last applied" small>
        <RelativeTime iso={health.lastAppliedAt} />
      </Tile>
      <Tile label="Current lag" small>{health.lagMs === null ? <span style={styles.subtlest}>none</span> : formatDuration(health.lagMs)}</Tile>
    </dl>
  );
}

function RangeToggle({ range, onChange }: { range: ChartRange; onChange: (range: ChartRange) => void }) {
  return (
    <div role="group" aria-label="Chart range" style={{ display: 'flex', gap: token('space.050', '4px') }}>
      {(['hour', 'day'] as const).map((option) => (
        <Button key={option} spacing="compact" isSelected={range === option} aria-pressed={range === option} onClick={() => onChange(option)}>
          {RANGE_LABEL[option]}
        </Button>
      ))}
    </div>
  );
}

/** Health tab: counters since the sync began, and the last 24 hours of activity as a chart. */
export function HealthTab({ connectionId }: { connectionId: string }) {
  const load = useCallback(
    () => invokeResolver<SyncHealthData>('getSyncHealth', { connectionId }, { validate: isSyncHealthData }),
    [connectionId],
  );
  const health = useResolver(load);
  const [range, setRange] = useState<ChartRange>('day');

  return (
    <section aria-labelledby="lockstep-health-heading" aria-busy={health.status === 'loading'}>
      <TabHeader id="lockstep-health-heading" title="Health">
        <Button onClick={health.retry} isDisabled={health.status === 'loading'} aria-label="Refresh health">
          Refresh
        </Button>
      </TabHeader>
      {health.status === 'loading' ? <LoadingState label="Loading health…" /> : null}
      {health.status === 'error' ? <ErrorBanner error={health.error} onRetry={health.retry} /> : null}
      {health.status === 'success' ? (
        <>
          <Counters health={health.data} />
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              flexWrap: 'wrap',
              gap: token('space.100', '8px'),
              marginTop: token('space.300', '24px'),
            }}
          >
            <h3 style={{ font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif'), margin: 0 }}>Activity</h3>
            <RangeToggle range={range} onChange={setRange} />
          </div>
          {health.data.history.length === 0 ? (
            <p style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>No activity in the last 24 hours.</p>
          ) : (
            <ActivityChart history={health.data.history} range={range} now={Date.now()} />
          )}
        </>
      ) : null}
    </section>
  );
}
