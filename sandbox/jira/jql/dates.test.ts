import { describe, expect, it } from 'vitest';
import { applyIncrement, parseAbsoluteDate, parseDateLiteral, parsePeriod, startOfUtcDay, toEpochMillis } from './dates';

const NOW = new Date('2024-02-15T12:30:45Z');
const utc = (iso: string): number => Date.parse(iso);

describe('parseAbsoluteDate', () => {
  it('reads every Jira format as UTC', () => {
    expect(parseAbsoluteDate('2024-01-31')).toBe(utc('2024-01-31T00:00:00Z'));
    expect(parseAbsoluteDate('2024/01/31')).toBe(utc('2024-01-31T00:00:00Z'));
    expect(parseAbsoluteDate('2024-01-31 14:05')).toBe(utc('2024-01-31T14:05:00Z'));
    expect(parseAbsoluteDate('2024/01/31 14:05')).toBe(utc('2024-01-31T14:05:00Z'));
    expect(parseAbsoluteDate(' 2024-1-5 9:07 ')).toBe(utc('2024-01-05T09:07:00Z'));
  });

  it('validates ranges, including leap years', () => {
    expect(parseAbsoluteDate('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'));
    for (const bad of ['2023-02-29', '2024-13-45', '2024-00-10', '2024-04-31', '2024-01-01 24:00', '2024-01-01 10:60']) {
      expect(parseAbsoluteDate(bad), bad).toBeUndefined();
    }
  });

  it('rejects other shapes', () => {
    for (const bad of ['2024-01/31', '2024-01-31T14:05', '31/01/2024', '2024-01-31 14:05:30', 'yesterday', '']) {
      expect(parseAbsoluteDate(bad), bad).toBeUndefined();
    }
  });
});

describe('parsePeriod', () => {
  it('reads signed periods in weeks, days, hours and minutes', () => {
    expect(parsePeriod('-1d')).toBe(-86_400_000);
    expect(parsePeriod('1d')).toBe(86_400_000);
    expect(parsePeriod('+4h')).toBe(4 * 3_600_000);
    expect(parsePeriod('-30m')).toBe(-30 * 60_000);
    expect(parsePeriod('-2w')).toBe(-14 * 86_400_000);
    expect(parsePeriod('4w 2d')).toBe(30 * 86_400_000);
    expect(parsePeriod('-1d2h')).toBe(-(26 * 3_600_000));
    expect(parsePeriod('1D')).toBe(86_400_000);
  });

  it('rejects non-periods', () => {
    for (const bad of ['1', 'd', '-1y', '1M', '1.5d', '-', '1d x']) expect(parsePeriod(bad), bad).toBeUndefined();
  });
});

describe('parseDateLiteral', () => {
  it('resolves periods against now, keeping seconds', () => {
    expect(parseDateLiteral('-1d', NOW)).toBe(utc('2024-02-14T12:30:45Z'));
    expect(parseDateLiteral('1d', NOW)).toBe(utc('2024-02-16T12:30:45Z'));
    expect(parseDateLiteral('-30m', NOW)).toBe(utc('2024-02-15T12:00:45Z'));
  });

  it('accepts absolute dates and epoch milliseconds', () => {
    expect(parseDateLiteral('2024-01-31', NOW)).toBe(utc('2024-01-31T00:00:00Z'));
    expect(parseDateLiteral('1706659200000', NOW)).toBe(1_706_659_200_000);
    expect(parseDateLiteral('2024-13-45', NOW)).toBeUndefined();
  });
});

describe('toEpochMillis', () => {
  it('reads Dates, numbers, ISO strings, Jira offsets and JQL formats', () => {
    expect(toEpochMillis(new Date('2024-01-31T10:00:00Z'))).toBe(utc('2024-01-31T10:00:00Z'));
    expect(toEpochMillis(1_706_695_200_000)).toBe(1_706_695_200_000);
    expect(toEpochMillis('2024-01-31T10:00:00.000Z')).toBe(utc('2024-01-31T10:00:00Z'));
    expect(toEpochMillis('2024-01-31T10:00:00.000+0200')).toBe(utc('2024-01-31T08:00:00Z'));
    expect(toEpochMillis('2024-01-31')).toBe(utc('2024-01-31T00:00:00Z'));
    expect(toEpochMillis('not a date')).toBeUndefined();
    expect(toEpochMillis(new Date(Number.NaN))).toBeUndefined();
  });
});

describe('day boundaries and increments', () => {
  it('finds the UTC start of day', () => {
    expect(startOfUtcDay(NOW.getTime())).toBe(utc('2024-02-15T00:00:00Z'));
  });

  it('applies increments with a default unit of days', () => {
    const midnight = utc('2024-02-15T00:00:00Z');
    expect(applyIncrement(midnight, '-1', 'd')).toBe(utc('2024-02-14T00:00:00Z'));
    expect(applyIncrement(midnight, '+2d', 'd')).toBe(utc('2024-02-17T00:00:00Z'));
    expect(applyIncrement(midnight, '1w', 'd')).toBe(utc('2024-02-22T00:00:00Z'));
    expect(applyIncrement(midnight, '-3h', 'd')).toBe(utc('2024-02-14T21:00:00Z'));
    expect(applyIncrement(midnight, '15m', 'd')).toBe(utc('2024-02-15T00:15:00Z'));
    expect(applyIncrement(midnight, '-1M', 'd')).toBe(utc('2024-01-15T00:00:00Z'));
    expect(applyIncrement(midnight, '+1y', 'd')).toBe(utc('2025-02-15T00:00:00Z'));
    expect(applyIncrement(midnight, 'soon', 'd')).toBeUndefined();
    expect(applyIncrement(midnight, '1x', 'd')).toBeUndefined();
  });
});
