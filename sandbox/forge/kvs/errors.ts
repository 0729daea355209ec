/**
 * Forge-shaped storage errors: `{ code, message }` with the HTTP status Forge answers.
 *
 * Codes come from Atlassian's error tables ([errors] in limits.ts), from what `@forge/kvs` itself
 * expects (`KEY_NOT_FOUND` → `undefined`), or from the [probe]; `BAD_REQUEST` is used for refusals
 * Forge documents without naming a code (the SDK's own fixtures use it for an invalid body).
 */

/** One reply of the storage backend; `body: undefined` means an empty response body. */
export interface KvsReply {
  status: number;
  body?: unknown;
}

/** The error body Forge sends; `@forge/kvs` turns it into a `ForgeKvsAPIError` with the same `code`. */
export interface ForgeErrorBody {
  code: string;
  message: string;
}

/** A refusal that becomes a Forge error reply; thrown inside the store, never out of `handle()`. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  /** The body, as Forge sends it. */
  toBody(): ForgeErrorBody {
    return { code: this.code, message: this.message };
  }

  /** The whole reply. */
  toReply(): KvsReply {
    return { status: this.status, body: this.toBody() };
  }
}

/** 400 for a body that does not fit the endpoint, naming the field (code as in the SDK's own test fixtures). */
export const badRequest = (message: string): KvsError => new KvsError(400, 'BAD_REQUEST', message);

/** 404 `KEY_NOT_FOUND`, the code `@forge/kvs` maps to `undefined` (storage-api.js `handleKeyNotFound`). */
export const keyNotFound = (): KvsError => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');

/** [probe] 409 `KEY_CONFLICT` for `keyPolicy: 'FAIL_IF_EXISTS'` on a live key. */
export const keyConflict = (): KvsError => new KvsError(409, 'KEY_CONFLICT', 'Provided key already exists and cannot be overwritten');

/** [probe] 404 `SCHEMA_NOT_FOUND` for an entity the manifest does not declare. */
export const schemaNotFound = (entityName: string): KvsError =>
  new KvsError(404, 'SCHEMA_NOT_FOUND', `The schema provided does not exist: entity "${entityName}" is not declared in app.storage.entities`);

/** [probe] 400 `CONDITIONAL_CHECK_FAILED`: a transaction condition is false or a checked key is absent; nothing is written. */
export const conditionalCheckFailed = (detail: string): KvsError =>
  new KvsError(400, 'CONDITIONAL_CHECK_FAILED', `Request failed due to conditional check specified or optimistic locking: ${detail}`);

/** [errors] 429 `RATE_LIMIT_EXCEEDED`: "Any request that exceeds a quota or limit will return a 429 status". */
export const rateLimitExceeded = (detail: string): KvsError => new KvsError(429, 'RATE_LIMIT_EXCEEDED', `Rate limit exceeded: ${detail}`);

/** 500 for a bug in the emulator itself: `handle()` must answer, never throw. */
export const internalError = (cause: unknown): KvsReply => ({
  status: 500,
  body: { code: 'INTERNAL_SERVER_ERROR', message: `An internal server error has occurred: ${cause instanceof Error ? cause.message : String(cause)}` },
});
