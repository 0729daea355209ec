/** Behaviour every ClaimStore must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { ClaimStore } from '../claims';
import type { Within } from './connections.contract';

const NOW = Date.now();

export function claimStoreContract(name: string, make: () => Promise<{ store: ClaimStore; within: Within }>): void {
  describe(`ClaimStore contract: ${name}`, () => {
    it('lets exactly one of two racing claims win, and keeps keys apart', async () => {
      const { store, within } = await make();
      await within(async () => {
        const results = await Promise.all([store.claim('replay:c1:sig', NOW + 600_000, NOW), store.claim('replay:c1:sig', NOW + 600_000, NOW)]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.claim('replay:c1:sig', NOW + 600_000, NOW + 1000)).toBe(false);
        expect(await store.claim('replay:c2:sig', NOW + 600_000, NOW)).toBe(true);
      });
    });

    it('counts a lapsed claim as none, whether or not the store swept it yet', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.claim('key-rotation:c1', NOW + 1000, NOW)).toBe(true);
        expect(await store.claim('key-rotation:c1', NOW + 5000, NOW + 999)).toBe(false);
        expect(await store.claim('key-rotation:c1', NOW + 5000, NOW + 1000)).toBe(true);
        expect(await store.claim('key-rotation:c1', NOW + 9000, NOW + 4000)).toBe(false);
      });
    });

    it('frees a released claim at once, and takes releasing an unknown one quietly', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.claim('key-rotation:c1', NOW + 120_000, NOW)).toBe(true);
        await store.release('key-rotation:c1');
        await store.release('key-rotation:nope');
        expect(await store.claim('key-rotation:c1', NOW + 120_000, NOW)).toBe(true);
      });
    });
  });
}
