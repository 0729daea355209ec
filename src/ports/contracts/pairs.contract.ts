/** Behaviour every PairStore must show; run against the fake and against the custom-entity adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { Pair, PairStatus, PairStore } from '../pairs';
import type { Within } from './connections.contract';

const pair = (connectionId: string, localIssueId: string, partnerIssueId = `${Number(localIssueId) + 50_000}`, status: PairStatus = 'active'): Pair => ({
  connectionId,
  localIssueId,
  localIssueKey: `SUP-${localIssueId}`,
  partnerIssueId,
  partnerIssueKey: `DEV-${partnerIssueId}`,
  firstSyncAt: '2026-01-05T09:00:00.000Z',
  lastSentAt: null,
  lastReceivedAt: null,
  lastError: null,
  status,
});

/** `count` pairs of one connection with local ids 1..count, in shuffled order so stores must sort. */
const many = (connectionId: string, count: number, statusOf: (n: number) => PairStatus = () => 'active'): Pair[] => {
  const out = Array.from({ length: count }, (_, i) => pair(connectionId, String(i + 1), String(100_000 + i), statusOf(i + 1)));
  return out.map((p, i) => ({ p, k: (i * 7919) % count })).sort((a, b) => a.k - b.k).map(({ p }) => p);
};

/** Every pair of a listing, following cursors; fails on a page over the limit. */
async function listAll(store: PairStore, connectionId: string, options: { status?: PairStatus; limit?: number } = {}): Promise<Pair[]> {
  const out: Pair[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.list(connectionId, { ...options, ...(cursor === undefined ? {} : { cursor }) });
    expect(page.pairs.length).toBeLessThanOrEqual(options.limit ?? 100);
    out.push(...page.pairs);
    cursor = page.cursor;
    if (++pages > 1_000) throw new Error('list never ends');
  } while (cursor !== undefined);
  return out;
}

const ids = (pairs: readonly Pair[]): string[] => pairs.map((p) => p.localIssueId);
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export function pairStoreContract(name: string, make: () => Promise<{ store: PairStore; within: Within }>): void {
  describe(`PairStore contract: ${name}`, () => {
    it('finds a stored pair by local issue and by partner issue', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        expect(await store.byLocal('c1', '10001')).toEqual(pair('c1', '10001', '20001'));
        expect(await store.byPartner('c1', '20001')).toEqual(pair('c1', '10001', '20001'));
        expect(await store.byLocal('c1', '10002')).toBeUndefined();
        expect(await store.byPartner('c1', '10001')).toBeUndefined();
      });
    });

    it('keeps every field, nulls and timestamps included', async () => {
      const { store, within } = await make();
      const full: Pair = { ...pair('c1', '10001', '20001', 'error'), lastSentAt: '2026-01-05T10:00:00.000Z', lastReceivedAt: '2026-01-05T11:00:00.000Z', lastError: 'Partner refused: 400 "summary" is required' };
      await within(async () => {
        await store.put(full);
        expect(await store.byLocal('c1', '10001')).toEqual(full);
        await store.put({ ...full, lastError: '' });
        expect((await store.byLocal('c1', '10001'))?.lastError).toBe('');
      });
    });

    it('returns copies that callers cannot use to change what is stored', async () => {
      const { store, within } = await make();
      await within(async () => {
        const original = pair('c1', '10001', '20001');
        await store.put(original);
        original.localIssueKey = 'CHANGED-1';
        const read = await store.byLocal('c1', '10001');
        read!.status = 'deleted';
        const [listed] = (await store.list('c1')).pairs;
        listed!.partnerIssueKey = 'CHANGED-2';
        expect(await store.byLocal('c1', '10001')).toEqual(pair('c1', '10001', '20001'));
      });
    });

    it('replaces the pair of a local issue rather than adding a second', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        await store.put(pair('c1', '10001', '20002', 'error'));
        expect(await store.byLocal('c1', '10001')).toEqual(pair('c1', '10001', '20002', 'error'));
        expect(await store.byPartner('c1', '20001')).toBeUndefined();
        expect((await store.byPartner('c1', '20002'))?.localIssueId).toBe('10001');
        expect(ids((await store.list('c1')).pairs)).toEqual(['10001']);
      });
    });

    it('patches some fields of a pair and returns the result; a missing pair stays missing', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        const updated = await store.update('c1', '10001', { lastSentAt: '2026-01-06T08:00:00.000Z', status: 'error', lastError: 'boom' });
        const expected: Pair = { ...pair('c1', '10001', '20001'), lastSentAt: '2026-01-06T08:00:00.000Z', status: 'error', lastError: 'boom' };
        expect(updated).toEqual(expected);
        expect(await store.byLocal('c1', '10001')).toEqual(expected);
        expect(await store.update('c1', '10001', { lastError: null, status: 'active' })).toEqual({ ...expected, lastError: null, status: 'active' });
        expect(await store.update('c1', '99999', { status: 'error' })).toBeUndefined();
        expect(await store.update('c2', '10001', { status: 'error' })).toBeUndefined();
        expect(await store.byLocal('c1', '99999')).toBeUndefined();
        expect(await store.byLocal('c2', '10001')).toBeUndefined();
      });
    });

    it('keeps every one of several concurrent updates to different fields', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        await Promise.all([
          store.update('c1', '10001', { lastSentAt: '2026-01-06T08:00:00.000Z' }),
          store.update('c1', '10001', { lastReceivedAt: '2026-01-06T09:00:00.000Z' }),
          store.update('c1', '10001', { status: 'error', lastError: 'partner refused' }),
        ]);
        expect(await store.byLocal('c1', '10001')).toEqual({
          ...pair('c1', '10001', '20001'), lastSentAt: '2026-01-06T08:00:00.000Z', lastReceivedAt: '2026-01-06T09:00:00.000Z', status: 'error', lastError: 'partner refused',
        });
      });
    });

    it('pages through 250 pairs in numeric local id order, without duplicates or gaps', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.putMany(many('c1', 250));
        const first = await store.list('c1', { limit: 100 });
        expect(ids(first.pairs)).toEqual(range(1, 100));
        expect(first.cursor).toBeDefined();
        const second = await store.list('c1', { limit: 100, cursor: first.cursor! });
        expect(ids(second.pairs)).toEqual(range(101, 200));
        expect(ids(await listAll(store, 'c1', { limit: 100 }))).toEqual(range(1, 250));
        expect(ids(await listAll(store, 'c1', { limit: 7 }))).toEqual(range(1, 250));
        expect((await store.list('c1')).pairs.length).toBe(100);
        const everything = await store.list('c1', { limit: 250 });
        expect(ids(everything.pairs)).toEqual(range(1, 250));
        expect(everything.cursor).toBeUndefined();
      });
    });

    it('orders ids of different lengths as numbers, up to 18 digits', async () => {
      const { store, within } = await make();
      await within(async () => {
        for (const id of ['100', '9', '999999999999999999', '10', '10000']) await store.put(pair('c1', id, '1'));
        expect(ids((await store.list('c1')).pairs)).toEqual(['9', '10', '100', '10000', '999999999999999999']);
      });
    });

    it('lists only the pairs of one status when asked, in the same order and pages', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.putMany(many('c1', 150, (n) => (n % 3 === 0 ? 'error' : n % 5 === 0 ? 'deleted' : 'active')));
        const errors = await listAll(store, 'c1', { status: 'error', limit: 20 });
        expect(ids(errors)).toEqual(range(1, 150).filter((id) => Number(id) % 3 === 0));
        expect(errors.every((p) => p.status === 'error')).toBe(true);
        const deleted = await listAll(store, 'c1', { status: 'deleted' });
        expect(ids(deleted)).toEqual(range(1, 150).filter((id) => Number(id) % 3 !== 0 && Number(id) % 5 === 0));
        await store.update('c1', '3', { status: 'active' });
        expect(ids(await listAll(store, 'c1', { status: 'error' }))[0]).toBe('6');
        expect(await store.list('c2', { status: 'error' })).toEqual({ pairs: [] });
      });
    });

    it('never mixes the pairs of different connections', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        await store.put(pair('c2', '10001', '20009', 'error'));
        await store.put(pair('c10', '10002', '20001'));
        expect((await store.byLocal('c2', '10001'))?.partnerIssueId).toBe('20009');
        expect((await store.byPartner('c1', '20001'))?.connectionId).toBe('c1');
        expect(await store.byPartner('c2', '20001')).toBeUndefined();
        expect(ids((await store.list('c1')).pairs)).toEqual(['10001']);
        expect(ids((await store.list('c1', { status: 'error' })).pairs)).toEqual([]);
        await store.update('c1', '10001', { status: 'deleted' });
        expect((await store.byLocal('c2', '10001'))?.status).toBe('error');
        await store.remove('c1', '10001');
        expect(await store.byLocal('c2', '10001')).toBeDefined();
        expect(await store.removeSome('c1', 10)).toBe(0);
        expect(ids((await store.list('c10')).pairs)).toEqual(['10002']);
      });
    });

    it('removes one pair, and removing it again is fine', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(pair('c1', '10001', '20001'));
        await store.put(pair('c1', '10002', '20002'));
        await store.remove('c1', '10001');
        expect(await store.byLocal('c1', '10001')).toBeUndefined();
        expect(await store.byPartner('c1', '20001')).toBeUndefined();
        expect(ids((await store.list('c1')).pairs)).toEqual(['10002']);
        await store.remove('c1', '10001');
        await store.remove('c1', '404');
      });
    });

    it('removes a connection\'s pairs a few at a time until none are left', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.putMany(many('c1', 60));
        await store.put(pair('c2', '1', '1'));
        const counts: number[] = [];
        for (let n = await store.removeSome('c1', 25); n > 0; n = await store.removeSome('c1', 25)) counts.push(n);
        expect(counts).toEqual([25, 25, 10]);
        expect(await store.list('c1')).toEqual({ pairs: [] });
        expect(await store.byLocal('c2', '1')).toBeDefined();
        expect(await store.removeSome('c1', 25)).toBe(0);
      });
    });

    it('stores many pairs at once, the same as putting each', async () => {
      const { store, within } = await make();
      await within(async () => {
        const pairs = many('c1', 120);
        await store.putMany(pairs);
        const listed = await listAll(store, 'c1');
        expect(ids(listed)).toEqual(range(1, 120));
        expect(listed).toEqual([...pairs].sort((a, b) => Number(a.localIssueId) - Number(b.localIssueId)));
        expect((await store.byPartner('c1', '100119'))?.localIssueId).toBe('120');
        // A later pair for the same local issue wins, as with put one after another.
        await store.putMany([pair('c1', '1', '7'), pair('c1', '1', '8', 'error')]);
        expect(await store.byLocal('c1', '1')).toEqual(pair('c1', '1', '8', 'error'));
        await store.putMany([]);
        expect((await listAll(store, 'c1')).length).toBe(120);
      });
    });

    it('refuses an invalid pair or patch with an error naming the field, and stores nothing of it', async () => {
      const { store, within } = await make();
      await within(async () => {
        const bad = { ...pair('c1', '10001'), localIssueId: 'SUP-1' } as Pair;
        await expect(store.put(bad)).rejects.toThrow(/localIssueId/);
        await expect(store.put({ ...pair('c1', '10002'), status: 'lost' } as unknown as Pair)).rejects.toThrow(/status/);
        await expect(store.put({ ...pair('c1', '10003'), firstSyncAt: 'yesterday' })).rejects.toThrow(/firstSyncAt/);
        await expect(store.putMany([pair('c1', '10004'), bad])).rejects.toThrow(/localIssueId/);
        expect(await store.list('c1')).toEqual({ pairs: [] });
        await store.put(pair('c1', '10005', '20005'));
        await expect(store.update('c1', '10005', { lastSentAt: 'not a time' })).rejects.toThrow(/lastSentAt/);
        expect(await store.byLocal('c1', '10005')).toEqual(pair('c1', '10005', '20005'));
        await expect(store.list('c1', { limit: 0 })).rejects.toThrow(RangeError);
        await expect(store.removeSome('c1', 0)).rejects.toThrow(RangeError);
      });
    });
  });
}
