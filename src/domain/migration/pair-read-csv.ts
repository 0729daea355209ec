/**
 * A pair list as CSV: from Lockstep's own export or written by hand. The first line may be a header:
 * with `local_key` and `partner_key` columns they are used by name (and `local_id`, `partner_id` if
 * present), otherwise the first two columns are the local and the partner key.
 */
import { csvRecords, detectDelimiter } from './csv';
import { parseIssueKey, projectOfKey } from './issue-keys';
import { claimOf, type SyncProjects } from './pair-claims';
import type { ProblemList } from './problems';
import type { PairClaim } from './types';

interface Columns {
  localKey: number;
  partnerKey: number;
  localId: number | null;
  partnerId: number | null;
  /** How the file calls each column, for problems; swapped for a file listing the partner's keys first. */
  names: Names;
  swappedNames: Names;
}

type Names = { localKey: string; partnerKey: string; localId: string; partnerId: string };

const swapNames = (n: Names): Names => ({ localKey: n.partnerKey, partnerKey: n.localKey, localId: n.partnerId, partnerId: n.localId });

// A plain function, not a closure per row: this runs for every row of a 100,000-line file.
function cell(fields: readonly string[], i: number | null): string | undefined {
  return i === null ? undefined : fields[i];
}

const NAMED: Names = { localKey: 'local_key', partnerKey: 'partner_key', localId: 'local_id', partnerId: 'partner_id' };
const POSITIONAL_NAMES: Names = { localKey: 'column 1', partnerKey: 'column 2', localId: 'column 3', partnerId: 'column 4' };
const POSITIONAL: Columns = { localKey: 0, partnerKey: 1, localId: null, partnerId: null, names: POSITIONAL_NAMES, swappedNames: swapNames(POSITIONAL_NAMES) };

export function csvClaims(text: string, sync: SyncProjects, problems: ProblemList): PairClaim[] {
  const claims: PairClaim[] = [];
  let columns: Columns | null = null;
  let swap: boolean | null = null;
  for (const record of csvRecords(text, detectDelimiter(text))) {
    if (!('fields' in record)) {
      problems.add(`line ${record.line}`, 'a quoted value starts here and is never closed (expected a closing ")');
      break;
    }
    const { line, fields } = record;
    if (columns === null) {
      const header = headerColumns(fields);
      if (header === 'missing') {
        problems.add(`line ${line}`, `the header names ${fields.some((f) => norm(f) === 'local_key') ? 'local_key but no partner_key' : 'partner_key but no local_key'} column; expected both`);
        return [];
      }
      columns = header ?? POSITIONAL;
      if (header !== null || !looksLikeData(fields)) continue;
    }
    const source = `line ${line}`;
    const width = Math.max(columns.localKey, columns.partnerKey) + 1;
    if (fields.length < width) {
      const missing = fields.length <= columns.localKey ? columns.names.localKey : columns.names.partnerKey;
      problems.add(source, `expected ${width} columns, found ${fields.length}: ${missing} is missing`);
      continue;
    }
    // The first row decides the orientation: a file downloaded from the partner's side lists its keys first.
    swap ??= projectOfKey(fields[columns.localKey]) === sync.partnerProjectKey && projectOfKey(fields[columns.partnerKey]) === sync.localProjectKey;
    const c = columns;
    const claim = swap
      ? claimOf({
        line, source, localKey: cell(fields, c.partnerKey), partnerKey: cell(fields, c.localKey), localId: cell(fields, c.partnerId), partnerId: cell(fields, c.localId),
        labels: c.swappedNames,
      }, sync, problems)
      : claimOf({
        line, source, localKey: cell(fields, c.localKey), partnerKey: cell(fields, c.partnerKey), localId: cell(fields, c.localId), partnerId: cell(fields, c.partnerId),
        labels: c.names,
      }, sync, problems);
    if (claim) claims.push(claim);
  }
  return claims;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Columns named by a header line; null when the line is not a named header, 'missing' when it names only one key column. */
function headerColumns(fields: readonly string[]): Columns | null | 'missing' {
  const names = fields.map(norm);
  const at = (name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? null : i;
  };
  const localKey = at('local_key');
  const partnerKey = at('partner_key');
  if (localKey === null && partnerKey === null) return null;
  if (localKey === null || partnerKey === null) return 'missing';
  return { localKey, partnerKey, localId: at('local_id'), partnerId: at('partner_id'), names: NAMED, swappedNames: swapNames(NAMED) };
}

/** A first line that names no key in its first two columns is a header of its own words (e.g. "Ticket,Bug"). */
const looksLikeData = (fields: readonly string[]): boolean =>
  parseIssueKey(fields[0] ?? '') !== null || parseIssueKey(fields[1] ?? '') !== null;
