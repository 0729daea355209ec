/** Date literals JQL accepts: Jira's absolute formats (read as UTC), periods like `-4w 2d`, and epoch millis. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const PERIOD_UNITS: Readonly<Record<string, number>> = { w: WEEK, d: DAY, h: HOUR, m: MINUTE };

// yyyy-MM-dd or yyyy/MM/dd (one separator style), optionally followed by HH:mm.
const ABSOLUTE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
// Units are case-insensitive except minutes: `M` means months in function increments, so it is refused here.
const PERIOD = /^([+-])?\s*((?:\d+\s*[wdhWDHm]\s*)+)$/;
const PERIOD_PART = /(\d+)\s*([wdhWDHm])/g;
const INCREMENT = /^([+-]?)(\d+)([yMwdhm]?)$/;

/** Milliseconds of one period unit, for callers that truncate. */
export const DURATION = { minute: MINUTE, day: DAY } as const;

/** Parses `yyyy-MM-dd[ HH:mm]` or `yyyy/MM/dd[ HH:mm]` as UTC; undefined when malformed or out of range. */
export function parseAbsoluteDate(text: string): number | undefined {
  const match = ABSOLUTE.exec(text.trim());
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = [match[1], match[3], match[4], match[5], match[6]].map(
    (part) => Number(part ?? '0'),
  );
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return undefined;
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Parses a period such as `-1d`, `4w 2d` or `30m` into signed milliseconds; undefined when not a period. */
export function parsePeriod(text: string): number | undefined {
  const match = PERIOD.exec(text.trim());
  if (!match?.[2]) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(PERIOD_PART)) {
    total += Number(part[1]) * (PERIOD_UNITS[(part[2] ?? '').toLowerCase()] ?? 0);
  }
  return match[1] === '-' ? -total : total;
}

/** Any date literal: absolute, a period relative to `now`, or epoch milliseconds; undefined when invalid. */
export function parseDateLiteral(text: string, now: Date): number | undefined {
  const absolute = parseAbsoluteDate(text);
  if (absolute !== undefined) return absolute;
  const period = parsePeriod(text);
  if (period !== undefined) return now.getTime() + period;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Converts a stored date (Date, epoch ms, ISO or Jira-format string) to epoch ms; undefined when unreadable. */
export function toEpochMillis(value: string | number | Date): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : readDateString(value);
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

function readDateString(text: string): number | undefined {
  const absolute = parseAbsoluteDate(text);
  if (absolute !== undefined) return absolute;
  // Jira serialises offsets as +0000; Date.parse wants +00:00.
  const parsed = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Midnight UTC of the day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/**
 * Applies a date-function increment such as `-1`, `+2d` or `-1M` (bare numbers count in `defaultUnit`);
 * undefined when malformed.
 */
export function applyIncrement(ms: number, increment: string, defaultUnit: 'd'): number | undefined {
  const match = INCREMENT.exec(increment.trim());
  if (!match) return undefined;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  const unit = match[3] || defaultUnit;
  if (unit === 'y' || unit === 'M') {
    const date = new Date(ms);
    if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + amount);
    else date.setUTCMonth(date.getUTCMonth() + amount);
    return date.getTime();
  }
  return ms + amount * (PERIOD_UNITS[unit] ?? DAY);
}
