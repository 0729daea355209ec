/**
 * The local Forge storage backend: answers the requests the real `@forge/kvs` package sends through
 * `global.__forge_fetch__` (POST /api/v1/…), with Forge's response shapes, error codes and limits.
 * One store is one app installation. See docs/decisions/0004-local-forge-kvs.md.
 */
import { checkFilters, matchesFilters, type CheckedFilters } from './conditions';
import { checkEntityValue, compileEntities, resolveEntity, type CompiledEntity, type EntityDeclaration } from './entities';
import { KvsError, badRequest, conditionalCheckFailed, internalError, keyConflict, keyNotFound, type KvsReply } from './errors';
import { itemView, Namespace, type StoredItem } from './items';
import { MAX_BATCH_ITEMS, MAX_BATCH_PAYLOAD_BYTES, MAX_TRANSACTION_OPERATIONS, MAX_TRANSACTION_PAYLOAD_BYTES, PERSIST_DELAY_MS } from './limits';
import { readSnapshot, writeSnapshot, type Snapshot } from './persist';
import { queryEntity, queryKeys } from './queries';
import { RateLimiter, type OperationKind, type RateLimitOptions } from './rate-limit';
import {
  batchDeleteBody, batchGetBody, batchSetBody, deleteBody, entityDeleteBody, entityGetBody, entityQueryBody, entitySetBody,
  getBody, parseBody, queryBody, requireStorableValue, setBody, transactionBody, type SetOptions,
} from './schemas';
import { checkKey, checkValue, jsonBytes, ttlMillis, type KeySpace } from './validation';

export type { KvsReply } from './errors';
export type { EntityDeclaration, AttributeType } from './entities';
export type { RateLimitOptions } from './rate-limit';
export { entityDeclarationsOf } from './entities';
export { FORGE_RATE_LIMITS } from './limits';

/** How a store starts. */
export interface KvsStoreOptions {
  /** Custom entities, as `entityDeclarationsOf(manifest)` reads them. */
  entities?: EntityDeclaration[];
  /** JSON file to load on start and write changes to; without it the store lives in memory only. */
  file?: string;
  /** Clock in Unix ms (TTL expiry, metadata times, rate windows); `Date.now` by default. */
  now?: () => number;
  /** Per-installation throughput limits; off by default. Pass `FORGE_RATE_LIMITS` for Forge's. */
  rateLimit?: RateLimitOptions;
}

type Handler = (body: unknown, now: number) => KvsReply;

/** Where an item lives: the KVS, or one custom entity. */
interface Target {
  space: Namespace;
  keySpace: KeySpace;
  entity?: CompiledEntity;
}

const OK_EMPTY: KvsReply = { status: 204 };
const ok = (body: unknown): KvsReply => ({ status: 200, body });

/** Paths that only read; everything else is metered as a write ([tx] a transaction is "a single Write operation"). */
const READ_PATHS = new Set(['/api/v1/get', '/api/v1/query', '/api/v1/batch/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/entity/query']);

/** A local stand-in for one installation's Forge Key-Value Store, Custom Entity Store and secrets. */
export class KvsStore {
  private readonly kvs = new Namespace();
  private readonly secrets = new Namespace();
  private readonly entityData = new Map<string, Namespace>();
  private readonly entities: ReadonlyMap<string, CompiledEntity>;
  private readonly now: () => number;
  private readonly file: string | undefined;
  private readonly limiter: RateLimiter | undefined;
  private readonly routes: ReadonlyMap<string, Handler>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();

  /** Throws if an entity declaration breaks Forge's rules or `file` exists but is not a store file. */
  constructor(options: KvsStoreOptions = {}) {
    this.entities = compileEntities(options.entities ?? []);
    this.now = options.now ?? Date.now;
    this.file = options.file;
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
    this.routes = new Map<string, Handler>([
      ['/api/v1/get', (b, now) => this.get(this.kvs, 'kvs', b, now)],
      ['/api/v1/set', (b, now) => this.set({ space: this.kvs, keySpace: 'kvs' }, b, now)],
      ['/api/v1/delete', (b, now) => this.remove(this.kvs, 'kvs', parseBody(deleteBody, b).key, now)],
      ['/api/v1/secret/get', (b, now) => this.get(this.secrets, 'kvs', b, now)],
      ['/api/v1/secret/set', (b, now) => this.set({ space: this.secrets, keySpace: 'kvs' }, b, now)],
      ['/api/v1/secret/delete', (b, now) => this.remove(this.secrets, 'kvs', parseBody(deleteBody, b).key, now)],
      ['/api/v1/query', (b, now) => ok(queryKeys(this.kvs, parseBody(queryBody, b), now))],
      ['/api/v1/entity/get', (b, now) => this.get(this.target(parseBody(entityGetBody, b).entityName).space, 'entity', b, now)],
      ['/api/v1/entity/set', (b, now) => this.set(this.target(parseBody(entitySetBody, b).entityName), b, now)],
      ['/api/v1/entity/delete', (b, now) => {
        const body = parseBody(entityDeleteBody, b);
        return this.remove(this.target(body.entityName).space, 'entity', body.key, now);
      }],
      ['/api/v1/entity/query', (b, now) => {
        const body = parseBody(entityQueryBody, b);
        const target = this.target(body.entityName);
        return ok(queryEntity(target.space, target.entity as CompiledEntity, body, now));
      }],
      ['/api/v1/batch/set', (b, now) => this.batchSet(b, now)],
      ['/api/v1/batch/get', (b, now) => this.batchGet(b, now)],
      ['/api/v1/batch/delete', (b, now) => this.batchDelete(b, now)],
      ['/api/v1/transaction', (b, now) => this.transact(b, now)],
    ]);
    const snapshot = this.file === undefined ? undefined : readSnapshot(this.file);
    if (snapshot) this.restore(snapshot);
  }

  /** Serves one SDK request (path like '/api/v1/set', body already JSON-parsed). Never throws: failures are Forge-shaped error replies. */
  handle(path: string, body: unknown): KvsReply {
    try {
      const handler = this.routes.get(path);
      if (!handler) return new KvsError(404, 'NOT_FOUND', `No storage operation at POST ${path}`).toReply();
      const now = this.now();
      const kind: OperationKind = READ_PATHS.has(path) ? 'read' : 'write';
      this.limiter?.admit(kind, now);
      const reply = handler(body, now);
      this.limiter?.charge(kind, jsonBytes(kind === 'read' ? reply.body : body), now);
      return reply;
    } catch (error) {
      return error instanceof KvsError ? error.toReply() : internalError(error);
    }
  }

  /** Writes pending changes to `file` now (atomic: write temp + rename). No-op without a file. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const file = this.file;
    if (file === undefined) return;
    const run = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeSnapshot(file, this.snapshot());
      } catch (cause) {
        this.dirty = true;
        throw new Error(`Local Forge KVS could not write ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Writes what is pending and stops the write timer; the store still answers, in memory, afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  // ── single-key operations ───────────────────────────────────────────────────────────────────────

  private get(space: Namespace, keySpace: KeySpace, raw: unknown, now: number): KvsReply {
    const body = parseBody(getBody, raw);
    checkKey(body.key, keySpace);
    const item = space.get(body.key, now);
    if (!item) throw keyNotFound();
    return ok(itemView(body.key, item, body.options?.metadataFields));
  }

  private set(target: Target, raw: unknown, now: number): KvsReply {
    const body = parseBody(setBody, raw);
    const item = this.prepareWrite(target, body.key, body.value, body.options, now, 'value');
    const options = body.options;
    if (options?.returnValue !== undefined && options.keyPolicy === 'FAIL_IF_EXISTS') {
      throw badRequest("Provided request body is invalid: options.returnValue: needs keyPolicy 'OVERRIDE' (or none)");
    }
    if (options?.returnMetadataFields !== undefined && options.returnValue === undefined) {
      throw badRequest('Provided request body is invalid: options.returnMetadataFields: needs options.returnValue');
    }
    const previous = target.space.get(body.key, now);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && previous) throw keyConflict();
    const stored = this.store(target.space, body.key, item, previous);
    const fields = options?.returnMetadataFields;
    if (options?.returnValue === 'LATEST') return ok(itemView(body.key, stored, fields));
    if (options?.returnValue === 'PREVIOUS' && previous) return ok(itemView(body.key, previous, fields));
    return OK_EMPTY;
  }

  /** [kvs-api] "Deletes a value by key, this succeeds whether the key exists or not." */
  private remove(space: Namespace, keySpace: KeySpace, key: string, now: number): KvsReply {
    checkKey(key, keySpace);
    if (space.delete(key, now)) this.changed();
    return OK_EMPTY;
  }

  /** Checks a write fully and returns the item to store (times filled in by `store`). */
  private prepareWrite(target: Target, key: string, value: unknown, options: Pick<SetOptions, 'ttl'> | undefined, now: number, field: string): StoredItem {
    checkKey(key, target.keySpace);
    requireStorableValue(value, field);
    checkValue(value);
    if (target.entity) checkEntityValue(target.entity, value);
    const expireAt = options?.ttl ? now + ttlMillis(options.ttl) : undefined;
    return { value, createdAt: now, updatedAt: now, ...(expireAt === undefined ? {} : { expireAt }) };
  }

  /** Stores an item, keeping the creation time of the live item it replaces. */
  private store(space: Namespace, key: string, item: StoredItem, previous: StoredItem | undefined): StoredItem {
    const stored = previous ? { ...item, createdAt: previous.createdAt } : item;
    space.set(key, stored);
    this.changed();
    return stored;
  }

  /** The KVS (no entity name) or a declared entity's keyspace; refuses a malformed or undeclared entity. */
  private target(entityName: string | undefined): Target {
    if (entityName === undefined) return { space: this.kvs, keySpace: 'kvs' };
    const entity = resolveEntity(this.entities, entityName);
    return { space: this.entitySpace(entity.name), keySpace: 'entity', entity };
  }

  private entitySpace(name: string): Namespace {
    let space = this.entityData.get(name);
    if (!space) this.entityData.set(name, (space = new Namespace()));
    return space;
  }

  // ── batches: each item succeeds or fails on its own ([batch]) ──────────────────────────────────

  private batchSet(raw: unknown, now: number): KvsReply {
    const items = parseBody(batchSetBody, raw);
    checkBatch(items, 'set', raw);
    return eachEntry(items, (entry, i) => {
      const target = this.target(entry.entityName);
      const item = this.prepareWrite(target, entry.key, entry.value, entry.options, now, `[${i}].value`);
      this.store(target.space, entry.key, item, target.space.get(entry.key, now));
      return withEntity({ key: entry.key }, entry.entityName);
    });
  }

  private batchGet(raw: unknown, now: number): KvsReply {
    const items = parseBody(batchGetBody, raw);
    checkBatch(items, 'get', raw);
    return eachEntry(items, (entry) => {
      const target = this.target(entry.entityName);
      checkKey(entry.key, target.keySpace);
      const item = target.space.get(entry.key, now);
      if (!item) throw keyNotFound();
      return withEntity(itemView(entry.key, item, entry.options?.metadataFields), entry.entityName);
    });
  }

  /** A missing key is reported in `failedKeys` as KEY_NOT_FOUND, as the SDK's own fixtures show. */
  private batchDelete(raw: unknown, now: number): KvsReply {
    const items = parseBody(batchDeleteBody, raw);
    checkBatch(items, 'delete', raw);
    return eachEntry(items, (entry) => {
      const target = this.target(entry.entityName);
      checkKey(entry.key, target.keySpace);
      if (!target.space.delete(entry.key, now)) throw keyNotFound();
      this.changed();
      return withEntity({ key: entry.key }, entry.entityName);
    });
  }

  // ── transactions: all or nothing ([tx]) ─────────────────────────────────────────────────────────

  private transact(raw: unknown, now: number): KvsReply {
    const body = parseBody(transactionBody, raw);
    const sets = body.set ?? [];
    const deletes = body.delete ?? [];
    const checks = body.check ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw badRequest('Provided request body is invalid: a transaction needs at least one set, delete or check');
    if (count > MAX_TRANSACTION_OPERATIONS) {
      // [probe] 422 UNPROCESSABLE_ENTITY for 26 operations.
      throw new KvsError(422, 'UNPROCESSABLE_ENTITY', `Request cannot be processed due to one or more semantic errors: a transaction can contain at most ${MAX_TRANSACTION_OPERATIONS} operations, this one has ${count}.`);
    }
    checkPayload(raw, MAX_TRANSACTION_PAYLOAD_BYTES, 'transaction');
    checkUniqueKeys([...sets, ...deletes, ...checks], 'a transaction');

    // Check everything first, then evaluate every condition against the state before the transaction, then write.
    const conditions: Array<{ where: string; target: Target; key: string; filters: CheckedFilters; mustExist: boolean }> = [];
    const conditionsOf = (where: string, target: Target, key: string, filters: Parameters<typeof checkFilters>[0] | undefined, mustExist: boolean): void => {
      if (filters === undefined) return;
      if (!target.entity) throw badRequest(`Provided request body is invalid: ${where}.conditions: only entity operations take conditions (entityName is missing)`);
      conditions.push({ where, target, key, filters: checkFilters(filters, `${where}.conditions`), mustExist });
    };
    const writes = sets.map((op, i) => {
      const target = this.target(op.entityName);
      const item = this.prepareWrite(target, op.key, op.value, op.options, now, `set[${i}].value`);
      conditionsOf(`set[${i}]`, target, op.key, op.conditions, false);
      return { target, key: op.key, item };
    });
    const removals = deletes.map((op, i) => {
      const target = this.target(op.entityName);
      checkKey(op.key, target.keySpace);
      conditionsOf(`delete[${i}]`, target, op.key, op.conditions, false);
      return { target, key: op.key };
    });
    checks.forEach((op, i) => {
      if (op.entityName === undefined) throw badRequest(`Provided request body is invalid: check[${i}].entityName: is required`);
      const target = this.target(op.entityName);
      checkKey(op.key, target.keySpace);
      conditionsOf(`check[${i}]`, target, op.key, op.conditions, true);
    });

    for (const condition of conditions) {
      const current = condition.target.space.get(condition.key, now);
      if (condition.mustExist && !current) throw conditionalCheckFailed(`${condition.where}: key "${condition.key}" does not exist`);
      if (!matchesFilters(condition.filters, current?.value as Record<string, unknown> | undefined)) {
        throw conditionalCheckFailed(`${condition.where}: the conditions on key "${condition.key}" are not met`);
      }
    }

    for (const write of writes) this.store(write.target.space, write.key, write.item, write.target.space.get(write.key, now));
    for (const removal of removals) if (removal.target.space.delete(removal.key, now)) this.changed();
    return OK_EMPTY;
  }

  // ── persistence ─────────────────────────────────────────────────────────────────────────────────

  /** Marks the store changed and schedules a write within `PERSIST_DELAY_MS` of the first unwritten change. */
  private changed(): void {
    if (this.file === undefined) return;
    this.dirty = true;
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => process.emitWarning(error instanceof Error ? error.message : String(error), 'LocalForgeKvsWarning'));
    }, PERSIST_DELAY_MS);
  }

  /** Every live record, secrets by key only: what a test reads to prove a deletion left nothing behind. */
  inventory(): { kvs: Array<{ key: string; value: unknown }>; secrets: string[]; entities: Array<{ entity: string; key: string; value: unknown }> } {
    const s = this.snapshot();
    return {
      kvs: s.kvs.map(([key, item]) => ({ key, value: item.value })),
      secrets: s.secrets.map(([key]) => key),
      entities: s.entities.flatMap(([entity, items]) => items.map(([key, item]) => ({ entity, key, value: item.value }))),
    };
  }

  private snapshot(): Snapshot {
    const now = this.now();
    return {
      kvs: this.kvs.live(now),
      secrets: this.secrets.live(now),
      entities: [...this.entityData].map(([name, space]) => [name, space.live(now)]),
    };
  }

  private restore(snapshot: Snapshot): void {
    for (const [key, item] of snapshot.kvs) this.kvs.set(key, item);
    for (const [key, item] of snapshot.secrets) this.secrets.set(key, item);
    // Entities no longer declared are kept (and written back) so a manifest edit never drops data.
    for (const [name, entries] of snapshot.entities) for (const [key, item] of entries) this.entitySpace(name).set(key, item);
  }
}

type Verb = 'set' | 'get' | 'delete';

/** Whole-batch refusals ([batch] "fail entirely if it doesn't contain any keys" or repeats one; 25 keys; 4MB). */
function checkBatch(items: ReadonlyArray<{ key: string; entityName?: string | undefined }>, verb: Verb, raw: unknown): void {
  if (items.length === 0) throw badRequest(`Provided request body is invalid: a batch ${verb} needs at least one item`);
  if (items.length > MAX_BATCH_ITEMS) {
    // [probe] 400 TOO_MANY_BATCH_ENTITIES, measured for batchSet; the same code is assumed for get and delete.
    throw new KvsError(400, 'TOO_MANY_BATCH_ENTITIES', `Number of entities to ${verb} was ${items.length}, but you can only ${verb} a maximum of ${MAX_BATCH_ITEMS} entities at a time.`);
  }
  checkPayload(raw, MAX_BATCH_PAYLOAD_BYTES, `batch ${verb}`);
  checkUniqueKeys(items, `a batch ${verb}`);
}

/** Forge does not name the code for an oversized payload: 413 `PAYLOAD_TOO_LARGE` is this emulator's choice. */
function checkPayload(raw: unknown, limit: number, what: string): void {
  const bytes = jsonBytes(raw);
  if (bytes > limit) throw new KvsError(413, 'PAYLOAD_TOO_LARGE', `The ${what} payload is ${bytes} bytes; Forge allows ${limit}.`);
}

/** [probe] 400 KEY_DUPLICATION_ERROR for a key used twice in one transaction; a key is its entity name plus key. */
function checkUniqueKeys(items: ReadonlyArray<{ key: string; entityName?: string | undefined }>, where: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const id = `${item.entityName ?? ''}\u0000${item.key}`;
    if (seen.has(id)) {
      const label = item.entityName === undefined ? `"${item.key}"` : `"${item.key}" of entity "${item.entityName}"`;
      throw new KvsError(400, 'KEY_DUPLICATION_ERROR', `Duplicate key found in request: ${label} appears twice in ${where}.`);
    }
    seen.add(id);
  }
}

function withEntity<T extends object>(value: T, entityName: string | undefined): T & { entityName?: string } {
  return entityName === undefined ? value : { ...value, entityName };
}

function batchFailure(key: string, entityName: string | undefined, error: unknown): unknown {
  const body = error instanceof KvsError ? error.toBody() : { code: 'INTERNAL_SERVER_ERROR', message: String(error) };
  return withEntity({ key, error: body }, entityName);
}

/** Runs one batch entry at a time; an entry that fails lands in `failedKeys` and never fails the batch. */
function eachEntry<E extends { key: string; entityName?: string | undefined }>(items: readonly E[], op: (entry: E, index: number) => unknown): KvsReply {
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  items.forEach((entry, i) => {
    try {
      successfulKeys.push(op(entry, i));
    } catch (error) {
      failedKeys.push(batchFailure(entry.key, entry.entityName, error));
    }
  });
  return ok({ successfulKeys, failedKeys });
}
