/**
 * Pair lists: which local issue is synced with which partner issue. Written by Lockstep as JSON or CSV
 * (streamed in chunks: a sync can hold a million pairs) and read back from those, from Backbone's
 * "synchronized issues" download, or from a hand-made CSV. A file with any problem yields no claims.
 */
import type { Pair } from '../../ports/pairs';
import { csvValue } from './csv';
import { CONFIG_EXPORT_FORMAT, PAIRS_FORMAT, PAIRS_VERSION, fileDate } from './formats';
import { parseJsonText, withoutBom } from './json-text';
import type { SyncProjects } from './pair-claims';
import { csvClaims } from './pair-read-csv';
import { backboneClaims, isBackboneDoc, lockstepClaims } from './pair-read-json';
import { ProblemList, describeValue, type FileProblem } from './problems';
import type { PairClaim } from './types';

export { PAIRS_FORMAT, PAIRS_VERSION };
export type { SyncProjects };

export interface PairListMeta {
  /** ISO time of the export. */
  exportedAt: string;
  sync: { id: string; local: { projectKey: string }; partner: { site: string; projectKey: string } };
  /** How many pairs the file lists (counted before writing). */
  total: number;
}

/** The JSON file up to the opening of the `pairs` array; entries follow, one per line. */
export function pairListJsonHead(meta: PairListMeta): string {
  return [
    '{',
    `  "format": ${JSON.stringify(PAIRS_FORMAT)},`,
    `  "version": ${PAIRS_VERSION},`,
    `  "exportedAt": ${JSON.stringify(meta.exportedAt)},`,
    `  "sync": ${JSON.stringify(meta.sync)},`,
    `  "total": ${meta.total},`,
    '  "pairs": [',
    '',
  ].join('\n');
}

/** One chunk of entries, one pair per line; `first` when no entry was written before this chunk. */
export function pairListJsonEntries(pairs: readonly Pair[], first: boolean): string {
  let out = '';
  pairs.forEach((p, i) => {
    const entry = {
      local: { id: p.localIssueId, key: p.localIssueKey },
      partner: { id: p.partnerIssueId, key: p.partnerIssueKey },
      firstSyncAt: p.firstSyncAt,
      lastSentAt: p.lastSentAt,
      lastReceivedAt: p.lastReceivedAt,
      status: p.status,
    };
    out += `${first && i === 0 ? '' : ',\n'}    ${JSON.stringify(entry)}`;
  });
  return out;
}

export function pairListJsonTail(): string {
  return '\n  ]\n}\n';
}

export const PAIR_CSV_COLUMNS = ['local_key', 'partner_key', 'local_id', 'partner_id', 'first_sync_at', 'last_sent_at', 'last_received_at', 'status'] as const;

export function pairListCsvHead(): string {
  return `${PAIR_CSV_COLUMNS.join(',')}\n`;
}

/** Rows for `pairs`, each ending in a line break, values quoted where RFC 4180 needs it. */
export function pairListCsvRows(pairs: readonly Pair[]): string {
  let out = '';
  for (const p of pairs) {
    const values = [p.localIssueKey, p.partnerIssueKey, p.localIssueId, p.partnerIssueId, p.firstSyncAt, p.lastSentAt, p.lastReceivedAt, p.status];
    out += `${values.map(csvValue).join(',')}\n`;
  }
  return out;
}

/** e.g. `lockstep-pairs-SUP-DEV-2026-11-21.csv`. */
export function pairListFileName(projectKey: string, partnerProjectKey: string, date: Date | string, kind: 'json' | 'csv'): string {
  return `lockstep-pairs-${projectKey}-${partnerProjectKey}-${fileDate(date)}.${kind}`;
}

export type PairFileFormat = 'lockstep' | 'backbone' | 'csv';
export type PairFileResult = { ok: true; format: PairFileFormat; claims: PairClaim[] } | { ok: false; problems: FileProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const NOT_A_PAIR_LIST = 'expected a Lockstep pair list ("format": "lockstep.pairs"), a Backbone list of synchronized issues ("firstConnector", "secondConnector") or a CSV file';

/**
 * Reads an uploaded pair list for this sync, whichever format it is, as claims oriented local = this
 * sync's project. Duplicate pairs and issues claimed twice are not problems here: the preview reports them.
 */
export function parsePairFile(text: string, sync: SyncProjects): PairFileResult {
  const body = withoutBom(text);
  const start = body.trimStart()[0];
  if (start === undefined) return { ok: false, problems: [{ at: 'file', message: 'The file is empty' }] };
  const problems = new ProblemList();
  let format: PairFileFormat = 'csv';
  let claims: PairClaim[];
  if (start === '{' || start === '[') {
    const json = parseJsonText(body);
    if (!json.ok) return { ok: false, problems: [json.problem] };
    const doc = json.value;
    if (isObject(doc) && doc.format === PAIRS_FORMAT) {
      format = 'lockstep';
      claims = lockstepClaims(doc, body, sync, problems);
    } else if (isObject(doc) && isBackboneDoc(doc)) {
      format = 'backbone';
      claims = backboneClaims(doc, body, sync, problems);
    } else {
      return { ok: false, problems: [foreignJson(doc)] };
    }
  } else {
    claims = csvClaims(body, sync, problems);
  }
  if (problems.size > 0) return { ok: false, problems: problems.list() };
  if (claims.length === 0) return { ok: false, problems: [{ at: 'file', message: 'The file lists no pairs' }] };
  return { ok: true, format, claims };
}

function foreignJson(doc: unknown): FileProblem {
  if (isObject(doc) && doc.format === CONFIG_EXPORT_FORMAT) {
    return { at: 'format', message: 'This is a configuration export; upload it under "Import configuration"' };
  }
  if (isObject(doc) && typeof doc.format === 'string') return { at: 'format', message: `This is not a pair list: its format is ${describeValue(doc.format)}; ${NOT_A_PAIR_LIST}` };
  return { at: 'file', message: `This JSON file is not a pair list Lockstep knows (${isObject(doc) ? 'no "format" and no Backbone blocks' : `it holds ${describeValue(doc)}`}): ${NOT_A_PAIR_LIST}` };
}
