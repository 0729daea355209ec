/**
 * Runtime shape checks for resolver results, so a resolver/UI mismatch shows an error state
 * instead of crashing the render. Deliberately shallow-but-complete: every field the UI reads.
 */
import type {
  AuditPage,
  AuditRow,
  CreatedConnectionData,
  CreatedInvitationData,
  DeletedConnectionData,
  ErrorActionResult,
  HealthBucket,
  IssueSync,
  IssueSyncData,
  IssueSyncOffer,
  PartnerNotifiedData,
  RetryAllResult,
  RotatedKeyData,
  SettingsData,
  SettingsSync,
  StateChangeData,
  SyncableProjects,
  SyncErrorRow,
  SyncHealthData,
} from './types';

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const oneOf =
  <T extends string>(...values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isNonNegativeOrNull = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const arrayOf =
  <T>(item: (v: unknown) => v is T) =>
  (v: unknown): v is T[] =>
    Array.isArray(v) && v.every(item);

const isSyncState = oneOf('draft', 'running', 'paused', 'stopped');
const isIssueSyncStatus = oneOf('up-to-date', 'pending', 'error');

function hasSummaryFields(v: Rec): boolean {
  return (
    isString(v['id']) &&
    isString(v['partnerSite']) &&
    isString(v['partnerProject']) &&
    isSyncState(v['state']) &&
    isCount(v['pairs']) &&
    isStringOrNull(v['lastActivity']) &&
    isCount(v['openErrors'])
  );
}

export function isSettingsSync(v: unknown): v is SettingsSync {
  return isRecord(v) && hasSummaryFields(v) && isStringOrNull(v['direction']);
}

/**
 * The `connection` of a create / state-change result. The engine answers with its connection summary,
 * which may leave out `direction` (only `getSettings` reads the configuration): a missing direction is
 * accepted here and the UI keeps the one it already shows (see `mergeSync`).
 */
export function isConnectionSummary(v: unknown): v is SettingsSync {
  return isRecord(v) && hasSummaryFields(v) && (v['direction'] === undefined || isStringOrNull(v['direction']));
}

/** A sync from an action's result, merged over what the list showed: a direction left out keeps the shown one. */
export function mergeSync(result: SettingsSync, shown: SettingsSync | undefined): SettingsSync {
  const direction = (result.direction as string | null | undefined) ?? shown?.direction ?? null;
  return { ...result, direction };
}

export function isSettingsData(v: unknown): v is SettingsData {
  if (!isRecord(v) || !isRecord(v['project'])) return false;
  const project = v['project'];
  return (
    isString(project['key']) &&
    isString(project['name']) &&
    Array.isArray(v['syncs']) &&
    v['syncs'].every(isSettingsSync) &&
    isBoolean(v['licensed'])
  );
}

export function isIssueSync(v: unknown): v is IssueSync {
  return (
    isRecord(v) &&
    isString(v['syncId']) &&
    isStringOrNull(v['partnerKey']) &&
    isStringOrNull(v['partnerUrl']) &&
    isIssueSyncStatus(v['status']) &&
    isStringOrNull(v['lastSent']) &&
    isStringOrNull(v['lastReceived']) &&
    isStringOrNull(v['lastError']) &&
    (v['resync'] === undefined || isResyncProgress(v['resync']))
  );
}

/** `IssueSync.resync`: the progress of a resync job that has not reached the issue yet. */
function isResyncProgress(v: unknown): boolean {
  return isRecord(v) && isString(v['jobId']) && isCount(v['done']) && (v['total'] === null || isCount(v['total'])) && isNonNegativeOrNull(v['etaSeconds']);
}

export function isIssueSyncOffer(v: unknown): v is IssueSyncOffer {
  return isRecord(v) && isString(v['syncId']) && isString(v['partnerSite']) && isString(v['partnerProject']);
}

export function isIssueSyncData(v: unknown): v is IssueSyncData {
  return (
    isRecord(v) &&
    isRecord(v['issue']) &&
    isString(v['issue']['key']) &&
    Array.isArray(v['syncs']) &&
    v['syncs'].every(isIssueSync) &&
    Array.isArray(v['offers']) &&
    v['offers'].every(isIssueSyncOffer) &&
    isBoolean(v['canAct']) &&
    isBoolean(v['licensed'])
  );
}

// ---------------------------------------------------------------------------------------------------
// Settings page: connections, health, errors, audit.
// ---------------------------------------------------------------------------------------------------

const isDirection = oneOf('in', 'out');
const COUNTERS = ['sent', 'received', 'applied', 'failed', 'retried'] as const;

export function isPartnerNotifiedData(v: unknown): v is PartnerNotifiedData {
  if (!isRecord(v)) return false;
  return v['notified'] === true || (v['notified'] === false && isString(v['reason']));
}

export function isStateChangeData(v: unknown): v is StateChangeData {
  return isRecord(v) && isConnectionSummary(v['connection']) && isPartnerNotifiedData(v['partner']);
}

export function isDeletedConnectionData(v: unknown): v is DeletedConnectionData {
  return isRecord(v) && isString(v['deleted']) && isPartnerNotifiedData(v['partner']) && isBoolean(v['pairsLeft']);
}

const isTimestamp = (v: unknown): v is string => isString(v) && !Number.isNaN(Date.parse(v));

export function isRotatedKeyData(v: unknown): v is RotatedKeyData {
  return (
    isRecord(v) &&
    isString(v['connectionId']) &&
    isBoolean(v['switched']) &&
    isTimestamp(v['rotatedAt']) &&
    isTimestamp(v['previousKeyAcceptedUntil']) &&
    isPartnerNotifiedData(v['partner'])
  );
}

export function isCreatedConnectionData(v: unknown): v is CreatedConnectionData {
  return isRecord(v) && isConnectionSummary(v['connection']);
}

export function isCreatedInvitationData(v: unknown): v is CreatedInvitationData {
  return isRecord(v) && isConnectionSummary(v['connection']) && isString(v['code']) && isString(v['expiresAt']);
}

export function isSyncableProjects(v: unknown): v is SyncableProjects {
  return (
    isRecord(v) &&
    Array.isArray(v['projects']) &&
    v['projects'].every((p: unknown) => isRecord(p) && isString(p['key']) && isString(p['name']))
  );
}

export function isHealthBucket(v: unknown): v is HealthBucket {
  return isRecord(v) && isString(v['at']) && COUNTERS.every((c) => isCount(v[c])) && isNonNegativeOrNull(v['maxLagMs']);
}

export function isSyncHealthData(v: unknown): v is SyncHealthData {
  return (
    isRecord(v) &&
    isString(v['connectionId']) &&
    isRecord(v['counts']) &&
    COUNTERS.every((c) => isCount((v['counts'] as Rec)[c])) &&
    isStringOrNull(v['lastSentAt']) &&
    isStringOrNull(v['lastAppliedAt']) &&
    isNonNegativeOrNull(v['lagMs']) &&
    isCount(v['openErrors']) &&
    arrayOf(isHealthBucket)(v['history'])
  );
}

export function isSyncErrorRow(v: unknown): v is SyncErrorRow {
  return (
    isRecord(v) &&
    isDirection(v['direction']) &&
    isString(v['messageId']) &&
    isString(v['issueKey']) &&
    isString(v['kind']) &&
    isString(v['reason']) &&
    isString(v['firstAttemptAt']) &&
    isString(v['at']) &&
    isCount(v['attempts'])
  );
}

export const isSyncErrorRows: (v: unknown) => v is SyncErrorRow[] = arrayOf(isSyncErrorRow);

export function isErrorActionResult(v: unknown): v is ErrorActionResult {
  return isRecord(v) && isString(v['outcome']) && isBoolean(v['resolved']);
}

export function isRetryAllResult(v: unknown): v is RetryAllResult {
  return isRecord(v) && isCount(v['retried']);
}

export function isAuditRow(v: unknown): v is AuditRow {
  return (
    isRecord(v) &&
    isString(v['connectionId']) &&
    isString(v['at']) &&
    isString(v['actor']) &&
    (v['actorName'] === undefined || isString(v['actorName'])) &&
    isString(v['action']) &&
    isStringOrNull(v['target']) &&
    isString(v['detail'])
  );
}

export function isAuditPage(v: unknown): v is AuditPage {
  return (
    isRecord(v) &&
    arrayOf(isAuditRow)(v['entries']) &&
    (v['cursor'] === undefined || isString(v['cursor']))
  );
}
