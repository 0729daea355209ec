/**
 * Runtime shape checks for resolver results, so a resolver/UI mismatch shows an error state
 * instead of crashing the render. Deliberately shallow-but-complete: every field the UI reads.
 */
import type { IssueSync, IssueSyncData, SettingsData, SettingsSync } from './types';

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const oneOf =
  <T extends string>(...values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

const isSyncState = oneOf('draft', 'running', 'paused', 'stopped');
const isIssueSyncStatus = oneOf('up-to-date', 'pending', 'error');

export function isSettingsSync(v: unknown): v is SettingsSync {
  return (
    isRecord(v) &&
    isString(v['id']) &&
    isString(v['partnerSite']) &&
    isString(v['partnerProject']) &&
    isSyncState(v['state']) &&
    isCount(v['pairs']) &&
    isStringOrNull(v['lastActivity']) &&
    isCount(v['openErrors'])
  );
}

export function isSettingsData(v: unknown): v is SettingsData {
  if (!isRecord(v) || !isRecord(v['project'])) return false;
  const project = v['project'];
  return (
    isString(project['key']) &&
    isString(project['name']) &&
    Array.isArray(v['syncs']) &&
    v['syncs'].every(isSettingsSync)
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
    isStringOrNull(v['lastError'])
  );
}

export function isIssueSyncData(v: unknown): v is IssueSyncData {
  return (
    isRecord(v) &&
    isRecord(v['issue']) &&
    isString(v['issue']['key']) &&
    Array.isArray(v['syncs']) &&
    v['syncs'].every(isIssueSync)
  );
}
