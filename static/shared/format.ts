/** Pure formatting helpers shared by both apps. */

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** Parses an ISO-8601 timestamp; undefined for null or unparseable input. */
export function parseTimestamp(iso: string | null): Date | undefined {
  if (iso === null) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * "just now", "5 minutes ago", "1 day ago", "in 2 hours" (clock skew) — or `never` for null and
 * "unknown" for a timestamp that does not parse.
 */
export function formatRelativeTime(
  iso: string | null,
  now: Date = new Date(),
  options: { locale?: string; never?: string } = {},
): string {
  if (iso === null) return options.never ?? 'never';
  const date = parseTimestamp(iso);
  if (!date) return 'unknown';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(options.locale ?? 'en', { numeric: 'always' });
  const [unit, size] = UNITS.find(([, unitSeconds]) => Math.abs(seconds) >= unitSeconds) ?? ['minute', 60];
  return format.format(Math.round(seconds / size), unit);
}

/** Full, locale-formatted timestamp for tooltips; undefined when there is none. */
export function formatAbsoluteTime(iso: string | null, locale?: string): string | undefined {
  const date = parseTimestamp(iso);
  return date ? date.toLocaleString(locale) : undefined;
}

/** "1 pair", "3 pairs". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
