/**
 * Scales, ticks and series of the Health tab's activity chart. Pure: the SVG component only draws what
 * these return, and they are tested without a DOM.
 */
import type { HealthBucket } from '../../../shared/types';

/** The server's bucket size. */
export const BUCKET_MS = 5 * 60_000;

export type ChartRange = 'hour' | 'day';

export const RANGE_MS: Record<ChartRange, number> = { hour: 3_600_000, day: 86_400_000 };
export const RANGE_LABEL: Record<ChartRange, string> = { hour: 'Last hour', day: 'Last 24 hours' };
/** "in the last hour": for sentences. */
export const RANGE_PHRASE: Record<ChartRange, string> = { hour: 'the last hour', day: 'the last 24 hours' };

/** Where to put a tick on the time axis, per range. */
const TIME_TICK_MS: Record<ChartRange, number> = { hour: 15 * 60_000, day: 4 * 3_600_000 };

export interface ChartBucket extends HealthBucket {
  /** Bucket start, Unix ms. */
  t: number;
}

/** Start of the 5-minute bucket that holds `ms`. */
export function bucketStart(ms: number): number {
  return Math.floor(ms / BUCKET_MS) * BUCKET_MS;
}

/** The window the chart shows: [start, end) ending after the current bucket. */
export function chartWindow(range: ChartRange, now: number): { start: number; end: number } {
  const end = bucketStart(now) + BUCKET_MS;
  return { start: end - RANGE_MS[range], end };
}

/** The history's buckets inside the window, oldest first; unparseable times are dropped. */
export function bucketsInWindow(history: readonly HealthBucket[], window: { start: number; end: number }): ChartBucket[] {
  return history
    .map((b) => ({ ...b, t: Date.parse(b.at) }))
    .filter((b) => Number.isFinite(b.t) && b.t >= window.start && b.t < window.end)
    .sort((a, b) => a.t - b.t);
}

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1), so axis labels stay round. */
export function niceMax(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/**
 * Round, evenly spaced ticks from 0 to a `niceMax` value: steps of 1, 2 or 5 × 10ⁿ (5 steps up to 1, 5 or
 * 10 × 10ⁿ, 4 up to 2 × 10ⁿ), and never a fractional step below 1 since the axis counts changes.
 */
export function valueTicks(max: number): number[] {
  const leading = max / 10 ** Math.floor(Math.log10(max));
  let steps = Math.round(leading) === 2 ? 4 : 5;
  if (max < steps) steps = Math.max(Math.round(max), 1);
  return Array.from({ length: steps + 1 }, (_, i) => (max * i) / steps);
}

/** Times of the time-axis ticks inside the window, on round local clock times (every 15 min or 4 h). */
export function timeTicks(range: ChartRange, window: { start: number; end: number }, timezoneOffsetMinutes: number): number[] {
  const step = TIME_TICK_MS[range];
  const offset = -timezoneOffsetMinutes * 60_000; // local = UTC + offset
  const first = Math.ceil((window.start + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t <= window.end; t += step) out.push(t);
  return out;
}

/** "09:05", local time. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "850 ms", "1.2 s", "4 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export interface Totals {
  sent: number;
  received: number;
  applied: number;
  failed: number;
  retried: number;
  /** Longest lag in the window, null when nothing was applied. */
  maxLagMs: number | null;
}

export function totals(buckets: readonly HealthBucket[]): Totals {
  const sum: Totals = { sent: 0, received: 0, applied: 0, failed: 0, retried: 0, maxLagMs: null };
  for (const b of buckets) {
    sum.sent += b.sent;
    sum.received += b.received;
    sum.applied += b.applied;
    sum.failed += b.failed;
    sum.retried += b.retried;
    if (b.maxLagMs !== null) sum.maxLagMs = Math.max(sum.maxLagMs ?? 0, b.maxLagMs);
  }
  return sum;
}

/** The chart's accessible name: "Activity over the last 24 hours: 25 sent, 3 received, …; longest lag 1.2 s." */
export function chartSummary(range: ChartRange, sum: Totals): string {
  const counts = `${sum.sent} sent, ${sum.received} received, ${sum.applied} applied, ${sum.failed} failed, ${sum.retried} retried`;
  const lag = sum.maxLagMs === null ? 'no lag measured' : `longest lag ${formatDuration(sum.maxLagMs)}`;
  return `Activity over ${RANGE_PHRASE[range]}: ${counts}; ${lag}.`;
}

/** The series drawn as stacked bars, bottom first. */
export const BAR_SERIES = ['applied', 'sent', 'failed'] as const;
export type BarSeries = (typeof BAR_SERIES)[number];

export interface StackSegment {
  series: BarSeries;
  /** Value range of the segment: [from, to). */
  from: number;
  to: number;
}

/** The bar of one bucket as stacked segments (empty ones left out). */
export function stack(bucket: Pick<HealthBucket, BarSeries>): StackSegment[] {
  const out: StackSegment[] = [];
  let base = 0;
  for (const series of BAR_SERIES) {
    const value = bucket[series];
    if (value > 0) out.push({ series, from: base, to: base + value });
    base += value;
  }
  return out;
}

/** The largest stacked bar of the buckets. */
export function maxStack(buckets: readonly Pick<HealthBucket, BarSeries>[]): number {
  return buckets.reduce((max, b) => Math.max(max, BAR_SERIES.reduce((s, k) => s + b[k], 0)), 0);
}

/** Linear scale from a domain to a pixel range (which may run backwards, as y does). */
export function linear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * The lag line's runs: consecutive buckets (5 minutes apart) that measured a lag are joined; a bucket
 * without one breaks the line.
 */
export function lagRuns(buckets: readonly ChartBucket[]): Array<Array<{ t: number; lag: number }>> {
  const runs: Array<Array<{ t: number; lag: number }>> = [];
  let current: Array<{ t: number; lag: number }> = [];
  let previous: number | null = null;
  for (const b of buckets) {
    const adjacent = previous !== null && b.t - previous === BUCKET_MS;
    if (b.maxLagMs === null || !adjacent) {
      if (current.length) runs.push(current);
      current = [];
    }
    if (b.maxLagMs !== null) current.push({ t: b.t, lag: b.maxLagMs });
    previous = b.t;
  }
  if (current.length) runs.push(current);
  return runs;
}
