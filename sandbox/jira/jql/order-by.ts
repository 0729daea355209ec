/** ORDER BY: validates sort fields and builds a comparator with Jira's ordering of each type and of EMPTY. */
import type { JqlOrderBy } from './ast';
import { toEpochMillis } from './dates';
import { duplicateSortError, notSortableError } from './errors';
import type { FieldResolver } from './fields';
import { compareIssueKeys, parseIssueKey } from './issue-keys';
import type { JqlFieldType, JqlIssueView } from './types';

/** What `JqlIssueView.sortValue` returns. */
export type SortValue = string | number | Date | null;

/** Compiles ORDER BY keys into a comparator (0 when there are none). Throws JqlError for unknown/unsortable/repeated fields. */
export function compileOrderBy(
  orderBy: readonly JqlOrderBy[],
  resolve: FieldResolver,
): (a: JqlIssueView, b: JqlIssueView) => number {
  const seen = new Set<string>();
  const keys = orderBy.map(({ field: name, direction }) => {
    const field = resolve(name);
    if (!field.orderable) throw notSortableError(name);
    if (seen.has(field.id)) throw duplicateSortError(name);
    seen.add(field.id);
    return { id: field.id, type: field.type, sign: direction === 'DESC' ? -1 : 1 };
  });
  return (a, b) => {
    for (const key of keys) {
      const order = compareSortValues(a.sortValue(key.id), b.sortValue(key.id), key.type);
      if (order !== 0) return order * key.sign;
    }
    return 0;
  };
}

/**
 * Ascending order of two sort values of a field: EMPTY last, dates and numbers numerically, issue keys by
 * project then number, everything else as case-insensitive strings (numbers before strings when mixed).
 */
export function compareSortValues(a: SortValue, b: SortValue, type: JqlFieldType): number {
  const aEmpty = a === null || a === '';
  const bEmpty = b === null || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (type === 'issuekey' && typeof a === 'string' && typeof b === 'string') {
    const aKey = parseIssueKey(a);
    const bKey = parseIssueKey(b);
    if (aKey && bKey) return compareIssueKeys(aKey, bKey);
  }
  const aNumber = sortNumber(a, type);
  const bNumber = sortNumber(b, type);
  if (aNumber !== undefined && bNumber !== undefined) return Math.sign(aNumber - bNumber);
  if (aNumber !== undefined || bNumber !== undefined) return aNumber !== undefined ? -1 : 1;
  const aText = String(a).toLowerCase();
  const bText = String(b).toLowerCase();
  return aText === bText ? 0 : aText < bText ? -1 : 1;
}

function sortNumber(value: string | number | Date, type: JqlFieldType): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (type === 'date' || type === 'datetime') return toEpochMillis(value);
  if (type === 'number' || type === 'id') {
    const parsed = Number(value.trim());
    return value.trim() !== '' && Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}
