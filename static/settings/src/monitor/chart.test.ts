import { describe, expect, it } from 'vitest';
import type { HealthBucket } from '../../../shared/types';
import {
  BUCKET_MS,
  bucketsInWindow,
  chartSummary,
  chartWindow,
  formatDuration,
  lagRuns,
  linear,
  maxStack,
  niceMax,
  stack,
  timeTicks,
  totals,
  valueTicks,
} from './chart';

const at = (iso: string) => Date.parse(iso);
const bucket = (iso: string, patch: Partial<HealthBucket> = {}): HealthBucket => ({
  at: iso,
  sent: 0,
  received: 0,
  applied: 0,
  failed: 0,
  retried: 0,
  maxLagMs: null,
  ...patch,
});

describe('value scale', () => {
  it('rounds the top of the axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(25)).toBe(50);
    expect(niceMax(200)).toBe(200);
    expect(niceMax(1200)).toBe(2000);
  });

  it('spaces ticks on round steps', () => {
    expect(valueTicks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(valueTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(valueTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(valueTicks(500)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(valueTicks(2)).toEqual([0, 1, 2]);
    expect(valueTicks(1)).toEqual([0, 1]);
  });

  it('maps linearly, also backwards', () => {
    const y = linear([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
    expect(y(10)).toBe(0);
    expect(linear([0, 0], [0, 10])(0)).toBe(0);
  });
});

describe('time window', () => {
  const now = at('2026-03-10T12:07:30Z');

  it('ends after the current 5-minute bucket', () => {
    expect(chartWindow('hour', now)).toEqual({ start: at('2026-03-10T11:10:00Z'), end: at('2026-03-10T12:10:00Z') });
    expect(chartWindow('day', now).start).toBe(at('2026-03-09T12:10:00Z'));
  });

  it('keeps the buckets inside the window, oldest first', () => {
    const history = [
      bucket('2026-03-10T12:05:00Z', { sent: 2 }),
      bucket('2026-03-10T09:00:00Z', { sent: 1 }),
      bucket('2026-03-10T11:30:00Z', { sent: 3 }),
      bucket('not a time', { sent: 9 }),
    ];
    const inHour = bucketsInWindow(history, chartWindow('hour', now));
    expect(inHour.map((b) => b.sent)).toEqual([3, 2]);
    expect(bucketsInWindow(history, chartWindow('day', now)).map((b) => b.sent)).toEqual([1, 3, 2]);
  });

  it('puts time ticks on round local clock times', () => {
    const window = chartWindow('hour', now);
    expect(timeTicks('hour', window, 0)).toEqual(
      ['11:15', '11:30', '11:45', '12:00'].map((hm) => at(`2026-03-10T${hm}:00Z`)),
    );
    // UTC+1 (offset -60): 4-hour ticks fall on 00:00, 04:00, … local, i.e. 23:00, 03:00, … UTC.
    const day = timeTicks('day', chartWindow('day', now), -60);
    expect(day[0]).toBe(at('2026-03-09T15:00:00Z'));
    expect(day.every((t) => (t + 3_600_000) % (4 * 3_600_000) === 0)).toBe(true);
  });
});

describe('series', () => {
  it('stacks applied, sent and failed, leaving out empty segments', () => {
    expect(stack({ applied: 2, sent: 0, failed: 1 })).toEqual([
      { series: 'applied', from: 0, to: 2 },
      { series: 'failed', from: 2, to: 3 },
    ]);
    expect(maxStack([{ applied: 2, sent: 3, failed: 1 }, { applied: 9, sent: 0, failed: 0 }])).toBe(9);
    expect(maxStack([])).toBe(0);
  });

  it('breaks the lag line at gaps and buckets without lag', () => {
    const t0 = at('2026-03-10T11:00:00Z');
    const b = (i: number, lag: number | null) => ({ ...bucket(new Date(t0 + i * BUCKET_MS).toISOString(), { maxLagMs: lag }), t: t0 + i * BUCKET_MS });
    const runs = lagRuns([b(0, 100), b(1, 200), b(2, null), b(3, 50), b(5, 60)]);
    expect(runs.map((run) => run.map((p) => p.lag))).toEqual([[100, 200], [50], [60]]);
  });
});

describe('summary', () => {
  it('adds up the window and names the longest lag', () => {
    const sum = totals([bucket('x', { sent: 20, applied: 2, maxLagMs: 800 }), bucket('y', { sent: 5, failed: 1, received: 3, applied: 1, maxLagMs: 1200 })]);
    expect(sum).toEqual({ sent: 25, received: 3, applied: 3, failed: 1, retried: 0, maxLagMs: 1200 });
    expect(chartSummary('day', sum)).toBe(
      'Activity over the last 24 hours: 25 sent, 3 received, 3 applied, 1 failed, 0 retried; longest lag 1.2 s.',
    );
    expect(chartSummary('hour', totals([]))).toBe(
      'Activity over the last hour: 0 sent, 0 received, 0 applied, 0 failed, 0 retried; no lag measured.',
    );
  });

  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(4 * 60_000)).toBe('4 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(120 * 60_000)).toBe('2 h');
  });
});
