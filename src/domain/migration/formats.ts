/** The `format` and `version` stamps of Lockstep's migration files, in one place so each reader can recognise the other's files. */
export const CONFIG_EXPORT_FORMAT = 'lockstep.sync-config';
export const CONFIG_EXPORT_VERSION = 1;
export const PAIRS_FORMAT = 'lockstep.pairs';
export const PAIRS_VERSION = 1;

/** The day of `date` (a Date or an ISO string) as YYYY-MM-DD for file names, in UTC like the files' timestamps. */
export function fileDate(date: Date | string): string {
  return (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);
}
