/**
 * Turns one row of a pair file, already oriented to this sync, into a claim, or into problems that
 * name the row and say what was expected. Shared by the Lockstep, Backbone and CSV readers.
 */
import { ISSUE_ID, parseIssueKey } from './issue-keys';
import { describeValue, type ProblemList } from './problems';
import type { PairClaim } from './types';

export interface SyncProjects {
  localProjectKey: string;
  partnerProjectKey: string;
}

/** One row as a reader found it: values oriented to this sync, labels as the file calls them (`local_key`, `remoteIssueKey`). */
export interface PairRow {
  line: number | null;
  source: string;
  localKey: unknown;
  partnerKey: unknown;
  localId?: unknown;
  partnerId?: unknown;
  labels: { localKey: string; partnerKey: string; localId?: string; partnerId?: string };
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The claim of `row`, or null after adding its problems to `problems`. */
export function claimOf(row: PairRow, sync: SyncProjects, problems: ProblemList): PairClaim | null {
  const { localProjectKey: L, partnerProjectKey: P } = sync;
  const before = problems.size;
  const local = issueKey(row, 'local', L, problems);
  const partner = issueKey(row, 'partner', P, problems);
  if (local && partner && local.project === P && partner.project === L) {
    problems.add(row.source, `${local.key} and ${partner.key} are the wrong way round: ${row.labels.localKey} should hold the ${L} issue and ${row.labels.partnerKey} the ${P} issue`);
  } else {
    if (local && local.project !== L) wrongProject(row, 'localKey', local, sync, problems);
    if (partner && partner.project !== P) wrongProject(row, 'partnerKey', partner, sync, problems);
  }
  const localId = issueId(row, 'localId', problems);
  const partnerId = issueId(row, 'partnerId', problems);
  if (problems.size > before || !local || !partner) return null;
  return {
    line: row.line,
    source: row.source,
    localKey: local.key,
    partnerKey: partner.key,
    ...(localId !== undefined ? { localId } : {}),
    ...(partnerId !== undefined ? { partnerId } : {}),
  };
}

function wrongProject(row: PairRow, side: 'localKey' | 'partnerKey', key: { key: string; project: string }, sync: SyncProjects, problems: ProblemList): void {
  const { localProjectKey: L, partnerProjectKey: P } = sync;
  const want = side === 'localKey' ? L : P;
  problems.add(row.source, key.project === L || key.project === P
    ? `${row.labels[side]} holds ${key.key}, an issue of ${key.project}; expected an issue of ${want}`
    : `${key.key} is not an issue of ${L} or ${P}`);
}

function issueKey(row: PairRow, side: 'local' | 'partner', project: string, problems: ProblemList): { key: string; project: string } | null {
  const value = side === 'local' ? row.localKey : row.partnerKey;
  const label = row.labels[side === 'local' ? 'localKey' : 'partnerKey'];
  if (!present(value)) {
    problems.add(row.source, `${label} is empty; expected an issue key such as ${project}-12`);
    return null;
  }
  const parsed = typeof value === 'string' ? parseIssueKey(value) : null;
  if (!parsed) problems.add(row.source, `${label} is ${describeValue(value)}, not an issue key; expected a key such as ${project}-12`);
  return parsed;
}

function issueId(row: PairRow, side: 'localId' | 'partnerId', problems: ProblemList): string | undefined {
  const value = row[side];
  if (!present(value)) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && ISSUE_ID.test(text.trim())) return text.trim();
  problems.add(row.source, `${row.labels[side] ?? side} is ${describeValue(value)}, not an issue id; expected digits such as 10042`);
  return undefined;
}
