/**
 * Runtime shape checks of the migration resolvers' answers (types in static/shared/types.ts), so a
 * mismatch with the server becomes an error state, not a crash. Every field the tab reads is checked.
 */
import { PLAN_CATEGORIES } from '../../../../src/domain/migration/types';
import type {
  ConfigProblem,
  FileData,
  JobView,
  MigrationStatus,
  MigrationStep,
  PairExportPiece,
  PairPreviewPage,
  PlanRow,
  ReconciliationReport,
  UploadData,
} from '../../../shared/types';

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isCountOrNull = (v: unknown): v is number | null => v === null || isCount(v);
const isSecondsOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const oneOf =
  <T extends string>(...values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);
const arrayOf =
  <T>(item: (v: unknown) => v is T) =>
  (v: unknown): v is T[] =>
    Array.isArray(v) && v.every(item);

export function isConfigProblem(v: unknown): v is ConfigProblem {
  return isRecord(v) && isString(v['at']) && isString(v['message']);
}
export const isConfigProblems = arrayOf(isConfigProblem);

export function isFileData(v: unknown): v is FileData {
  return isRecord(v) && isString(v['fileName']) && isString(v['mimeType']) && isString(v['text']);
}

export function isPairExportPiece(v: unknown): v is PairExportPiece {
  if (!isFileData(v)) return false;
  const r = v as unknown as Rec;
  return (r['cursor'] === undefined || isString(r['cursor'])) && isCount(r['written']);
}

export function isUploadData(v: unknown): v is UploadData {
  return isRecord(v) && isString(v['uploadId']) && v['uploadId'] !== '' && isCount(v['received']);
}

const isJobKind = oneOf('pair-preview', 'pair-apply', 'resync', 'reconcile', 'initial-sync');
const isJobState = oneOf('queued', 'running', 'done', 'failed', 'cancelled');

export function isJobView(v: unknown): v is JobView {
  return (
    isRecord(v) &&
    isString(v['id']) &&
    isJobKind(v['kind']) &&
    isJobState(v['state']) &&
    isCount(v['done']) &&
    isCountOrNull(v['total']) &&
    isSecondsOrNull(v['etaSeconds']) &&
    isString(v['startedAt']) &&
    isString(v['updatedAt']) &&
    isStringOrNull(v['finishedAt']) &&
    isString(v['startedBy']) &&
    isStringOrNull(v['error']) &&
    isConfigProblems(v['problems']) &&
    isStringOrNull(v['summary']) &&
    isBoolean(v['cancelling'])
  );
}

const isPlanCategory = oneOf(...PLAN_CATEGORIES);

export function isPlanRow(v: unknown): v is PlanRow {
  return (
    isRecord(v) &&
    isCountOrNull(v['line']) &&
    isString(v['source']) &&
    isPlanCategory(v['category']) &&
    isString(v['localKey']) &&
    isString(v['partnerKey']) &&
    isStringOrNull(v['localId']) &&
    isStringOrNull(v['partnerId']) &&
    isString(v['reason'])
  );
}

export function isPairPreviewPage(v: unknown): v is PairPreviewPage {
  return (
    isRecord(v) &&
    isRecord(v['counts']) &&
    PLAN_CATEGORIES.every((c) => isCount((v['counts'] as Rec)[c])) &&
    isString(v['source']) &&
    arrayOf(isPlanRow)(v['rows']) &&
    isCount(v['total']) &&
    isCount(v['offset'])
  );
}

const isStrings = arrayOf(isString);

function isSide(v: unknown): boolean {
  return (
    isRecord(v) &&
    isString(v['projectKey']) &&
    isString(v['jql']) &&
    isCount(v['issues']) &&
    isCount(v['paired']) &&
    isCount(v['unpaired']) &&
    isStrings(v['unpairedKeys'])
  );
}

const isMismatch = (v: unknown): v is { localKey: string; partnerKey: string; fields: string[] } =>
  isRecord(v) && isString(v['localKey']) && isString(v['partnerKey']) && isStrings(v['fields']);
const isCheck = (v: unknown): v is { label: string; pass: boolean; detail: string } =>
  isRecord(v) && isString(v['label']) && isBoolean(v['pass']) && isString(v['detail']);

export function isReconciliationReport(v: unknown): v is ReconciliationReport {
  if (!isRecord(v) || !isRecord(v['pairs']) || !isRecord(v['mismatches'])) return false;
  const pairs = v['pairs'];
  const mismatches = v['mismatches'];
  return (
    isString(v['generatedAt']) &&
    isSide(v['local']) &&
    isSide(v['partner']) &&
    isCount(pairs['total']) &&
    isCount(pairs['compared']) &&
    isCount(pairs['dangling']) &&
    isStrings(pairs['danglingKeys']) &&
    isCount(mismatches['count']) &&
    arrayOf(isMismatch)(mismatches['rows']) &&
    arrayOf(isCheck)(v['checks']) &&
    isBoolean(v['pass'])
  );
}

const isStepKey = oneOf('stop', 'export-config', 'download-pairs', 'migrate', 'import-config', 'pair', 'start', 'resync', 'reconcile');
const isStepState = oneOf('done', 'todo', 'running', 'failed');

export function isMigrationStep(v: unknown): v is MigrationStep {
  return isRecord(v) && isStepKey(v['key']) && isStepState(v['state']) && isStringOrNull(v['detail']) && isStringOrNull(v['jobId']);
}

export function isMigrationStatus(v: unknown): v is MigrationStatus {
  return isRecord(v) && arrayOf(isMigrationStep)(v['steps']) && arrayOf(isJobView)(v['jobs']);
}
