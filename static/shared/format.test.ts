import { describe, expect, it } from 'vitest';
import { formatAbsoluteTime, formatRelativeTime, parseTimestamp, plural } from './format';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it('says "never" for null, or the given text', () => {
    expect(formatRelativeTime(null, now)).toBe('never');
    expect(formatRelativeTime(null, now, { never: 'not yet' })).toBe('not yet');
  });

  it('says "unknown" for an unparseable timestamp', () => {
    expect(formatRelativeTime('yesterday-ish', now)).toBe('unknown');
  });

  it('rounds the last few seconds to "just now", both directions', () => {
    expect(formatRelativeTime(ago(0), now)).toBe('just now');
    expect(formatRelativeTime(ago(44), now)).toBe('just now');
    expect(formatRelativeTime(ago(-30), now)).toBe('just now');
  });

  it('picks the largest fitting unit', () => {
    expect(formatRelativeTime(ago(45), now)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3600), now)).toBe('1 hour ago');
    expect(formatRelativeTime(ago(5 * 3600), now)).toBe('5 hours ago');
    expect(formatRelativeTime(ago(24 * 3600), now)).toBe('1 day ago');
    expect(formatRelativeTime(ago(3 * 24 * 3600), now)).toBe('3 days ago');
    expect(formatRelativeTime(ago(14 * 24 * 3600), now)).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(60 * 24 * 3600), now)).toBe('2 months ago');
    expect(formatRelativeTime(ago(800 * 24 * 3600), now)).toBe('2 years ago');
  });

  it('handles timestamps in the future (clock skew)', () => {
    expect(formatRelativeTime(ago(-2 * 3600), now)).toBe('in 2 hours');
  });

  it('honours the locale', () => {
    expect(formatRelativeTime(ago(5 * 60), now, { locale: 'de' })).toBe('vor 5 Minuten');
  });
});

describe('helpers', () => {
  it('parseTimestamp', () => {
    expect(parseTimestamp(null)).toBeUndefined();
    expect(parseTimestamp('nope')).toBeUndefined();
    expect(parseTimestamp('2026-03-10T12:00:00Z')?.getTime()).toBe(now.getTime());
  });

  it('formatAbsoluteTime', () => {
    expect(formatAbsoluteTime(null)).toBeUndefined();
    expect(formatAbsoluteTime('2026-03-10T12:00:00Z', 'en-US')).toMatch(/2026/);
  });

  it('plural', () => {
    expect(plural(1, 'pair')).toBe('1 pair');
    expect(plural(0, 'pair')).toBe('0 pairs');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
