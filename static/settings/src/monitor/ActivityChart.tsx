import { token } from '@atlaskit/tokens';
import type { HealthBucket } from '../../../shared/types';
import { styles, visuallyHidden } from '../../../shared/ui';
import {
  BAR_SERIES,
  BUCKET_MS,
  bucketsInWindow,
  chartSummary,
  chartWindow,
  formatClock,
  formatDuration,
  lagRuns,
  linear,
  maxStack,
  niceMax,
  RANGE_LABEL,
  RANGE_MS,
  RANGE_PHRASE,
  stack,
  timeTicks,
  totals,
  valueTicks,
  type BarSeries,
  type ChartRange,
} from './chart';

const WIDTH = 960;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 60, bottom: 28, left: 44 };
const PLOT = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };

export const SERIES_COLOUR: Record<BarSeries | 'lag', string> = {
  applied: token('color.chart.success.bold', '#22A06B'),
  sent: token('color.chart.blue.bold', '#388BFF'),
  failed: token('color.chart.danger.bold', '#E2483D'),
  lag: token('color.chart.purple.bold', '#8F7EE7'),
};

const SERIES_LABEL: Record<BarSeries | 'lag', string> = {
  applied: 'Applied here',
  sent: 'Sent',
  failed: 'Failed',
  lag: 'Longest lag (right axis)',
};

const axisText = { fill: token('color.text.subtlest', '#626F86'), fontSize: 11 } as const;
const gridLine = { stroke: token('color.border', '#091E4224'), strokeWidth: 1 } as const;

export interface ActivityChartProps {
  history: readonly HealthBucket[];
  range: ChartRange;
  now: number;
}

function Legend() {
  const entries = [...BAR_SERIES, 'lag'] as const;
  return (
    <ul
      aria-hidden="true"
      style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200', '16px'), listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0 0` }}
    >
      {entries.map((series) => (
        <li key={series} style={{ display: 'flex', alignItems: 'center', gap: token('space.075', '6px'), ...styles.subtle, margin: 0 }}>
          <span
            style={{
              display: 'inline-block',
              width: 12,
              height: series === 'lag' ? 3 : 12,
              borderRadius: token('radius.xsmall', '2px'),
              backgroundColor: SERIES_COLOUR[series],
            }}
          />
          {SERIES_LABEL[series]}
        </li>
      ))}
    </ul>
  );
}

/** The buckets as a table for screen readers (the SVG is one image to them). */
function DataTable({ buckets, range }: { buckets: ReturnType<typeof bucketsInWindow>; range: ChartRange }) {
  return (
    <table style={visuallyHidden}>
      <caption>Activity per 5 minutes over {RANGE_PHRASE[range]}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Sent</th>
          <th scope="col">Received</th>
          <th scope="col">Applied</th>
          <th scope="col">Failed</th>
          <th scope="col">Retried</th>
          <th scope="col">Longest lag</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((b) => (
          <tr key={b.at}>
            <th scope="row">{formatClock(b.t)}</th>
            <td>{b.sent}</td>
            <td>{b.received}</td>
            <td>{b.applied}</td>
            <td>{b.failed}</td>
            <td>{b.retried}</td>
            <td>{b.maxLagMs === null ? 'none' : formatDuration(b.maxLagMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Activity per 5-minute bucket: stacked bars (applied, sent, failed) on the left axis and the longest lag
 * as a line on the right axis. Drawn by hand in SVG; screen readers get a summary and a table.
 */
export function ActivityChart({ history, range, now }: ActivityChartProps) {
  const frame = chartWindow(range, now);
  const buckets = bucketsInWindow(history, frame);
  if (buckets.length === 0) {
    return <p style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>No activity in {RANGE_PHRASE[range]}.</p>;
  }

  const countMax = niceMax(maxStack(buckets));
  const sum = totals(buckets);
  const lagMax = niceMax(sum.maxLagMs ?? 0);
  const x = linear([frame.start, frame.end], [PLOT.left, PLOT.right]);
  const y = linear([0, countMax], [PLOT.bottom, PLOT.top]);
  const yLag = linear([0, lagMax], [PLOT.bottom, PLOT.top]);
  const slot = ((PLOT.right - PLOT.left) * BUCKET_MS) / RANGE_MS[range];
  const barWidth = Math.max(slot - (slot > 4 ? 2 : 0.5), 1);
  const tz = new Date(now).getTimezoneOffset();

  return (
    <figure style={{ margin: `${token('space.200', '16px')} 0 0` }}>
      <svg
        role="img"
        aria-label={chartSummary(range, sum)}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH, display: 'block', overflow: 'visible' }}
      >
        {valueTicks(countMax).map((value) => (
          <g key={`c${value}`}>
            <line x1={PLOT.left} x2={PLOT.right} y1={y(value)} y2={y(value)} style={gridLine} />
            <text x={PLOT.left - 6} y={y(value)} textAnchor="end" dominantBaseline="middle" style={axisText}>
              {value.toLocaleString()}
            </text>
          </g>
        ))}
        {sum.maxLagMs !== null
          ? valueTicks(lagMax).map((value) => (
              <text key={`l${value}`} x={PLOT.right + 6} y={yLag(value)} dominantBaseline="middle" style={axisText}>
                {formatDuration(value)}
              </text>
            ))
          : null}
        {timeTicks(range, frame, tz).map((t) => (
          <g key={`t${t}`}>
            <line x1={x(t)} x2={x(t)} y1={PLOT.bottom} y2={PLOT.bottom + 4} style={gridLine} />
            <text x={x(t)} y={PLOT.bottom + 16} textAnchor="middle" style={axisText}>
              {formatClock(t)}
            </text>
          </g>
        ))}
        {buckets.map((b) =>
          stack(b).map((segment) => (
            <rect
              key={`${b.at}-${segment.series}`}
              x={x(b.t) + (slot - barWidth) / 2}
              width={barWidth}
              y={y(segment.to)}
              height={Math.max(y(segment.from) - y(segment.to), 0.5)}
              style={{ fill: SERIES_COLOUR[segment.series] }}
            />
          )),
        )}
        {lagRuns(buckets).map((run) => (
          <g key={`lag${run[0]?.t ?? 0}`}>
            {run.length > 1 ? (
              <polyline
                points={run.map((p) => `${x(p.t) + slot / 2},${yLag(p.lag)}`).join(' ')}
                style={{ fill: 'none', stroke: SERIES_COLOUR.lag, strokeWidth: 2 }}
              />
            ) : null}
            {run.map((p) => (
              <circle key={p.t} cx={x(p.t) + slot / 2} cy={yLag(p.lag)} r={2.5} style={{ fill: SERIES_COLOUR.lag }} />
            ))}
          </g>
        ))}
        <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} style={{ ...gridLine, stroke: token('color.border.bold', '#758195') }} />
      </svg>
      <figcaption style={visuallyHidden}>{RANGE_LABEL[range]}</figcaption>
      <Legend />
      <DataTable buckets={buckets} range={range} />
    </figure>
  );
}
