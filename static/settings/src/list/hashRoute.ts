/**
 * The settings page's place, kept in `location.hash` so a reload stays on the same sync and tab:
 * `#sync=<id>&tab=health`. Pure: parse and format only.
 */

export const SYNC_TABS = ['configuration', 'health', 'errors', 'audit', 'migration'] as const;
export type SyncTab = (typeof SYNC_TABS)[number];

export type Route = { view: 'list' } | { view: 'sync'; syncId: string; tab: SyncTab };

const isSyncTab = (value: string | null): value is SyncTab => (SYNC_TABS as readonly (string | null)[]).includes(value);

/** Reads a hash ("#sync=abc&tab=errors", with or without "#"); anything unknown falls back to the list / first tab. */
export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const syncId = params.get('sync');
  if (!syncId) return { view: 'list' };
  const tab = params.get('tab');
  return { view: 'sync', syncId, tab: isSyncTab(tab) ? tab : 'configuration' };
}

/** The hash for a route: "" for the list. */
export function formatRoute(route: Route): string {
  if (route.view === 'list') return '';
  return `#${new URLSearchParams({ sync: route.syncId, tab: route.tab }).toString()}`;
}
