/**
 * Shapes the two Custom UI apps receive from their resolvers.
 *
 * Type-only module: the Forge resolvers (src/forge) may `import type` from here so
 * both sides of the bridge agree on one definition.
 */

/** Lifecycle of one sync between this project and a partner project. */
export type SyncState = 'draft' | 'running' | 'paused' | 'stopped';

/** One row of the project settings page: a sync this project takes part in. */
export interface SettingsSync {
  id: string;
  /** Partner Jira site, e.g. "acme.atlassian.net". */
  partnerSite: string;
  /** Partner project key on that site. */
  partnerProject: string;
  state: SyncState;
  /** Number of issue pairs the sync currently maintains. */
  pairs: number;
  /** ISO-8601 timestamp of the last sent or received change, null if none yet. */
  lastActivity: string | null;
  openErrors: number;
}

/** Result of the `getSettings` resolver (jira:projectSettingsPage). */
export interface SettingsData {
  project: { key: string; name: string };
  syncs: SettingsSync[];
}

/** How far one issue is in step with its partner issue. */
export type IssueSyncStatus = 'up-to-date' | 'pending' | 'error';

/** One sync the current issue belongs to. */
export interface IssueSync {
  syncId: string;
  /** Partner issue key, null while the partner issue has not been created yet. */
  partnerKey: string | null;
  /** Browse URL of the partner issue, null when unknown. */
  partnerUrl: string | null;
  status: IssueSyncStatus;
  /** ISO-8601 timestamps, null if nothing was sent / received yet. */
  lastSent: string | null;
  lastReceived: string | null;
  /** Human-readable message of the last failure, null if none. */
  lastError: string | null;
}

/** Result of the `getIssueSync` resolver (jira:issuePanel). */
export interface IssueSyncData {
  issue: { key: string };
  syncs: IssueSync[];
}

/**
 * How a resolver reports a failure: it returns (does not throw) this object.
 * 4xx = the user can fix it (message is shown verbatim), 5xx = our fault (generic message + Retry).
 */
export interface ResolverErrorResult {
  error: { status: number; message: string };
}

/** Resolver names the UI calls, with their result types. */
export interface ResolverResults {
  getSettings: SettingsData;
  getIssueSync: IssueSyncData;
}
