/** Checks shared by every namespace: keys, value size and depth, TTL. Each throws a Forge-coded `KvsError`. */
import { KvsError } from './errors';
import { KEY_PATTERN, MAX_KEY_LENGTH, MAX_OBJECT_DEPTH, MAX_TTL_SECONDS, MAX_VALUE_BYTES, TTL_UNIT_SECONDS } from './limits';
import type { Ttl } from './schemas';

/** Which error table a key refusal follows: [errors] names the empty key differently for KVS and entities. */
export type KeySpace = 'kvs' | 'entity';

/** Refuses a key Forge would refuse ([limits] key format and length; [errors] codes). */
export function checkKey(key: string, space: KeySpace): void {
  if (key.length === 0) {
    throw space === 'entity'
      ? new KvsError(400, 'EMPTY_KEY', 'Key cannot be empty.')
      : new KvsError(400, 'KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new KvsError(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters (it has ${key.length}).`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsError(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN.source}`);
  }
}

/** UTF-8 bytes of a value's JSON text: how "240 KiB (in RAW)" is measured here. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** Nesting depth: a scalar is 0, `{a: 1}` and `[1]` are 1. */
export function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** Refuses a value over Forge's size or depth limit ([limits]; [errors] MAX_SIZE, MAX_DEPTH). */
export function checkValue(value: unknown): void {
  const bytes = jsonBytes(value);
  if (bytes > MAX_VALUE_BYTES) {
    throw new KvsError(400, 'MAX_SIZE', `The provided value has exceeded the maximum size limit: ${bytes} bytes, limit ${MAX_VALUE_BYTES}.`);
  }
  if (depthOf(value) > MAX_OBJECT_DEPTH) {
    throw new KvsError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_OBJECT_DEPTH}) limit.`);
  }
}

/** Milliseconds a TTL lasts, or refuses it ([probe] INVALID_TTL for a non-positive value; [kvs-api] at most one year). */
export function ttlMillis(ttl: Ttl): number {
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) {
    throw new KvsError(400, 'INVALID_TTL', `TTL value must be a positive integer, received: ${ttl.value}`);
  }
  const seconds = ttl.value * TTL_UNIT_SECONDS[ttl.unit];
  if (seconds > MAX_TTL_SECONDS) {
    throw new KvsError(400, 'INVALID_TTL', `TTL must not exceed 1 year (${MAX_TTL_SECONDS} seconds), received: ${ttl.value} ${ttl.unit}`);
  }
  return seconds * 1000;
}
