/**
 * `kvs.query()` over keys and `entity().query()` over an index, with Forge's page sizes and opaque cursors.
 *
 * Entity `filters` are applied after the page is cut, as Forge documents ("in-memory filters … can
 * sometimes produce pages with no results, with cursor pointing to the next page"): callers must follow
 * `nextCursor` until it is absent, never stop at a short page.
 */
import { z } from 'zod';
import { checkFilters, checkOperands, compareScalars, matchesFilters, meets } from './conditions';
import type { CompiledEntity, CompiledIndex } from './entities';
import { KvsError, badRequest } from './errors';
import { itemView, type Namespace, type StoredItem } from './items';
import { MAX_QUERY_CONDITIONS, QUERY_DEFAULT_LIMIT, QUERY_MAX_LIMIT } from './limits';
import type { EntityQueryBody, MetadataField, queryBody } from './schemas';

type Scalar = string | number | boolean;

/** A page as Forge answers it (storage-api.js reads `data` and `cursor`). */
export interface QueryPage {
  data: Array<Record<string, unknown>>;
  cursor?: string;
}

const keyCursorSchema = z.object({ k: z.string() });
const indexCursorSchema = z.object({ i: z.string(), s: z.enum(['ASC', 'DESC']), r: z.union([z.string(), z.number(), z.boolean()]), k: z.string() });

function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor<S extends z.ZodType>(schema: S, cursor: string, field: string): z.infer<S> {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badRequest(`Provided request body is invalid: ${field}: not a cursor this query returned`);
  }
}

/** Serves `/api/v1/query`: keys in ascending order, optionally `BEGINS_WITH` a prefix ([query]; [errors] KVS query codes). */
export function queryKeys(space: Namespace, body: z.infer<typeof queryBody>, now: number): QueryPage {
  const limit = body.limit ?? QUERY_DEFAULT_LIMIT;
  if (limit < 1 || limit > QUERY_MAX_LIMIT) {
    throw new KvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be between 1 and ${QUERY_MAX_LIMIT}, received ${limit}.`);
  }
  const where = body.where ?? [];
  if (where.length > 1) throw new KvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  let prefix = '';
  const clause = where[0];
  if (clause) {
    if (clause.property !== 'key') throw new KvsError(400, 'QUERY_WHERE_FIELD_INVALID', `The field "${clause.property}" is not supported for filters: only "key" is.`);
    if (clause.condition !== 'BEGINS_WITH') throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition "${clause.condition}" is not supported for filters: only BEGINS_WITH is.`);
    const [operand] = clause.values;
    if (clause.values.length !== 1 || (typeof operand !== 'string' && typeof operand !== 'number')) {
      throw new KvsError(400, 'INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string value.');
    }
    prefix = String(operand);
  }
  const after = body.after === undefined ? undefined : decodeCursor(keyCursorSchema, body.after, 'after').k;
  // Every live key in ascending order, kept until the KVS changes. The keys that begin with a prefix are
  // one run of it (for a prefix without surrogates, where code-point and code-unit prefixes agree).
  const sorted = space.derived('keys', now, (live) => live.sort(([a], [b]) => compareScalars(a, b)));
  const contiguous = !/[\uD800-\uDFFF]/.test(prefix);
  let start = contiguous ? firstIndex(sorted.length, (i) => compareScalars((sorted[i] as [string, StoredItem])[0], prefix) >= 0) : 0;
  if (after !== undefined) start = Math.max(start, firstIndex(sorted.length, (i) => compareScalars((sorted[i] as [string, StoredItem])[0], after) > 0));
  // One row past the page tells whether there is a next page.
  const rows: Array<[string, StoredItem]> = [];
  for (let i = start; i < sorted.length && rows.length <= limit; i++) {
    const row = sorted[i] as [string, StoredItem];
    if (row[0].startsWith(prefix)) rows.push(row);
    else if (contiguous) break;
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const fields = body.options?.metadataFields;
  return {
    data: page.map(([key, item]) => itemView(key, item, fields)),
    ...(rows.length > page.length && last ? { cursor: encodeCursor({ k: last[0] }) } : {}),
  };
}

interface IndexRow {
  key: string;
  item: StoredItem;
  sortValue: Scalar;
}

/** Serves `/api/v1/entity/query` on one declared index ([query] storage-api-query-complex; [errors] entity query codes). */
export function queryEntity(space: Namespace, entity: CompiledEntity, body: EntityQueryBody, now: number): QueryPage {
  const index = entity.indexes.get(body.indexName);
  if (!index) {
    const known = [...entity.indexes.keys()].join(', ');
    throw new KvsError(400, 'INVALID_ENTITY_INDEX', `The custom entity index "${body.indexName}" is not declared for "${entity.name}" (declared: ${known}).`);
  }
  const limit = body.limit ?? QUERY_DEFAULT_LIMIT;
  if (limit < 1 || limit > QUERY_MAX_LIMIT) {
    throw new KvsError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${QUERY_MAX_LIMIT}, received ${limit}.`);
  }
  const partition = checkPartition(index, body.partition);
  if (body.range) checkOperands(body.range.condition, body.range.values, 'range');
  const filters = body.filters ? checkFilters(body.filters, 'filters') : undefined;
  const conditionCount = (body.range ? 1 : 0) + (filters?.items.length ?? 0);
  if (conditionCount > MAX_QUERY_CONDITIONS) throw badRequest(`A query can have at most ${MAX_QUERY_CONDITIONS} conditions, this one has ${conditionCount}.`);

  // The index rows this partition and range select, in ascending order, kept until the entity's items
  // change; a descending query reads them backwards (keys are unique, so that is exactly the DESC order).
  const shape = JSON.stringify([index.name, partition, body.range?.condition ?? null, body.range?.values ?? null]);
  const rows = space.derived(shape, now, (live) => {
    const selected: IndexRow[] = [];
    for (const [key, item] of live) {
      const record = item.value as Record<string, unknown>;
      const sortValue = index.range === null ? key : record[index.range];
      // An item lacking an index attribute is not in that index (a sparse index).
      if (sortValue === undefined || !isIndexScalar(sortValue)) continue;
      if (!partition.every((value, i) => record[index.partition[i] ?? ''] === value)) continue;
      if (body.range && !meets(body.range.condition, body.range.values, sortValue)) continue;
      selected.push({ key, item, sortValue });
    }
    return selected.sort(ascending);
  });

  const sort = body.sort ?? 'ASC';
  const count = rows.length;
  // `start` counts rows in query order (DESC: from the end of `rows`).
  let start = 0;
  if (body.cursor !== undefined) {
    const position = decodeCursor(indexCursorSchema, body.cursor, 'cursor');
    if (position.i !== index.name || position.s !== sort) throw badRequest('Provided request body is invalid: cursor: it belongs to another index or sort order');
    const after = { sortValue: position.r, key: position.k };
    start = sort === 'ASC'
      ? firstIndex(count, (i) => ascending(rows[i] as IndexRow, after) > 0)
      : count - firstIndex(count, (i) => ascending(rows[i] as IndexRow, after) >= 0);
  }
  const scanned: IndexRow[] = [];
  for (let n = start; n < Math.min(count, start + limit); n++) scanned.push(rows[sort === 'ASC' ? n : count - 1 - n] as IndexRow);
  const last = scanned[scanned.length - 1];
  const fields: readonly MetadataField[] | undefined = body.options?.metadataFields ?? body.metadataFields;
  return {
    data: scanned
      .filter((row) => !filters || matchesFilters(filters, row.item.value as Record<string, unknown>))
      .map((row) => itemView(row.key, row.item, fields)),
    ...(count > start + limit && last ? { cursor: encodeCursor({ i: index.name, s: sort, r: last.sortValue, k: last.key }) } : {}),
  };
}

/** Index order: by range value, then by key. */
function ascending(a: { sortValue: Scalar; key: string }, b: { sortValue: Scalar; key: string }): number {
  return compareScalars(a.sortValue, b.sortValue) || compareScalars(a.key, b.key);
}

/** The first index in 0..length at which `holds` is true, for a `holds` that is false, then true (binary search). */
function firstIndex(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function isIndexScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The partition values, one per partition attribute in declared order ([query] "you must set a value for each attribute"). */
function checkPartition(index: CompiledIndex, partition: readonly Scalar[] | undefined): readonly Scalar[] {
  const given = partition ?? [];
  if (given.length !== index.partition.length) {
    const wanted = index.partition.length === 0 ? 'no partition' : `a partition of ${index.partition.length} value(s): ${index.partition.join(', ')}`;
    throw badRequest(`Provided request body is invalid: partition: index "${index.name}" takes ${wanted}, received ${given.length}`);
  }
  return given;
}
