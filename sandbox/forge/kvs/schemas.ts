/**
 * The request bodies `@forge/kvs` 1.6.5 sends (out/interfaces/kvs-api.d.ts), as zod schemas.
 *
 * Fields whose refusals Forge gives their own code (key format, query `where`, limits) are kept loose
 * here and checked later, so the reply carries that code instead of `BAD_REQUEST`.
 */
import { z } from 'zod';
import { badRequest } from './errors';

/** The metadata a read can ask for ([kvs-api] `MetadataField`). */
export const metadataFieldSchema = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
/** A metadata field name. */
export type MetadataField = z.infer<typeof metadataFieldSchema>;

const key = z.string();
const entityName = z.string();
/** Presence is required (zod answers a missing key); `null` is refused later with the same wording. */
const value = z.unknown();
const metadataFields = z.array(metadataFieldSchema);
const getOptions = z.object({ metadataFields: metadataFields.optional() });
const ttl = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const setOptions = z.object({ ttl: ttl.optional() });
const extendedSetOptions = setOptions.extend({
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: metadataFields.optional(),
});
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Conditions allowed in `filters` and transaction `conditions` (conditions.d.ts `FilterConditions`). */
export const filterConditionSchema = z.enum([
  'BEGINS_WITH', 'BETWEEN', 'CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO',
  'EXISTS', 'NOT_EXISTS', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
]);
/** A filter condition name. */
export type FilterCondition = z.infer<typeof filterConditionSchema>;
/** Conditions allowed on an index range (conditions.d.ts `WhereConditions`). */
export const rangeConditionSchema = z.enum(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

const filterItem = z.object({ property: z.string(), condition: filterConditionSchema, values: z.array(scalar) });
/** One filter condition on an attribute. */
export type FilterItem = z.infer<typeof filterItem>;
/** `{ and: [...] }` or `{ or: [...] }`; both or neither is refused with Forge's own codes, so both stay optional here. */
export const filtersSchema = z.object({ and: z.array(filterItem).optional(), or: z.array(filterItem).optional() });
/** A `filters` or `conditions` object. */
export type Filters = z.infer<typeof filtersSchema>;

/** `/api/v1/get` and `/api/v1/secret/get`. */
export const getBody = z.object({ key, options: getOptions.optional() });
/** `/api/v1/set` and `/api/v1/secret/set`. */
export const setBody = z.object({ key, value, options: extendedSetOptions.optional() });
/** `/api/v1/delete` and `/api/v1/secret/delete`. */
export const deleteBody = z.object({ key });
/** `/api/v1/entity/get`. */
export const entityGetBody = getBody.extend({ entityName });
/** `/api/v1/entity/set`. */
export const entitySetBody = setBody.extend({ entityName });
/** `/api/v1/entity/delete`. */
export const entityDeleteBody = deleteBody.extend({ entityName });
/** Options of a single set: TTL, key policy, what to return. */
export type SetOptions = z.infer<typeof extendedSetOptions>;
/** A relative time-to-live. */
export type Ttl = z.infer<typeof ttl>;

/** `/api/v1/query`. `where` items stay loose: their refusals have KVS codes (QUERY_WHERE_INVALID, INVALID_FILTER_CONDITION, …). */
export const queryBody = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) })).optional(),
  options: getOptions.optional(),
});

/** `/api/v1/entity/query`. */
export const entityQueryBody = z.object({
  entityName,
  indexName: z.string(),
  partition: z.array(scalar).optional(),
  range: z.object({ condition: rangeConditionSchema, values: z.array(scalar) }).optional(),
  filters: filtersSchema.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().optional(),
  // The SDK sends `options.metadataFields`; its request type also names a top-level one: take either.
  metadataFields: metadataFields.optional(),
  options: getOptions.optional(),
});
export type EntityQueryBody = z.infer<typeof entityQueryBody>;

/** `/api/v1/batch/set`, `/batch/get`, `/batch/delete`: the body is the bare array of items. */
export const batchSetBody = z.array(z.object({ entityName: entityName.optional(), key, value, options: setOptions.optional() }));
export const batchGetBody = z.array(z.object({ entityName: entityName.optional(), key, options: getOptions.optional() }));
export const batchDeleteBody = z.array(z.object({ entityName: entityName.optional(), key }));

/** `/api/v1/transaction` (utils/transaction-request-builder.js). */
export const transactionBody = z.object({
  set: z.array(z.object({ key, value, entityName: entityName.optional(), conditions: filtersSchema.optional(), options: setOptions.optional() })).optional(),
  delete: z.array(z.object({ key, entityName: entityName.optional(), conditions: filtersSchema.optional() })).optional(),
  check: z.array(z.object({ key, entityName: entityName.optional(), conditions: filtersSchema })).optional(),
});
/** A parsed transaction request. */
export type TransactionBody = z.infer<typeof transactionBody>;

/** Parses a body or throws a 400 `BAD_REQUEST` naming every field that does not fit. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    const message = issue.message.includes('expected nonoptional') ? 'is required' : issue.message;
    return `${field}: ${message}`;
  });
  throw badRequest(`Provided request body is invalid: ${problems.join('; ')}`);
}

/** Refuses a JSON `null` value: Forge stores strings, numbers, booleans, arrays and objects ([kvs-api] `kvs.set`). */
export function requireStorableValue(value: unknown, field = 'value'): void {
  if (value === null || value === undefined) {
    throw badRequest(`Provided request body is invalid: ${field}: must be a string, number, boolean, array or object`);
  }
}
