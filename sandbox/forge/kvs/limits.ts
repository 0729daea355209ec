/**
 * Every limit the local KVS enforces, in one place, each with the source it comes from.
 *
 * Sources (developer.atlassian.com/platform/forge/…, read 2026):
 * - [limits]   limits-kvs-ce — "KVS and Custom Entity Store limits"
 * - [errors]   storage-reference/handling-errors-kvs and handling-errors-customentities
 * - [kvs-api]  storage-reference/kvs-api — kvs.set options (TTL, key policy)
 * - [query]    runtime-reference/storage-api-query and storage-api-query-complex
 * - [batch]    storage-reference/batchops-entities
 * - [tx]       storage-reference/transactions
 * - [entities] runtime-reference/custom-entities — Limitations, Values, Indexes
 * - [manifest] node_modules/@forge/manifest/out/schema/manifest-schema.json, `app.storage.entities`
 * - [probe]    status and code answered by real Forge to a 24-case probe, as recorded in a public
 *              third-party emulator's notes (@forge/kvs 2.0.7). Second-hand: not verified by us.
 * Where two sources disagree the stricter value wins, so code that passes here passes on Forge.
 */

/** [limits] "Key length 500": maximum characters in a key. */
export const MAX_KEY_LENGTH = 500;
/** [limits] Key format `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/`; the `-` is moved last so it is a literal, as JS reads the original. */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]+$/;
/** [limits] "Value size 240 KiB … (in RAW)": measured as UTF-8 bytes of the value's JSON text. Secrets too ([kvs-api] "the same limitation is applied"). */
export const MAX_VALUE_BYTES = 240 * 1024;
/** [limits] "Object depth 31" ([errors] says 32; the stricter wins). A scalar has depth 0, `{a:1}` depth 1. */
export const MAX_OBJECT_DEPTH = 31;

/** [kvs-api] "The maximum supported TTL is 1 year from the time the expiry is set" (a year read as 365 days). */
export const MAX_TTL_SECONDS = 365 * 24 * 60 * 60;
/** [kvs-api] TTL units accepted by `ttl.unit`, in seconds. */
export const TTL_UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3_600, DAYS: 86_400 } as const;

/** [query] "The query API returns up to 10 values by default" (KVS and Custom Entity Store alike). */
export const QUERY_DEFAULT_LIMIT = 10;
/** [query] "…this can be increased to a maximum of 100"; [errors] COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE "between 1 and 100". */
export const QUERY_MAX_LIMIT = 100;
/** [limits] "each complex query can only have a maximum of 100 conditions" (where + filters). */
export const MAX_QUERY_CONDITIONS = 100;

/** [batch] "Each batch operation can contain a maximum of 25 keys." */
export const MAX_BATCH_ITEMS = 25;
/** [batch] "A single kvs.batchSet operation can be a payload of 4MB" (MB read as MiB: the bytes of the request's JSON). */
export const MAX_BATCH_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** [tx] "Each transaction can contain a maximum of 25 operations." */
export const MAX_TRANSACTION_OPERATIONS = 25;
/** [tx] "Each transaction is limited to a payload size of 4MB." */
export const MAX_TRANSACTION_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** [entities] "An app can have a maximum of 20 entities". */
export const MAX_ENTITIES = 20;
/** [entities] "Each entity can have a maximum of 7 custom indexes" (the automatic `by-key` index does not count). */
export const MAX_INDEXES_PER_ENTITY = 7;
/** [entities] "…and 50 attributes". */
export const MAX_ATTRIBUTES_PER_ENTITY = 50;
/** [entities] "Entity names cannot be shorter than 3 characters or longer than 60"; [manifest] minLength 3, maxLength 60. */
export const ENTITY_NAME_MIN_LENGTH = 3;
export const ENTITY_NAME_MAX_LENGTH = 60;
/** [manifest] entity name pattern (a-z0-9:-_. ; no leading `_ . -`; no `..`; no trailing `.`), the same rules as [entities]. */
export const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:_.-]*(?<!\.)$/;
/** [manifest] attribute names `^[a-zA-Z][a-zA-Z0-9_]*$` ([entities] also allows a leading `_`; the stricter wins). */
export const ATTRIBUTE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;
/** [manifest] "a maximum of 30 characters" ([entities] says 64; the stricter wins). */
export const ATTRIBUTE_NAME_MAX_LENGTH = 30;
/** [entities] index names: `a-zA-Z0-9:-_.`, not beginning or ending with `.`, no `..`, 3 to 50 characters. Applied to named indexes only. */
export const INDEX_NAME_PATTERN = /^(?!\.)(?!.*\.{2})[a-zA-Z0-9:_.-]+(?<!\.)$/;
export const INDEX_NAME_MIN_LENGTH = 3;
export const INDEX_NAME_MAX_LENGTH = 50;
/** [entities] "Forge automatically creates an index based on each entity's key … The key index's name is `by-key`." */
export const KEY_INDEX_NAME = 'by-key';
/** [entities] "The size of combined values for all range attributes on any defined index cannot exceed 900 bytes". */
export const MAX_RANGE_VALUE_BYTES = 900;
/** [entities] "…for all partition attributes on any defined index cannot exceed 1700 bytes". */
export const MAX_PARTITION_VALUE_BYTES = 1_700;
/** [entities] `integer` "Must be a 32-bit signed integer". */
export const INTEGER_MIN = -2_147_483_648;
export const INTEGER_MAX = 2_147_483_647;
/** [entities] `float` "must either be 0, or fall within … 1E-130 to 9.9999999999999999999999999999999999999E+125" (either sign). */
export const FLOAT_MIN_MAGNITUDE = 1e-130;
export const FLOAT_MAX_MAGNITUDE = 9.9999999999999999999999999999999999999e125;

/** [limits] "Operation limits per installation": what `rateLimit: FORGE_RATE_LIMITS` turns on (off by default). */
export const FORGE_RATE_LIMITS = {
  /** [limits] "Request rate (RPS) 1000". */
  requestsPerSecond: 1_000,
  /** [limits] "Read (10KB request per min) 4000". */
  readUnitsPerMinute: 4_000,
  /** [limits] "Write (10KB request per min) 4000". */
  writeUnitsPerMinute: 4_000,
  /** [limits] "Request sizes are rounded up to the nearest 10KB" (KB read as 1,024 bytes). */
  unitBytes: 10 * 1024,
} as const;

/** Not a Forge limit: how long after a change the store writes its file (the brief asks for ≤ 200 ms). */
export const PERSIST_DELAY_MS = 100;
