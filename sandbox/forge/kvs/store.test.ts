// The local KVS driven through the real @forge/kvs package: the SDK builds every request and parses
// every reply, so these tests hold the store to the shapes and codes the SDK expects.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Filter, FilterConditions, ForgeKvsAPIError, MetadataField, Sort, WhereConditions, kvs } from '@forge/kvs';
import { MAX_VALUE_BYTES, QUERY_MAX_LIMIT } from './limits';
import { FORGE_RATE_LIMITS, KvsStore, entityDeclarationsOf, type EntityDeclaration, type KvsStoreOptions } from './store';

type ForgeFetch = (descriptor: unknown, path: string, init: { body: string }) => Promise<Response>;
const runtimeGlobals = globalThis as unknown as { __forge_fetch__?: ForgeFetch; __forge_runtime__?: unknown };

/** A pair record as Lockstep might keep it: one issue on one site. */
interface Pair {
  siteId: string;
  projectKey: string;
  issueNum: number;
  title?: string;
  weight?: number;
  done?: boolean;
  tags?: unknown;
  version?: number;
}

const ENTITIES: EntityDeclaration[] = [
  {
    name: 'issue-pair',
    attributes: {
      siteId: { type: 'string' },
      projectKey: { type: 'string' },
      issueNum: { type: 'integer' },
      title: { type: 'string' },
      weight: { type: 'float' },
      done: { type: 'boolean' },
      tags: { type: 'any' },
      version: { type: 'integer' },
    },
    indexes: ['title', { name: 'by-site-project', partition: ['siteId', 'projectKey'], range: ['issueNum'] }, { name: 'by-weight', range: ['weight'] }],
  },
];

const START = Date.UTC(2026, 0, 15, 12, 0, 0);
let clock = START;
let store: KvsStore;
const dirs: string[] = [];

function useStore(options: KvsStoreOptions = {}): KvsStore {
  store = new KvsStore({ entities: ENTITIES, now: () => clock, ...options });
  return store;
}

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-kvs-'));
  dirs.push(dir);
  return join(dir, 'nested', 'kvs.json');
}

/** Awaits a call that must fail and returns the SDK's error. */
async function apiError(call: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    return error as ForgeKvsAPIError;
  }
  throw new Error('expected the call to fail with a ForgeKvsAPIError');
}

const pairs = kvs.entity<Pair>('issue-pair');
type IndexQuery = ReturnType<ReturnType<typeof pairs.query>['index']>;
type RangeCondition = Parameters<IndexQuery['where']>[0];
type EntityFilter = Parameters<IndexQuery['filters']>[0];

beforeAll(() => {
  delete runtimeGlobals.__forge_runtime__;
  runtimeGlobals.__forge_fetch__ = async (_descriptor, path, init) => {
    const reply = store.handle(path, JSON.parse(init.body));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
});

afterAll(() => {
  delete runtimeGlobals.__forge_fetch__;
});

beforeEach(() => {
  clock = START;
  useStore();
});

afterEach(async () => {
  await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('key-value basics', () => {
  it('stores, reads and deletes every JSON value type, and a missing key reads as undefined', async () => {
    const values: Record<string, unknown> = { s: 'text', n: 42.5, b: false, a: [1, 'two', { three: 3 }], o: { nested: { ok: true } } };
    for (const [key, value] of Object.entries(values)) await kvs.set(`v:${key}`, value);
    for (const [key, value] of Object.entries(values)) expect(await kvs.get(`v:${key}`)).toEqual(value);
    expect(await kvs.get('v:missing')).toBeUndefined();
    await kvs.delete('v:s');
    expect(await kvs.get('v:s')).toBeUndefined();
    await expect(kvs.delete('v:never-there')).resolves.toBeUndefined();
  });

  it('refuses FAIL_IF_EXISTS on a live key with 409 KEY_CONFLICT and keeps the old value; OVERRIDE overwrites', async () => {
    await kvs.set('claim:1', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const error = await apiError(kvs.set('claim:1', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.code).toBe('KEY_CONFLICT');
    expect(error.responseDetails.status).toBe(409);
    expect(await kvs.get('claim:1')).toBe('first');
    await kvs.set('claim:1', 'third', { keyPolicy: 'OVERRIDE' });
    expect(await kvs.get('claim:1')).toBe('third');
  });

  it('returns the previous or latest value with the metadata asked for', async () => {
    expect(await kvs.set('ret', 'v1', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    clock += 5_000;
    const previous = await kvs.set('ret', 'v2', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', returnMetadataFields: [MetadataField.UPDATED_AT] });
    expect(previous).toEqual({ key: 'ret', value: 'v1', updatedAt: START });
    clock += 5_000;
    const latest = await kvs.set('ret', 'v3', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    expect(latest).toEqual({ key: 'ret', value: 'v3', createdAt: START, updatedAt: START + 10_000 });
    const plain = await kvs.set('ret', 'v4', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' });
    expect(plain).toEqual({ key: 'ret', value: 'v4' });
  });

  it('answers metadata fields on get: times in Unix ms, expireTime in ISO-8601 only for a TTL', async () => {
    await kvs.set('meta:plain', 1);
    clock += 60_000;
    await kvs.set('meta:plain', 2);
    await kvs.set('meta:ttl', 'x', { ttl: { value: 2, unit: 'HOURS' } });
    const all = [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME];
    expect(await kvs.get('meta:plain', { metadataFields: all })).toEqual({ key: 'meta:plain', value: 2, createdAt: START, updatedAt: START + 60_000 });
    expect(await kvs.get('meta:ttl', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({
      key: 'meta:ttl',
      value: 'x',
      expireTime: new Date(START + 60_000 + 2 * 3_600_000).toISOString(),
    });
    expect(await kvs.get('meta:ttl', { metadataFields: [] })).toEqual({ key: 'meta:ttl', value: 'x' });
  });

  it('lets an item expire when its TTL runs out, everywhere it could be read', async () => {
    await kvs.set('ttl:a', 'short', { ttl: { value: 5, unit: 'MINUTES' } });
    await kvs.set('ttl:b', 'long');
    clock += 5 * 60_000 - 1;
    expect(await kvs.get('ttl:a')).toBe('short');
    clock += 1;
    expect(await kvs.get('ttl:a')).toBeUndefined();
    expect((await kvs.query().where('key', WhereConditions.beginsWith('ttl:')).getMany()).results.map((r) => r.key)).toEqual(['ttl:b']);
    expect((await kvs.batchGet([{ key: 'ttl:a' }])).failedKeys[0]?.error.code).toBe('KEY_NOT_FOUND');
    // An expired key no longer blocks FAIL_IF_EXISTS.
    await kvs.set('ttl:a', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('ttl:a')).toBe('again');
  });

  it('refuses a TTL that is not a positive integer or exceeds one year', async () => {
    for (const ttl of [{ value: 0, unit: 'SECONDS' }, { value: 1.5, unit: 'DAYS' }, { value: 366, unit: 'DAYS' }] as const) {
      const error = await apiError(kvs.set('ttl:bad', 1, { ttl }));
      expect([error.code, error.responseDetails.status]).toEqual(['INVALID_TTL', 400]);
    }
    await kvs.set('ttl:year', 1, { ttl: { value: 365, unit: 'DAYS' } });
    expect(await kvs.get('ttl:year')).toBe(1);
  });
});

describe('kvs.query', () => {
  beforeEach(async () => {
    for (let i = 25; i >= 1; i--) await kvs.set(`pair:${String(i).padStart(3, '0')}`, { n: i });
    await kvs.set('other:1', 'x');
    await kvs.setSecret('pair:secret', 'hidden');
  });

  it('pages keys in ascending order with opaque cursors, 10 by default', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('pair:'));
      const page = await (cursor ? query.cursor(cursor) : query).getMany<{ n: number }>();
      sizes.push(page.results.length);
      seen.push(...page.results.map((r) => r.key));
      if (page.nextCursor) expect(page.nextCursor).not.toContain('pair:');
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `pair:${String(i + 1).padStart(3, '0')}`));
  });

  it('honours limit and metadata fields, and never lists secrets', async () => {
    const page = await kvs.query({ metadataFields: [MetadataField.CREATED_AT] }).limit(3).getMany();
    expect(page.results).toEqual([
      { key: 'other:1', value: 'x', createdAt: START },
      { key: 'pair:001', value: { n: 1 }, createdAt: START },
      { key: 'pair:002', value: { n: 2 }, createdAt: START },
    ]);
    const all = await kvs.query().limit(QUERY_MAX_LIMIT).getMany();
    expect(all.results).toHaveLength(26);
    expect(all.nextCursor).toBeUndefined();
    expect(await kvs.query().where('key', WhereConditions.beginsWith('nothing:')).getOne()).toBeUndefined();
  });

  it('refuses a limit outside 1..100 with LIST_QUERY_LIMIT_EXCEEDED', async () => {
    for (const limit of [0, QUERY_MAX_LIMIT + 1]) {
      const error = await apiError(kvs.query().limit(limit).getMany());
      expect([error.code, error.responseDetails.status]).toEqual(['LIST_QUERY_LIMIT_EXCEEDED', 400]);
    }
  });

  it('refuses where clauses Forge does not support, with its codes', () => {
    const bad = (where: unknown) => store.handle('/api/v1/query', { where }).body;
    expect(bad([{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }])).toMatchObject({ code: 'QUERY_WHERE_FIELD_INVALID' });
    expect(bad([{ property: 'key', condition: 'CONTAINS', values: ['a'] }])).toMatchObject({ code: 'INVALID_FILTER_CONDITION' });
    expect(bad([{ property: 'key', condition: 'BEGINS_WITH', values: [] }])).toMatchObject({ code: 'INVALID_FILTER_VALUES' });
    const two = { property: 'key', condition: 'BEGINS_WITH', values: ['a'] };
    expect(bad([two, two])).toMatchObject({ code: 'QUERY_WHERE_INVALID' });
    expect(store.handle('/api/v1/query', { after: 'not-a-cursor' })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});

describe('secrets', () => {
  it('keeps secrets in their own namespace', async () => {
    await kvs.setSecret('token', { apiToken: 's3cr3t' });
    await kvs.set('token', 'plain');
    expect(await kvs.getSecret('token')).toEqual({ apiToken: 's3cr3t' });
    expect(await kvs.get('token')).toBe('plain');
    await kvs.delete('token');
    expect(await kvs.getSecret('token')).toEqual({ apiToken: 's3cr3t' });
    expect(await kvs.getSecret('token', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'token', value: { apiToken: 's3cr3t' }, createdAt: START });
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });

  it('applies key policies and limits to secrets too', async () => {
    await kvs.setSecret('k', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect((await apiError(kvs.setSecret('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).code).toBe('KEY_CONFLICT');
    expect((await apiError(kvs.setSecret('k', 'x'.repeat(MAX_VALUE_BYTES)))).code).toBe('MAX_SIZE');
  });
});

describe('batch operations', () => {
  it('sets items one by one: good ones land, bad ones are reported per key', async () => {
    const result = await kvs.batchSet<unknown>([
      { key: 'b:1', value: 'one' },
      { key: 'b:'.padEnd(501, 'x'), value: 'too long a key' },
      { key: 'p1', value: { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 }, entityName: 'issue-pair' },
      { key: 'p2', value: { siteId: 'alpha', projectKey: 'SUP', issueNum: 'two' }, entityName: 'issue-pair' },
      { key: 'p3', value: { x: 1 }, entityName: 'no-such-entity' },
      { key: 'b:2', value: 'two', options: { ttl: { value: 1, unit: 'MINUTES' } } },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'b:1' }, { key: 'p1', entityName: 'issue-pair' }, { key: 'b:2' }]);
    expect(result.failedKeys.map((f) => [f.key.slice(0, 4), f.entityName, f.error.code])).toEqual([
      ['b:xx', undefined, 'KEY_TOO_LONG'],
      ['p2', 'issue-pair', 'INCORRECT_PROPERTY_TYPE'],
      ['p3', 'no-such-entity', 'SCHEMA_NOT_FOUND'],
    ]);
    expect(await kvs.get('b:1')).toBe('one');
    expect(await pairs.get('p1')).toEqual({ siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
    clock += 60_000;
    expect(await kvs.get('b:2')).toBeUndefined();
  });

  it('gets and deletes in batches, reporting missing keys as KEY_NOT_FOUND', async () => {
    await kvs.set('g:1', 'one');
    await pairs.set('p1', { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
    const got = await kvs.batchGet([
      { key: 'g:1' },
      { key: 'g:missing' },
      { key: 'p1', entityName: 'issue-pair', options: { metadataFields: [MetadataField.CREATED_AT] } },
    ] as Array<{ key: string; entityName?: string }>);
    expect(got.successfulKeys).toEqual([
      { key: 'g:1', value: 'one' },
      { key: 'p1', entityName: 'issue-pair', value: { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 }, createdAt: START },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'g:missing', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } }]);
    const deleted = await kvs.batchDelete([{ key: 'g:1' }, { key: 'p1', entityName: 'issue-pair' }, { key: 'g:missing' }]);
    expect(deleted.successfulKeys).toEqual([{ key: 'g:1' }, { key: 'p1', entityName: 'issue-pair' }]);
    expect(deleted.failedKeys.map((f) => [f.key, f.error.code])).toEqual([['g:missing', 'KEY_NOT_FOUND']]);
    expect(await kvs.get('g:1')).toBeUndefined();
    expect(await pairs.get('p1')).toBeUndefined();
  });

  it('refuses a whole batch of more than 25 items, an empty one, a repeated key or a payload over 4 MB', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `many:${i}`, value: i }));
    expect((await kvs.batchSet(items(25))).successfulKeys).toHaveLength(25);
    for (const call of [kvs.batchSet(items(26)), kvs.batchGet(items(26)), kvs.batchDelete(items(26))]) {
      const error = await apiError(call);
      expect([error.code, error.responseDetails.status]).toEqual(['TOO_MANY_BATCH_ENTITIES', 400]);
    }
    expect((await apiError(kvs.batchSet(items(26)))).message).toBe('Number of entities to set was 26, but you can only set a maximum of 25 entities at a time.');
    expect((await apiError(kvs.batchSet([]))).code).toBe('BAD_REQUEST');
    const repeated = await apiError(kvs.batchGet([{ key: 'many:1' }, { key: 'many:1' }]));
    expect([repeated.code, repeated.responseDetails.status]).toEqual(['KEY_DUPLICATION_ERROR', 400]);
    // The same key in the KVS and in an entity is two different items.
    expect((await kvs.batchGet([{ key: 'many:1' }, { key: 'many:1', entityName: 'issue-pair' }])).failedKeys).toHaveLength(1);
    const big = Array.from({ length: 20 }, (_, i) => ({ key: `big:${i}`, value: 'x'.repeat(220 * 1024) }));
    const tooBig = await apiError(kvs.batchSet(big));
    expect([tooBig.code, tooBig.responseDetails.status]).toEqual(['PAYLOAD_TOO_LARGE', 413]);
    expect(await kvs.get('big:0')).toBeUndefined();
  });
});

describe('keys and values at Forge limits', () => {
  it('accepts a 500-character key and refuses 501 with KEY_TOO_LONG', async () => {
    await kvs.set('k'.repeat(500), 'ok');
    expect(await kvs.get('k'.repeat(500))).toBe('ok');
    const error = await apiError(kvs.set('k'.repeat(501), 'no'));
    expect(error.code).toBe('KEY_TOO_LONG');
    expect(error.responseDetails.status).toBe(400);
    expect(error.responseDetails.httpPath).toBe('/api/v1/set');
    expect((await apiError(kvs.get('k'.repeat(501)))).code).toBe('KEY_TOO_LONG');
  });

  it('refuses keys outside the allowed characters, blank keys and empty keys', async () => {
    await kvs.set('ok: key_with.all-allowed#chars 1', true);
    for (const key of ['a/b', 'ünïcode', 'tab\tok but slash/', '   ']) expect((await apiError(kvs.set(key, 1))).code).toBe('INVALID_KEY');
    expect((await apiError(kvs.set('', 1))).code).toBe('KEY_TOO_SHORT');
    expect((await apiError(pairs.set('', { siteId: 'a', projectKey: 'B', issueNum: 1 }))).code).toBe('EMPTY_KEY');
  });

  it('measures the 240 KiB value limit on the UTF-8 bytes of the JSON text', async () => {
    const justUnder = 'a'.repeat(MAX_VALUE_BYTES - 2); // plus two quotes: exactly 240 KiB
    await kvs.set('size:max', justUnder);
    expect(((await kvs.get('size:max')) as string).length).toBe(MAX_VALUE_BYTES - 2);
    const over = await apiError(kvs.set('size:over', `${justUnder}a`));
    expect([over.code, over.responseDetails.status]).toEqual(['MAX_SIZE', 400]);
    const wide = await apiError(kvs.set('size:wide', 'é'.repeat(MAX_VALUE_BYTES / 2))); // 2 bytes a character
    expect(wide.code).toBe('MAX_SIZE');
    expect(await kvs.get('size:over')).toBeUndefined();
  });

  it('accepts an object 31 levels deep and refuses 32 with MAX_DEPTH', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { down: nest(levels - 1) });
    await kvs.set('deep:31', nest(31));
    expect(await kvs.get('deep:31')).toEqual(nest(31));
    expect((await apiError(kvs.set('deep:32', nest(32)))).code).toBe('MAX_DEPTH');
  });

  it('answers a malformed body with 400 BAD_REQUEST naming the field, and never throws', async () => {
    expect(store.handle('/api/v1/set', { key: 5, value: 1 })).toEqual({
      status: 400,
      body: { code: 'BAD_REQUEST', message: 'Provided request body is invalid: key: Invalid input: expected string, received number' },
    });
    const policy = store.handle('/api/v1/set', { key: 'a', value: 1, options: { keyPolicy: 'SOMETIMES' } });
    expect(policy.status).toBe(400);
    expect((policy.body as { message: string }).message).toContain('options.keyPolicy');
    expect(store.handle('/api/v1/get', undefined)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(store.handle('/api/v1/batch/set', { not: 'an array' })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(store.handle('/api/v2/unknown', {})).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const missing = await apiError(kvs.set('no-value', undefined));
    expect(missing.message).toBe('Provided request body is invalid: value: is required');
    expect((await apiError(kvs.set('null-value', null))).message).toContain('value: must be a string, number, boolean, array or object');
    const both = await apiError(kvs.set('k', 1, { keyPolicy: 'FAIL_IF_EXISTS', returnValue: 'LATEST' } as never));
    expect(both.message).toContain('options.returnValue');
  });
});

describe('custom entities', () => {
  const seed = async () => {
    const rows: Array<[string, Pair]> = [
      ['SUP-1', { siteId: 'alpha', projectKey: 'SUP', issueNum: 1, title: 'Printer jam', weight: 0.5, done: true, tags: ['hw', 'urgent'], version: 1 }],
      ['SUP-2', { siteId: 'alpha', projectKey: 'SUP', issueNum: 2, title: 'Password reset', weight: 2.25, done: false, tags: ['account'], version: 1 }],
      ['SUP-3', { siteId: 'alpha', projectKey: 'SUP', issueNum: 3, title: 'Printer offline', weight: 1.5, done: false, version: 1 }],
      ['SUP-4', { siteId: 'alpha', projectKey: 'SUP', issueNum: 4, title: 'VPN down', weight: -3, tags: ['network', 'urgent'], version: 1 }],
      ['SUP-5', { siteId: 'alpha', projectKey: 'SUP', issueNum: 5, version: 1 }],
      ['DEV-1', { siteId: 'beta', projectKey: 'DEV', issueNum: 1, title: 'Printer driver', weight: 0 }],
      ['OPS-9', { siteId: 'alpha', projectKey: 'OPS', issueNum: 9, title: 'Disk full' }],
    ];
    await kvs.batchSet(rows.map(([key, value]) => ({ key, value, entityName: 'issue-pair' })));
  };

  it('stores, reads and deletes entities, with metadata', async () => {
    await pairs.set('SUP-1', { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
    expect(await pairs.get('SUP-1')).toEqual({ siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
    expect(await pairs.get('SUP-1', { metadataFields: [MetadataField.UPDATED_AT] })).toEqual({ key: 'SUP-1', value: { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 }, updatedAt: START });
    expect(await kvs.get('SUP-1')).toBeUndefined();
    await pairs.delete('SUP-1');
    expect(await pairs.get('SUP-1')).toBeUndefined();
  });

  it('checks values against the declared attribute types', async () => {
    const ok: Pair = { siteId: 'alpha', projectKey: 'SUP', issueNum: 2_147_483_647, weight: 1e-130, done: false, tags: { any: ['thing'] } };
    await pairs.set('ok', ok);
    expect(await pairs.get('ok')).toEqual(ok);
    const refusals: Array<[unknown, string]> = [
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 2_147_483_648 }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1.5 }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: '1' }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: '   ', projectKey: 'SUP', issueNum: 1 }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1, weight: 1e-131 }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1, done: 'yes' }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1, tags: null }, 'INCORRECT_PROPERTY_TYPE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1, extra: 'x' }, 'INVALID_ENTITY_VALUE'],
      [{ siteId: 'alpha', projectKey: 'SUP', issueNum: 1, title: 'a'.repeat(901) }, 'INVALID_ENTITY_VALUE'],
      [{ siteId: 'a'.repeat(1_000), projectKey: 'b'.repeat(701), issueNum: 1 }, 'INVALID_ENTITY_VALUE'],
      [['not', 'an', 'object'], 'INVALID_ENTITY_VALUE'],
    ];
    for (const [value, code] of refusals) {
      const error = await apiError(pairs.set('bad', value as Pair));
      expect([JSON.stringify(value).slice(0, 60), error.code, error.responseDetails.status]).toEqual([JSON.stringify(value).slice(0, 60), code, 400]);
    }
    expect(await pairs.get('bad')).toBeUndefined();
  });

  it('refuses undeclared, malformed entity names and unknown indexes', async () => {
    const undeclared = await apiError(kvs.entity('not-declared').get('x'));
    expect([undeclared.code, undeclared.responseDetails.status]).toEqual(['SCHEMA_NOT_FOUND', 404]);
    expect((await apiError(kvs.entity('ab').get('x'))).code).toBe('ENTITY_TYPE_TOO_SHORT');
    expect((await apiError(kvs.entity('x'.repeat(61)).get('x'))).code).toBe('ENTITY_TYPE_TOO_LARGE');
    expect((await apiError(kvs.entity('Upper-Case').get('x'))).code).toBe('INVALID_ENTITY_TYPE');
    const index = await apiError(pairs.query().index('by-nothing').getMany());
    expect([index.code, index.responseDetails.status]).toEqual(['INVALID_ENTITY_INDEX', 400]);
  });

  it('queries a simple index in range order, skipping items without the attribute', async () => {
    await seed();
    const page = await pairs.query().index('title').limit(100).getMany();
    expect(page.results.map((r) => r.value.title)).toEqual(['Disk full', 'Password reset', 'Printer driver', 'Printer jam', 'Printer offline', 'VPN down']);
    const printers = await pairs.query().index('title').where(WhereConditions.beginsWith('Printer')).sort(Sort.DESC).getMany();
    expect(printers.results.map((r) => r.key)).toEqual(['SUP-3', 'SUP-1', 'DEV-1']);
  });

  it('queries the automatic by-key index', async () => {
    await seed();
    const page = await pairs.query().index('by-key').where(WhereConditions.beginsWith('SUP-')).limit(3).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['SUP-1', 'SUP-2', 'SUP-3']);
    expect(page.nextCursor).toBeDefined();
  });

  it('queries a partitioned index with range conditions', async () => {
    await seed();
    const ranged = async (condition?: RangeCondition) => {
      const query = pairs.query().index('by-site-project', { partition: ['alpha', 'SUP'] });
      return (await (condition ? query.where(condition) : query).getMany()).results.map((r) => r.value.issueNum);
    };
    expect(await ranged()).toEqual([1, 2, 3, 4, 5]);
    expect(await ranged(WhereConditions.between(2, 4))).toEqual([2, 3, 4]);
    expect(await ranged(WhereConditions.greaterThan(3))).toEqual([4, 5]);
    expect(await ranged(WhereConditions.greaterThanEqualTo(3))).toEqual([3, 4, 5]);
    expect(await ranged(WhereConditions.lessThan(2))).toEqual([1]);
    expect(await ranged(WhereConditions.lessThanEqualTo(2))).toEqual([1, 2]);
    expect(await ranged(WhereConditions.equalTo(4))).toEqual([4]);
    expect(await ranged(WhereConditions.equalTo('4'))).toEqual([]);
    const other = await pairs.query().index('by-site-project', { partition: ['alpha', 'OPS'] }).getMany();
    expect(other.results.map((r) => r.key)).toEqual(['OPS-9']);
    const floats = await pairs.query().index('by-weight').where(WhereConditions.lessThan(1)).getMany();
    expect(floats.results.map((r) => r.value.weight)).toEqual([-3, 0, 0.5]);
  });

  it('refuses a partition that does not fit the index, and limits outside 1..100', async () => {
    const wrong = await apiError(pairs.query().index('by-site-project', { partition: ['alpha'] }).getMany());
    expect([wrong.code, wrong.responseDetails.status]).toEqual(['BAD_REQUEST', 400]);
    expect(wrong.message).toContain('siteId, projectKey');
    expect((await apiError(pairs.query().index('title', { partition: ['x'] }).getMany())).code).toBe('BAD_REQUEST');
    for (const limit of [0, 101]) {
      const error = await apiError(pairs.query().index('title').limit(limit).getMany());
      expect([error.code, error.responseDetails.status]).toEqual(['COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 400]);
    }
  });

  it('applies and/or filters with every condition', async () => {
    await seed();
    const keys = async (filter: EntityFilter) =>
      (await pairs.query().index('by-site-project', { partition: ['alpha', 'SUP'] }).filters(filter).getMany()).results.map((r) => r.key);
    expect(await keys(new Filter<Pair>().and('tags', FilterConditions.contains('urgent')))).toEqual(['SUP-1', 'SUP-4']);
    expect(await keys(new Filter<Pair>().and('tags', FilterConditions.notContains('urgent')))).toEqual(['SUP-2', 'SUP-3', 'SUP-5']);
    expect(await keys(new Filter<Pair>().and('title', FilterConditions.contains('rint')))).toEqual(['SUP-1', 'SUP-3']);
    expect(await keys(new Filter<Pair>().and('tags', FilterConditions.exists()))).toEqual(['SUP-1', 'SUP-2', 'SUP-4']);
    expect(await keys(new Filter<Pair>().and('title', FilterConditions.notExists()))).toEqual(['SUP-5']);
    expect(await keys(new Filter<Pair>().and('done', FilterConditions.equalTo(false)))).toEqual(['SUP-2', 'SUP-3']);
    expect(await keys(new Filter<Pair>().and('done', FilterConditions.notEqualTo(true)))).toEqual(['SUP-2', 'SUP-3', 'SUP-4', 'SUP-5']);
    expect(await keys(new Filter<Pair>().and('title', FilterConditions.beginsWith('Printer')).and('weight', FilterConditions.greaterThan(1)))).toEqual(['SUP-3']);
    expect(await keys(new Filter<Pair>().and('weight', FilterConditions.between(0.5, 1.5)))).toEqual(['SUP-1', 'SUP-3']);
    expect(await keys(new Filter<Pair>().and('weight', FilterConditions.greaterThanEqualTo(2.25)))).toEqual(['SUP-2']);
    expect(await keys(new Filter<Pair>().and('weight', FilterConditions.lessThan(0)))).toEqual(['SUP-4']);
    expect(await keys(new Filter<Pair>().and('weight', FilterConditions.lessThanEqualTo(0.5)))).toEqual(['SUP-1', 'SUP-4']);
    expect(await keys(new Filter<Pair>().or('title', FilterConditions.equalTo('VPN down')).or('done', FilterConditions.equalTo(true)))).toEqual(['SUP-1', 'SUP-4']);
  });

  it('cuts the page before filtering, as Forge does, so callers must follow the cursor', async () => {
    await seed();
    const filter = new Filter<Pair>().and('tags', FilterConditions.contains('urgent'));
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const query = pairs.query().index('by-site-project', { partition: ['alpha', 'SUP'] }).filters(filter).limit(2);
      const page = await (cursor ? query.cursor(cursor) : query).getMany();
      pages.push(page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['SUP-1'], ['SUP-4'], []]);
  });

  it('pages an index both ways with cursors', async () => {
    await seed();
    const walk = async (sort: Sort) => {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const query = pairs.query().index('by-site-project', { partition: ['alpha', 'SUP'] }).sort(sort).limit(2);
        const page = await (cursor ? query.cursor(cursor) : query).getMany();
        keys.push(...page.results.map((r) => r.key));
        cursor = page.nextCursor;
      } while (cursor);
      return keys;
    };
    expect(await walk(Sort.ASC)).toEqual(['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5']);
    expect(await walk(Sort.DESC)).toEqual(['SUP-5', 'SUP-4', 'SUP-3', 'SUP-2', 'SUP-1']);
    const first = await pairs.query().index('by-site-project', { partition: ['alpha', 'SUP'] }).limit(2).getMany();
    const reused = await apiError(pairs.query().index('title').cursor(first.nextCursor as string).getMany());
    expect(reused.code).toBe('BAD_REQUEST');
    expect(await pairs.query().index('title').where(WhereConditions.equalTo('VPN down')).getOne()).toEqual({
      key: 'SUP-4',
      value: { siteId: 'alpha', projectKey: 'SUP', issueNum: 4, title: 'VPN down', weight: -3, tags: ['network', 'urgent'], version: 1 },
    });
  });

  it('refuses malformed filters with Forge codes', () => {
    const query = (filters: unknown, range?: unknown) =>
      store.handle('/api/v1/entity/query', { entityName: 'issue-pair', indexName: 'title', filters, ...(range ? { range } : {}) }).body;
    const item = { property: 'done', condition: 'EQUAL_TO', values: [true] };
    expect(query({ and: [item], or: [item] })).toMatchObject({ code: 'INVALID_FILTER_OPERATORS_COMBINATION' });
    expect(query({ and: [] })).toMatchObject({ code: 'EMPTY_FILTER_OPERATOR' });
    expect(query({})).toMatchObject({ code: 'EMPTY_FILTER_OPERATOR' });
    expect(query({ and: [{ property: 'weight', condition: 'BETWEEN', values: [1] }] })).toMatchObject({ code: 'INSUFFICIENT_FILTER_VALUES' });
    expect(query(undefined, { condition: 'BETWEEN', values: ['a'] })).toMatchObject({ code: 'INSUFFICIENT_FILTER_VALUES' });
    expect(query({ and: [{ property: 'done', condition: 'LIKE', values: [1] }] })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(query({ and: Array.from({ length: 101 }, () => item) })).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('entity declarations', () => {
  it('reads app.storage.entities from a manifest', () => {
    const manifest = parseYaml(`
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
  storage:
    entities:
      - name: sync-pair
        attributes:
          connectionId: { type: string }
          seq: { type: integer }
        indexes:
          - seq
          - name: by-connection
            partition: [connectionId]
            range: [seq]
`);
    const declarations = entityDeclarationsOf(manifest);
    expect(declarations).toEqual([
      {
        name: 'sync-pair',
        attributes: { connectionId: { type: 'string' }, seq: { type: 'integer' } },
        indexes: ['seq', { name: 'by-connection', partition: ['connectionId'], range: ['seq'] }],
      },
    ]);
    expect(() => new KvsStore({ entities: declarations })).not.toThrow();
    expect(entityDeclarationsOf({ app: { id: 'x' } })).toEqual([]);
    expect(() => entityDeclarationsOf({ app: { storage: { entities: [{ name: 'x', attributes: { a: { type: 'date' } } }] } } })).toThrow(/app\.storage\.entities\.0\.attributes\.a\.type/);
  });

  it('refuses declarations Forge would refuse', () => {
    const base = { name: 'good-name', attributes: { a: { type: 'string' as const }, anything: { type: 'any' as const } } };
    expect(() => new KvsStore({ entities: [{ ...base, indexes: ['missing'] }] })).toThrow(/undeclared attribute "missing"/);
    expect(() => new KvsStore({ entities: [{ ...base, indexes: ['anything'] }] })).toThrow(/type any/);
    expect(() => new KvsStore({ entities: [{ ...base, name: '_bad' }] })).toThrow(/does not match/);
    expect(() => new KvsStore({ entities: [{ ...base, indexes: [{ name: 'by-key', range: ['a'] }] }] })).toThrow(/reserved name/);
    expect(() => new KvsStore({ entities: [{ ...base, indexes: Array.from({ length: 8 }, (_, i) => ({ name: `idx-${i}`, range: ['a'] })) }] })).toThrow(/8 indexes/);
    expect(() => new KvsStore({ entities: [base, base] })).toThrow(/declared twice/);
  });
});

describe('transactions', () => {
  const pair = (issueNum: number, version: number): Pair => ({ siteId: 'alpha', projectKey: 'SUP', issueNum, version });

  it('applies sets and deletes across the KVS and entities together', async () => {
    await kvs.set('tx:old', 'bye');
    await kvs
      .transact()
      .set('tx:new', { hello: 'world' }, undefined, { ttl: { value: 1, unit: 'HOURS' } })
      .set('SUP-1', pair(1, 1), { entityName: 'issue-pair' })
      .delete('tx:old')
      .delete('tx:never-there')
      .execute();
    expect(await kvs.get('tx:new')).toEqual({ hello: 'world' });
    expect(await pairs.get('SUP-1')).toEqual(pair(1, 1));
    expect(await kvs.get('tx:old')).toBeUndefined();
    clock += 3_600_000;
    expect(await kvs.get('tx:new')).toBeUndefined();
  });

  it('commits a conditional write when its conditions hold (optimistic locking)', async () => {
    await pairs.set('SUP-1', pair(1, 1));
    const sameVersion = new Filter<Pair>().and('version', FilterConditions.equalTo(1));
    await kvs.transact().set('SUP-1', pair(1, 2), { entityName: 'issue-pair', conditions: sameVersion }).execute();
    expect(await pairs.get('SUP-1')).toEqual(pair(1, 2));
    // A create-only write: the condition holds for an absent item.
    const absent = new Filter<Pair>().and('version', FilterConditions.notExists());
    await kvs.transact().set('SUP-2', pair(2, 1), { entityName: 'issue-pair', conditions: absent }).execute();
    expect(await pairs.get('SUP-2')).toEqual(pair(2, 1));
  });

  it('writes nothing when a check or condition fails', async () => {
    await pairs.set('SUP-1', pair(1, 1));
    await pairs.set('SUP-2', pair(2, 1));
    const failed = await apiError(
      kvs
        .transact()
        .set('tx:side-effect', 'must not land')
        .delete('SUP-2', { entityName: 'issue-pair' })
        .check('SUP-1', { entityName: 'issue-pair', conditions: new Filter<Pair>().and('version', FilterConditions.equalTo(2)) })
        .execute(),
    );
    expect([failed.code, failed.responseDetails.status]).toEqual(['CONDITIONAL_CHECK_FAILED', 400]);
    expect(await kvs.get('tx:side-effect')).toBeUndefined();
    expect(await pairs.get('SUP-2')).toEqual(pair(2, 1));
    const stale = new Filter<Pair>().and('version', FilterConditions.equalTo(0));
    expect((await apiError(kvs.transact().set('SUP-1', pair(1, 9), { entityName: 'issue-pair', conditions: stale }).execute())).code).toBe('CONDITIONAL_CHECK_FAILED');
    const missing = await apiError(kvs.transact().check('SUP-404', { entityName: 'issue-pair', conditions: new Filter<Pair>().and('version', FilterConditions.notExists()) }).execute());
    expect(missing.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await pairs.get('SUP-1')).toEqual(pair(1, 1));
  });

  it('writes nothing when one operation is invalid', async () => {
    const invalid = await apiError(
      kvs.transact().set('tx:a', 'fine').set('tx:b', 'x'.repeat(MAX_VALUE_BYTES)).execute(),
    );
    expect(invalid.code).toBe('MAX_SIZE');
    expect(await kvs.get('tx:a')).toBeUndefined();
    const badEntity = await apiError(kvs.transact().set('tx:a', 'fine').set('SUP-1', { issueNum: 'one' }, { entityName: 'issue-pair' }).execute());
    expect(badEntity.code).toBe('INCORRECT_PROPERTY_TYPE');
    expect(await kvs.get('tx:a')).toBeUndefined();
  });

  it('takes at most 25 operations and each key once', async () => {
    const build = (n: number) => {
      const tx = kvs.transact();
      for (let i = 0; i < n; i++) tx.set(`tx:${i}`, i);
      return tx;
    };
    await build(25).execute();
    expect(await kvs.get('tx:24')).toBe(24);
    const tooMany = await apiError(build(26).execute());
    expect([tooMany.code, tooMany.responseDetails.status]).toEqual(['UNPROCESSABLE_ENTITY', 422]);
    const twice = await apiError(kvs.transact().set('tx:dup', 1).delete('tx:dup').execute());
    expect([twice.code, twice.responseDetails.status]).toEqual(['KEY_DUPLICATION_ERROR', 400]);
    expect((await apiError(kvs.transact().execute())).code).toBe('BAD_REQUEST');
  });
});

describe('persistence', () => {
  it('carries data, secrets, entities and metadata across two stores on one file', async () => {
    const file = tempFile();
    useStore({ file });
    await kvs.set('p:plain', { n: 1 });
    await kvs.set('p:ttl', 'soon gone', { ttl: { value: 10, unit: 'SECONDS' } });
    await kvs.setSecret('p:secret', 'shh');
    await pairs.set('SUP-1', { siteId: 'alpha', projectKey: 'SUP', issueNum: 1, title: 'Kept' });
    await store.flush();
    expect(existsSync(file)).toBe(true);
    clock += 5_000;
    useStore({ file });
    expect(await kvs.get('p:plain', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'p:plain', value: { n: 1 }, createdAt: START });
    expect(await kvs.get('p:ttl')).toBe('soon gone');
    expect(await kvs.getSecret('p:secret')).toBe('shh');
    expect((await pairs.query().index('title').getMany()).results.map((r) => r.key)).toEqual(['SUP-1']);
    clock += 5_000;
    expect(await kvs.get('p:ttl')).toBeUndefined();
  });

  it('writes changes on its own shortly after they happen, atomically', async () => {
    const file = tempFile();
    useStore({ file });
    await kvs.set('auto', 'saved');
    expect(existsSync(file)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readFileSync(file, 'utf8')).toContain('"auto"');
    expect(new KvsStore({ file }).handle('/api/v1/get', { key: 'auto' })).toEqual({ status: 200, body: { key: 'auto', value: 'saved' } });
  });

  it('writes on close and leaves out expired items', async () => {
    const file = tempFile();
    useStore({ file });
    await kvs.set('keep', 1);
    await kvs.set('expire', 2, { ttl: { value: 1, unit: 'SECONDS' } });
    clock += 1_000;
    await store.close();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"keep"');
    expect(text).not.toContain('"expire"');
  });

  it('refuses a corrupt file with an error naming it', () => {
    const file = tempFile();
    const broken = join(file, '..', '..', 'broken.json');
    writeFileSync(broken, '{"format": "lockstep-local-forge-kvs", "version": 1, "kvs": [');
    expect(() => new KvsStore({ file: broken })).toThrow(`Local Forge KVS file ${broken} is corrupt: not JSON`);
    writeFileSync(broken, JSON.stringify({ format: 'lockstep-local-forge-kvs', version: 1, kvs: [['k', { value: 1 }]], secrets: [], entities: [] }));
    expect(() => new KvsStore({ file: broken })).toThrow(/broken\.json is corrupt: kvs\.0\.1\.createdAt/);
    writeFileSync(broken, JSON.stringify({ some: 'other file' }));
    expect(() => new KvsStore({ file: broken })).toThrow(/is corrupt: format/);
  });

  it('keeps data of an entity the manifest no longer declares', async () => {
    const file = tempFile();
    useStore({ file });
    await pairs.set('SUP-1', { siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
    await store.close();
    const without = new KvsStore({ file, now: () => clock });
    without.handle('/api/v1/set', { key: 'touch', value: 1 });
    await without.close();
    useStore({ file });
    expect(await pairs.get('SUP-1')).toEqual({ siteId: 'alpha', projectKey: 'SUP', issueNum: 1 });
  });
});

describe('rate limits', () => {
  it('is off by default', async () => {
    for (let i = 0; i < 200; i++) await kvs.set(`r:${i}`, i);
    expect(await kvs.get('r:199')).toBe(199);
  });

  it('refuses requests over the per-second rate with 429 RATE_LIMIT_EXCEEDED', async () => {
    useStore({ rateLimit: { requestsPerSecond: 3 } });
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('a');
    const error = await apiError(kvs.get('a'));
    expect([error.code, error.responseDetails.status]).toEqual(['RATE_LIMIT_EXCEEDED', 429]);
    clock += 1_000;
    expect(await kvs.get('a')).toBe(1);
  });

  it("takes Forge's own values: 1,000 requests in a second, then 429", () => {
    useStore({ rateLimit: FORGE_RATE_LIMITS });
    for (let i = 0; i < 1_000; i++) expect(store.handle('/api/v1/get', { key: 'nothing' }).status).toBe(404);
    expect(store.handle('/api/v1/get', { key: 'nothing' })).toMatchObject({ status: 429, body: { code: 'RATE_LIMIT_EXCEEDED' } });
    clock += 1_000;
    expect(store.handle('/api/v1/get', { key: 'nothing' }).status).toBe(404);
  });

  it('meters writes per minute in 10 KB units', async () => {
    useStore({ rateLimit: { writeUnitsPerMinute: 4 } });
    await kvs.set('big', 'x'.repeat(25 * 1024)); // 3 units
    await kvs.set('small', 1); // 1 unit
    expect((await apiError(kvs.set('more', 1))).code).toBe('RATE_LIMIT_EXCEEDED');
    expect(await kvs.get('small')).toBe(1); // reads are metered apart
    clock += 60_000;
    await kvs.set('more', 1);
    expect(await kvs.get('more')).toBe(1);
  });
});
