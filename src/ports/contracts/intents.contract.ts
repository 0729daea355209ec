/** Behaviour every IntentStore must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { CreateIntent, IntentStore } from '../intents';
import type { Within } from './connections.contract';

const NOW = 1_790_000_000_000;
const comment = (connectionId: string, id: string, since = NOW): CreateIntent => ({ connectionId, kind: 'comment', id, since });

export function intentStoreContract(name: string, make: () => Promise<{ store: IntentStore; within: Within }>): void {
  describe(`IntentStore contract: ${name}`, () => {
    it('writes a new intent, and answers a second begin with the first one, unchanged', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.begin(comment('c1', '10001'))).toBeUndefined();
        expect(await store.begin(comment('c1', '10001', NOW + 60_000))).toEqual(comment('c1', '10001'));
        expect(await store.begin(comment('c1', '10001', NOW + 90_000))).toEqual(comment('c1', '10001'));
      });
    });

    it('lets exactly one of two racing begins write', async () => {
      const { store, within } = await make();
      await within(async () => {
        const results = await Promise.all([store.begin(comment('c1', '10002')), store.begin(comment('c1', '10002', NOW + 1))]);
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
      });
    });

    it('keeps connections, kinds and ids apart', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.begin(comment('c1', '10003'))).toBeUndefined();
        expect(await store.begin(comment('c10', '10003'))).toBeUndefined();
        expect(await store.begin({ ...comment('c1', '10003'), kind: 'attachment' })).toBeUndefined();
        expect(await store.begin(comment('c1', '100031'))).toBeUndefined();
      });
    });

    it('renews an intent over the old one, and forgets it on end (quietly when there is none)', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.begin(comment('c1', '10004'));
        await store.renew(comment('c1', '10004', NOW + 5_000));
        expect(await store.begin(comment('c1', '10004', NOW + 9_000))).toEqual(comment('c1', '10004', NOW + 5_000));
        await store.end('c1', 'comment', '10004');
        await store.end('c1', 'comment', 'never-begun');
        expect(await store.begin(comment('c1', '10004', NOW + 9_000))).toBeUndefined();
      });
    });

    it('lists the batches of one connection, with their origins', async () => {
      const { store, within } = await make();
      await within(async () => {
        const batch: CreateIntent = { connectionId: 'c1', kind: 'bulk', id: '10005-1790000000000', since: NOW, origins: ['10005', '10006'] };
        await store.renew(batch);
        await store.renew({ ...batch, connectionId: 'c10', id: 'other' });
        await store.begin(comment('c1', '10005'));
        expect(await store.list('c1', 'bulk')).toEqual([batch]);
        await store.end('c1', 'bulk', batch.id);
        expect(await store.list('c1', 'bulk')).toEqual([]);
      });
    });
  });
}
