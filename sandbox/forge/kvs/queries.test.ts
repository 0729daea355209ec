// Index and key queries at the scale Lockstep runs at (docs/decisions/0008: up to a million pairs per
// connection), driven through the real @forge/kvs package as store.test.ts does. Reading a partition
// page by page must cost about what writing it did, and must still return every item once, in order.
// The store keeps sorted rows between pages; a plain scan-and-sort of the live items is the reference
// every page is checked against while writes, deletes and TTL expiry happen between pages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sort, WhereConditions, kvs } from '@forge/kvs';
import { checkFilters, compareScalars, matchesFilters, meets } from './conditions';
import type { Filters, FilterCondition } from './schemas';
import { KvsStore, type EntityDeclaration } from './store';

type ForgeFetch = (descriptor: unknown, path: string, init: { body: string }) => Promise<Response>;
const runtimeGlobals = globalThis as unknown as { __forge_fetch__?: ForgeFetch; __forge_runtime__?: unknown };

interface Pair {
  connectionId: string;
  localIssueId: string;
  localOrder: string;
  status?: string;
  rank?: number;
}

const ENTITIES: EntityDeclaration[] = [
  {
    name: 'pair',
    attributes: {
      connectionId: { type: 'string' }, localIssueId: { type: 'string' }, localOrder: { type: 'string' }, status: { type: 'string' }, rank: { type: 'integer' },
    },
    indexes: [
      { name: 'by-connection', partition: ['connectionId'], range: ['localOrder'] },
      { name: 'by-status', partition: ['connectionId', 'status'], range: ['rank'] },
      'rank',
    ],
  },
];

const COUNT = 100_000;
const BATCH = 25;
const PAGE = 100;
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
let clock = START;
let store: KvsStore;
const pairs = kvs.entity<Pair>('pair');

const order = (i: number): string => String(i).padStart(7, '0');

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
  store = new KvsStore({ entities: ENTITIES, now: () => clock });
});

afterEach(async () => {
  await store.close();
});

/** Writes `count` pairs of one connection, in shuffled order, 25 to a batch. */
async function writePairs(connectionId: string, count: number): Promise<number> {
  const indices = Array.from({ length: count }, (_, i) => i);
  for (let i = indices.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  const started = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const result = await kvs.batchSet<Pair>(
      indices.slice(i, i + BATCH).map((n) => ({
        key: `${connectionId}:${n}`,
        value: { connectionId, localIssueId: String(n), localOrder: order(n) },
        entityName: 'pair',
      })),
    );
    expect(result.failedKeys).toEqual([]);
  }
  return performance.now() - started;
}

describe('queries at scale', () => {
  it(`pages through ${COUNT.toLocaleString('en')} entities of one partition, each once and in order`, async () => {
    const writeMs = await writePairs('conn-1', COUNT);
    await kvs.batchSet<Pair>([{ key: 'conn-2:0', value: { connectionId: 'conn-2', localIssueId: '0', localOrder: order(0) }, entityName: 'pair' }]);

    const started = performance.now();
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const query = pairs.query().index('by-connection', { partition: ['conn-1'] }).limit(PAGE);
      const page = await (cursor ? query.cursor(cursor) : query).getMany();
      pages++;
      expect(page.results.length).toBe(PAGE);
      for (const result of page.results) seen.push(result.value.localOrder);
      cursor = page.nextCursor;
    } while (cursor);
    const readMs = performance.now() - started;

    expect(pages).toBe(COUNT / PAGE);
    expect(seen).toHaveLength(COUNT);
    for (let i = 0; i < COUNT; i++) if (seen[i] !== order(i)) expect(seen[i]).toBe(order(i));
    console.info(`[kvs scale] wrote ${COUNT} entities in ${Math.round(writeMs)} ms; read them in ${pages} pages of ${PAGE} in ${Math.round(readMs)} ms`);
  });

  it('sees a write, a delete and a TTL expiry made between pages', async () => {
    await writePairs('conn-1', 1_000);
    await pairs.set('conn-1:ttl', { connectionId: 'conn-1', localIssueId: 'ttl', localOrder: '0000500.5' }, { ttl: { value: 1, unit: 'MINUTES' } });
    const walk = async (sort: Sort, between: (page: number) => Promise<void>) => {
      const keys: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query = pairs.query().index('by-connection', { partition: ['conn-1'] }).sort(sort).limit(PAGE);
        const page = await (cursor ? query.cursor(cursor) : query).getMany();
        keys.push(...page.results.map((r) => r.key));
        cursor = page.nextCursor;
        await between(++pages);
      } while (cursor);
      return keys;
    };

    const ascending = await walk(Sort.ASC, async (page) => {
      if (page !== 2) return;
      await pairs.delete('conn-1:700');
      await pairs.set('conn-1:new', { connectionId: 'conn-1', localIssueId: 'new', localOrder: '0000900.5' });
      clock += 60_000; // the TTL item (between 500 and 501) expires
    });
    const expected = Array.from({ length: 1_000 }, (_, i) => `conn-1:${i}`).filter((k) => k !== 'conn-1:700');
    expected.splice(expected.indexOf('conn-1:900') + 1, 0, 'conn-1:new');
    expect(ascending).toEqual(expected);

    const descending = await walk(Sort.DESC, async () => undefined);
    expect(descending).toEqual([...expected].reverse());
  });

  it('pages kvs.query over many keys, each once and in order', async () => {
    const count = 5_000;
    for (let i = 0; i < count; i += BATCH) {
      await kvs.batchSet(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => ({ key: `k:${order(i + j)}`, value: i + j })));
    }
    await kvs.batchSet([{ key: 'j:1', value: 'before' }, { key: 'l:1', value: 'after' }]);
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('k:')).limit(PAGE);
      const page = await (cursor ? query.cursor(cursor) : query).getMany();
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(keys).toEqual(Array.from({ length: count }, (_, i) => `k:${order(i)}`));
  });
});

// ── reference: what a query answers, computed from scratch from the live items ──────────────────────

interface Model {
  value: Record<string, unknown>;
  createdAt: number;
  expireAt?: number;
}

interface Body {
  indexName: string;
  partition?: Array<string | number | boolean>;
  range?: { condition: FilterCondition; values: Array<string | number | boolean> };
  filters?: Filters;
  sort?: 'ASC' | 'DESC';
  limit: number;
  cursor?: string;
  metadataFields?: Array<'CREATED_AT' | 'EXPIRE_TIME'>;
}

const INDEXES: Record<string, { range: string | null; partition: string[] }> = {
  'by-key': { range: null, partition: [] },
  'by-connection': { range: 'localOrder', partition: ['connectionId'] },
  'by-status': { range: 'rank', partition: ['connectionId', 'status'] },
  rank: { range: 'rank', partition: [] },
};

type Scalar = string | number | boolean;

function referenceEntityQuery(items: ReadonlyMap<string, Model>, body: Body, now: number): unknown {
  const index = INDEXES[body.indexName] as { range: string | null; partition: string[] };
  const direction = body.sort === 'DESC' ? -1 : 1;
  const order = (a: { r: Scalar; k: string }, b: { r: Scalar; k: string }): number => direction * (compareScalars(a.r, b.r) || compareScalars(a.k, b.k));
  const rows: Array<{ k: string; r: Scalar; item: Model }> = [];
  for (const [k, item] of items) {
    if (item.expireAt !== undefined && item.expireAt <= now) continue;
    const r = index.range === null ? k : item.value[index.range];
    if (r === undefined || !['string', 'number', 'boolean'].includes(typeof r)) continue;
    if (!(body.partition ?? []).every((v, i) => item.value[index.partition[i] as string] === v)) continue;
    if (body.range && !meets(body.range.condition, body.range.values, r)) continue;
    rows.push({ k, r: r as Scalar, item });
  }
  rows.sort(order);
  let start = 0;
  if (body.cursor !== undefined) {
    const position = JSON.parse(Buffer.from(body.cursor, 'base64url').toString('utf8')) as { r: Scalar; k: string };
    start = rows.findIndex((row) => order(row, position) > 0);
    if (start < 0) start = rows.length;
  }
  const scanned = rows.slice(start, start + body.limit);
  const filters = body.filters ? checkFilters(body.filters, 'filters') : undefined;
  const last = scanned[scanned.length - 1];
  return {
    data: scanned
      .filter((row) => !filters || matchesFilters(filters, row.item.value))
      .map((row) => ({
        key: row.k,
        value: row.item.value,
        ...(body.metadataFields?.includes('CREATED_AT') ? { createdAt: row.item.createdAt } : {}),
        ...(body.metadataFields?.includes('EXPIRE_TIME') && row.item.expireAt !== undefined ? { expireTime: new Date(row.item.expireAt).toISOString() } : {}),
      })),
    ...(rows.length > start + body.limit && last ? { cursor: Buffer.from(JSON.stringify({ i: body.indexName, s: body.sort ?? 'ASC', r: last.r, k: last.k })).toString('base64url') } : {}),
  };
}

function referenceKeyQuery(items: ReadonlyMap<string, Model>, prefix: string, after: string | undefined, limit: number, now: number): unknown {
  const rows = [...items]
    .filter(([k, item]) => (item.expireAt === undefined || item.expireAt > now) && k.startsWith(prefix) && (after === undefined || compareScalars(k, after) > 0))
    .sort(([a], [b]) => compareScalars(a, b));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(([key, item]) => ({ key, value: item.value })),
    ...(rows.length > page.length && last ? { cursor: Buffer.from(JSON.stringify({ k: last[0] })).toString('base64url') } : {}),
  };
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function randomFrom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe('queries against a from-scratch reference', () => {
  it('answers every page as a full scan and sort would, while items change, expire and vanish between pages', () => {
    const random = randomFrom(20260115);
    const entities = new Map<string, Model>();
    const keys = new Map<string, Model>();
    const pick = <T>(values: readonly T[]): T => values[random(values.length)] as T;
    const connections = ['c1', 'c2', 'c3'];
    const statuses = ['open', 'done'];
    const ttl = (): { expireAt?: number; options?: { ttl: { value: number; unit: 'SECONDS' } } } => {
      if (random(4) !== 0) return {};
      const seconds = 1 + random(30);
      return { expireAt: clock + seconds * 1000, options: { ttl: { value: seconds, unit: 'SECONDS' } } };
    };
    const mutate = (): void => {
      const what = random(10);
      if (what < 4) {
        const key = `p${random(60)}`;
        const value: Record<string, unknown> = { connectionId: pick(connections), localIssueId: key, localOrder: String(random(40)).padStart(2, '0') };
        if (random(3) !== 0) value['status'] = pick(statuses);
        if (random(3) !== 0) value['rank'] = random(20) - 5;
        const { expireAt, options } = ttl();
        const previous = entities.get(key);
        const live = previous && (previous.expireAt === undefined || previous.expireAt > clock);
        expect(store.handle('/api/v1/entity/set', { entityName: 'pair', key, value, ...(options ? { options } : {}) }).status).toBe(204);
        entities.set(key, { value, createdAt: live ? previous.createdAt : clock, ...(expireAt === undefined ? {} : { expireAt }) });
      } else if (what < 6) {
        const key = `p${random(60)}`;
        store.handle('/api/v1/entity/delete', { entityName: 'pair', key });
        entities.delete(key);
      } else if (what < 8) {
        const key = `${pick(['a', 'ab', 'b'])}:${random(40)}`;
        const { expireAt, options } = ttl();
        expect(store.handle('/api/v1/set', { key, value: random(100), ...(options ? { options } : {}) }).status).toBe(204);
        keys.set(key, { value: (store.handle('/api/v1/get', { key }).body as { value: Record<string, unknown> }).value, createdAt: clock, ...(expireAt === undefined ? {} : { expireAt }) });
      } else if (what < 9) {
        const key = `${pick(['a', 'ab', 'b'])}:${random(40)}`;
        store.handle('/api/v1/delete', { key });
        keys.delete(key);
      } else {
        clock += random(8) * 1000;
      }
    };
    const entityBody = (): Body => {
      const indexName = pick(Object.keys(INDEXES));
      const partition = indexName === 'by-connection' ? [pick(connections)] : indexName === 'by-status' ? [pick(connections), pick(statuses)] : undefined;
      const body: Body = { indexName, limit: 1 + random(6), ...(partition ? { partition } : {}) };
      if (random(2) === 0) body.sort = pick(['ASC', 'DESC'] as const);
      if (random(3) === 0) {
        const isRank = INDEXES[indexName]?.range === 'rank';
        const value = (): string | number => (isRank ? random(20) - 5 : indexName === 'by-key' ? `p${random(60)}` : String(random(40)).padStart(2, '0'));
        const condition = pick(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'LESS_THAN_EQUAL_TO'] as const);
        body.range = { condition, values: condition === 'BEGINS_WITH' ? [isRank ? '1' : String(value()).slice(0, 2)] : [value(), value()] };
      }
      if (random(3) === 0) body.filters = { [pick(['and', 'or'])]: [{ property: 'status', condition: 'EQUAL_TO', values: ['open'] }, { property: 'rank', condition: 'GREATER_THAN', values: [3] }] };
      if (random(3) === 0) body.metadataFields = ['CREATED_AT', 'EXPIRE_TIME'];
      return body;
    };

    for (let i = 0; i < 150; i++) mutate();
    for (let walk = 0; walk < 300; walk++) {
      if (random(2) === 0) {
        const body = entityBody();
        for (let page = 0; page < 200; page++) {
          const reply = store.handle('/api/v1/entity/query', { entityName: 'pair', ...body, ...(body.metadataFields ? { options: { metadataFields: body.metadataFields } } : {}) });
          expect(reply.status).toBe(200);
          expect(reply.body).toEqual(referenceEntityQuery(entities, body, clock));
          const cursor = (reply.body as { cursor?: string }).cursor;
          if (cursor === undefined) break;
          body.cursor = cursor;
          for (let n = random(3) === 0 ? random(3) : 0; n > 0; n--) mutate();
        }
      } else {
        const prefix = pick(['', 'a', 'ab', 'a:', 'b:1', 'zz']);
        const limit = 1 + random(8);
        let after: string | undefined;
        for (let page = 0; page < 200; page++) {
          const reply = store.handle('/api/v1/query', { limit, ...(prefix ? { where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }] } : {}), ...(after ? { after } : {}) });
          expect(reply.status).toBe(200);
          expect(reply.body).toEqual(referenceKeyQuery(keys, prefix, after === undefined ? undefined : (JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as { k: string }).k, limit, clock));
          after = (reply.body as { cursor?: string }).cursor;
          if (after === undefined) break;
          for (let n = random(3) === 0 ? random(3) : 0; n > 0; n--) mutate();
        }
      }
    }
  });
});
