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
  /** One line on which way data flows, from the sync's configuration, e.g. "Both ways", "Mostly to DEV (3 fields back)"; null before it is configured. */
  direction: string | null;
}

/** Result of the `getSettings` resolver (jira:projectSettingsPage). */
export interface SettingsData {
  project: { key: string; name: string };
  syncs: SettingsSync[];
  /** False while the app's license is inactive: syncing and changes are paused, reads still work (src/forge/license.ts). */
  licensed: boolean;
}

/** How far one issue is in step with its partner issue. */
export type IssueSyncStatus = 'up-to-date' | 'pending' | 'error';

/** One sync the current issue belongs to (the engine's own view type). */
export type { IssueSyncView as IssueSync } from '../../src/engine/sync/issue-actions';
import type { IssueSyncView as IssueSync, IssueSyncOffer } from '../../src/engine/sync/issue-actions';

/** A sync of the issue's project that the issue is not paired in but could be (its filter and issue types admit it). */
export type { IssueSyncOffer } from '../../src/engine/sync/issue-actions';

/** Result of the `getIssueSync` resolver (jira:issuePanel). */
export interface IssueSyncData {
  issue: { key: string };
  syncs: IssueSync[];
  /** Syncs this issue could join: "Sync this issue" (create the partner) or "Pair with an existing issue". */
  offers: IssueSyncOffer[];
  /** Whether the viewer may act (Resync, Retry, Sync this issue, Pair): Edit issues permission on the issue. */
  canAct: boolean;
  /** False while the app's license is inactive: syncing is paused and the panel's actions are refused. */
  licensed: boolean;
}

/**
 * How a resolver reports a failure: it returns (does not throw) this object.
 * 4xx = the user can fix it (message is shown verbatim), 5xx = our fault (generic message + Retry).
 */
export interface ResolverErrorResult {
  error: { status: number; message: string };
}

// ---------------------------------------------------------------------------------------------------
// Settings page: one sync's configuration, catalogs, health, errors and audit (payloads name connectionId).
// ---------------------------------------------------------------------------------------------------

export type { SyncConfig, SyncConfigInput, FieldMapping, Direction } from '../../src/domain/config/schema';
export type { ProjectCatalog, CatalogField } from '../../src/domain/config/catalog';
import type { SyncConfig } from '../../src/domain/config/schema';
import type { ProjectCatalog } from '../../src/domain/config/catalog';

/** `getSyncConfig({ connectionId })`: the saved configuration, or a suggestion from both catalogs when none is saved yet. */
export interface SyncConfigData {
  config: SyncConfig;
  /** False when `config` is a suggestion that has never been saved. */
  saved: boolean;
}

/**
 * `getSyncCatalog({ connectionId })`: both projects' mapping catalogs. The partner's is null when its
 * site could not be asked (then `partnerError` says why, and the editor shows names from the config).
 */
export interface SyncCatalogData {
  local: ProjectCatalog;
  partner: ProjectCatalog | null;
  partnerError: string | null;
}

/** A configuration problem found by the server's validation: path such as `fields.3.valueMap` and a message. */
export interface ConfigProblem {
  at: string;
  message: string;
}

/** `saveSyncConfig({ connectionId, config })`. `changes` lists what changed, one line each (also written to the audit log). */
export type SaveConfigResult = { saved: true; changes: string[] } | { problems: ConfigProblem[] };

/** One 5-minute bucket of a sync's activity (the health store's own type). */
export type { HealthBucket } from '../../src/ports/health';
import type { HealthBucket } from '../../src/ports/health';

/** `getSyncHealth({ connectionId })`. */
export interface SyncHealthData {
  connectionId: string;
  counts: { sent: number; received: number; applied: number; failed: number; retried: number };
  lastSentAt: string | null;
  lastAppliedAt: string | null;
  lagMs: number | null;
  openErrors: number;
  /** Last 24 h, oldest first, only buckets with activity. */
  history: HealthBucket[];
}

/** One row of `listSyncErrors({ connectionId })`: a message that could not be applied or delivered. */
export interface SyncErrorRow {
  direction: 'in' | 'out';
  messageId: string;
  /** Key of the issue the change came from (the partner's key for `in`). */
  issueKey: string;
  /** What kind of change: issue, comment, attachment, link, … */
  kind: string;
  reason: string;
  /** ISO times of the first and the latest failed attempt. */
  firstAttemptAt: string;
  at: string;
  attempts: number;
}

/** `actOnSyncError({ connectionId, action: 'retry' | 'skip', direction, messageId })`. */
export interface ErrorActionResult {
  /** What happened, for a flag: e.g. "Queued again: 10042-3" or "Already gone: …". */
  outcome: string;
  /** False when the message was no longer on the list (someone else acted first). */
  resolved: boolean;
}

/** `retryAllSyncErrors({ connectionId })`: how many went back to their queue (they apply asynchronously; refresh to see what is left). */
export interface RetryAllResult {
  retried: number;
}

/** One audit log entry. */
export interface AuditRow {
  connectionId: string;
  at: string;
  /** accountId of an admin, or 'lockstep' for writes the app made. */
  actor: string;
  /** Display name of the actor, when Jira knows it. */
  actorName?: string;
  action: string;
  target: string | null;
  detail: string;
}

/** `listSyncAudit({ connectionId, cursor? })`: newest first, 50 a page. */
export interface AuditPage {
  entries: AuditRow[];
  cursor?: string;
}

/** `listSyncableProjects()`: projects of this site the caller administers, other than this one (same-site sync picker). */
export interface SyncableProjects {
  projects: Array<{ key: string; name: string }>;
}

/** `createInvitation()`. */
export interface CreatedInvitationData {
  connection: SettingsSync;
  /** The code to paste on the partner site (LSI1…). */
  code: string;
  /** ISO time the code stops working. */
  expiresAt: string;
}

/** `acceptInvitation({ code })` and `createSameSiteConnection({ partnerProjectKey })`. */
export interface CreatedConnectionData {
  connection: SettingsSync;
}

/** Whether the partner site heard of a state change or a deletion. */
export type PartnerNotifiedData = { notified: true } | { notified: false; reason: string };

/** `setConnectionState({ connectionId, state })`. */
export interface StateChangeData {
  connection: SettingsSync;
  partner: PartnerNotifiedData;
}

/** `deleteConnection({ connectionId })`. */
export interface DeletedConnectionData {
  deleted: string;
  partner: PartnerNotifiedData;
  pairsLeft: boolean;
}

/** `rotateSigningKey({ connectionId })` (src/forge/resolvers/keys.ts): never carries a key. */
export interface RotatedKeyData {
  connectionId: string;
  switched: boolean;
  /** When this side started signing with the new key (ISO). */
  rotatedAt: string;
  /** Until when the replaced key still verifies here (ISO). */
  previousKeyAcceptedUntil: string;
  /** Whether the partner confirmed its switch; if not, it switches with the first message signed with the new key. */
  partner: PartnerNotifiedData;
}

// Panel actions: `resyncIssue({ syncId })`, `retryIssueSync({ syncId })`, `syncThisIssue({ syncId })`,
// `pairWithExistingIssue({ syncId, partnerKey })`. The issue comes from the trusted context, never the payload.
export interface PanelActionResult {
  /** What happened, for the panel's flag: e.g. "Resync sent to DEV-12." */
  outcome: string;
}


// ---------------------------------------------------------------------------------------------------
// Migration (settings page, "Migration" tab): export/import configuration, pair lists, pairing, resync,
// reconciliation. Long work runs as background jobs (queue consumers + the five-minute tick), so the UI
// starts a job and polls `getSyncJob` until its state is final. Every payload names `connectionId`.
// ---------------------------------------------------------------------------------------------------

/** A downloadable file the server built: the UI saves `text` under `fileName`. */
export interface FileData {
  fileName: string;
  /** `application/json` or `text/csv`. */
  mimeType: string;
  text: string;
}

/** `exportSyncConfig({ connectionId })`: the versioned configuration document (docs/migration.md). */
export type ExportConfigData = FileData;

/**
 * `importSyncConfig({ connectionId, text })`: parses an exported configuration for this sync. Nothing is
 * saved: on success the UI loads `config` into the editor as unsaved changes (warnings show in their tabs,
 * "Apply all suggestions" fixes them), and the admin saves with the normal Save. `problems` name the path
 * (or line) and what was expected.
 */
export type ImportConfigResult =
  | { config: SyncConfig; source: { projectKey: string; partner: { site: string; projectKey: string }; exportedAt: string }; notes: string[] }
  | { problems: ConfigProblem[] };

/**
 * `exportPairs({ connectionId, format, cursor? })`: one piece of the synchronized-issues file. The UI calls
 * again with `cursor` until none comes back and concatenates `text` (pieces of up to 5,000 pairs).
 */
export interface PairExportPiece {
  fileName: string;
  mimeType: string;
  text: string;
  cursor?: string;
  /** Pairs written so far, for a progress line. */
  written: number;
}

/** `uploadPairFile({ connectionId, uploadId?, text, last })`: a file goes up in pieces of ≤ 200,000 characters; the first call returns the id the next ones name. */
export interface UploadData {
  uploadId: string;
  /** Characters received so far. */
  received: number;
}

export type JobKind = 'pair-preview' | 'pair-apply' | 'resync' | 'reconcile' | 'initial-sync';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One background job as the UI shows it. */
export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  /** Units done and total (issues for resync and reconciliation, claims for pairing); total null until known. */
  done: number;
  total: number | null;
  /** Seconds left at the current pace; null until it can be told. */
  etaSeconds: number | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** accountId of the admin who started it (or 'lockstep'). */
  startedBy: string;
  /** Why it failed, or problems of an input file (then nothing was changed). */
  error: string | null;
  problems: ConfigProblem[];
  /** One line summing up the outcome, once final; e.g. "Paired 500; 0 already paired; 0 problems". */
  summary: string | null;
  /** Whether a cancel was asked and not yet honoured. */
  cancelling: boolean;
}

/** `startPairPreview({ connectionId, source })`: pairs from an uploaded file, or automatic matching. */
export type PairSource =
  | { upload: string }
  | { match: 'key'; jql?: string }
  | { match: 'field'; localField: string; partnerField: string; jql?: string };

/** `startPairApply({ connectionId, previewJobId, acceptPartial })`: applies a finished preview's `pair` rows; refused when the preview found problems unless `acceptPartial`. */
export type { PlanCategory, PlanRow } from '../../src/domain/migration/types';
import type { PlanCategory, PlanRow } from '../../src/domain/migration/types';

/** `getPairPreview({ connectionId, jobId, category?, offset? })`: counts and one page (≤ 200) of rows. */
export interface PairPreviewPage {
  counts: Record<PlanCategory, number>;
  /** Which source the preview read, e.g. "lockstep-pairs-SUP-DEV.json (Lockstep pair list, 500 lines)". */
  source: string;
  rows: PlanRow[];
  /** Rows in the chosen category (all rows when none is chosen). */
  total: number;
  offset: number;
}

/**
 * `startResync({ connectionId, jql, fields, direction, mode?, since? })`: `fields` are local field ids of
 * mappings, plus `status`. `full` (the default) verifies every paired issue; `incremental` only the issues
 * updated on either side at or after `since` (ISO 8601 with offset).
 */
export interface ResyncRequest {
  jql: string;
  fields: string[];
  direction: 'to-partner' | 'from-partner';
  mode?: 'full' | 'incremental';
  since?: string;
}

/** What a finished resync did (`JobView.summary` says it in a line). */
export interface ResyncResult {
  read: number;
  paired: number;
  /** Issues written because a chosen field (or the status) differed, and the field writes. */
  issuesWritten: number;
  fieldsWritten: number;
  unchanged: number;
  failed: Array<{ key: string; reason: string }>;
}

/** `startReconcile({ connectionId })` then `getReconciliation({ connectionId, jobId })`. */
export interface ReconciliationReport {
  generatedAt: string;
  local: { projectKey: string; jql: string; issues: number; paired: number; unpaired: number; unpairedKeys: string[] };
  partner: { projectKey: string; jql: string; issues: number; paired: number; unpaired: number; unpairedKeys: string[] };
  pairs: { total: number; compared: number; dangling: number; danglingKeys: string[] };
  /** Pairs whose mapped fields differ, with the differing fields' names (first 1,000). */
  mismatches: { count: number; rows: Array<{ localKey: string; partnerKey: string; fields: string[] }> };
  /** The cutover checklist: every line must pass. */
  checks: Array<{ label: string; pass: boolean; detail: string }>;
  pass: boolean;
}

/** `getMigrationStatus({ connectionId })`: where the guided migration stands, step by step. */
export type MigrationStepKey = 'stop' | 'export-config' | 'download-pairs' | 'migrate' | 'import-config' | 'pair' | 'start' | 'resync' | 'reconcile';
export interface MigrationStep {
  key: MigrationStepKey;
  state: 'done' | 'todo' | 'running' | 'failed';
  /** e.g. "Exported 2026-11-21 10:02 by Ada", "500 pairs applied", "Report: 0 mismatches". */
  detail: string | null;
  /** The job behind a step, when there is one. */
  jobId: string | null;
}
export interface MigrationStatus {
  steps: MigrationStep[];
  /** Recent jobs of this sync, newest first. */
  jobs: JobView[];
}

/** Resolver names the UI calls, with their result types. */
export interface ResolverResults {
  getSettings: SettingsData;
  getIssueSync: IssueSyncData;
  getSyncConfig: SyncConfigData;
  getSyncCatalog: SyncCatalogData;
  saveSyncConfig: SaveConfigResult;
  getSyncHealth: SyncHealthData;
  listSyncErrors: SyncErrorRow[];
  actOnSyncError: ErrorActionResult;
  retryAllSyncErrors: RetryAllResult;
  listSyncAudit: AuditPage;
  listSyncableProjects: SyncableProjects;
  createInvitation: CreatedInvitationData;
  acceptInvitation: CreatedConnectionData;
  createSameSiteConnection: CreatedConnectionData;
  setConnectionState: StateChangeData;
  deleteConnection: DeletedConnectionData;
  rotateSigningKey: RotatedKeyData;
  resyncIssue: PanelActionResult;
  retryIssueSync: PanelActionResult;
  syncThisIssue: PanelActionResult;
  pairWithExistingIssue: PanelActionResult;
  exportSyncConfig: ExportConfigData;
  importSyncConfig: ImportConfigResult;
  exportPairs: PairExportPiece;
  uploadPairFile: UploadData;
  startPairPreview: JobView;
  getPairPreview: PairPreviewPage;
  startPairApply: JobView;
  startResync: JobView;
  startReconcile: JobView;
  /** `startInitialSync({ connectionId })`: shares this project's unpaired issues with the partner ("Sync existing issues"). */
  startInitialSync: JobView;
  getReconciliation: ReconciliationReport;
  exportReconciliation: FileData;
  getSyncJob: JobView;
  cancelSyncJob: JobView;
  getMigrationStatus: MigrationStatus;
}
