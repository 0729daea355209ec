/** Behaviour every LinkStore must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { LinkStore, PendingInvitation } from '../links';
import type { Within } from './connections.contract';

const LATER = Date.now() + 60 * 60_000;
const invitation = (connectionId: string): PendingInvitation => ({
  connectionId, token: 't'.repeat(43), privateKey: 'p'.repeat(64), expiresAt: LATER,
});

export function linkStoreContract(name: string, make: () => Promise<{ store: LinkStore; within: Within }>): void {
  describe(`LinkStore contract: ${name}`, () => {
    it('keeps an invitation until it is dropped, and only that connection\'s', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.saveInvitation(invitation('c1'));
        expect(await store.invitation('c1')).toEqual(invitation('c1'));
        expect(await store.invitation('c2')).toBeUndefined();
        await store.dropInvitation('c1');
        expect(await store.invitation('c1')).toBeUndefined();
      });
    });

    it('still returns an invitation that has just expired, so the refusal can say so', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.saveInvitation({ ...invitation('c1'), expiresAt: Date.now() - 1000 });
        expect((await store.invitation('c1'))?.connectionId).toBe('c1');
      });
    });

    it('lets exactly one of two racing claims win, and keeps the claim after the secrets are dropped', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.saveInvitation(invitation('c1'));
        const results = await Promise.all([store.claimInvitation('c1'), store.claimInvitation('c1')]);
        expect(results.filter(Boolean)).toHaveLength(1);
        await store.dropInvitation('c1');
        expect(await store.claimInvitation('c1')).toBe(false);
        expect(await store.claimInvitation('c2')).toBe(true);
      });
    });

    it('remembers when the state last changed, per connection', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.stateChangedAt('c1')).toBeUndefined();
        await store.setStateChangedAt('c1', 1_700_000_000_000);
        await store.setStateChangedAt('c2', 5);
        expect(await store.stateChangedAt('c1')).toBe(1_700_000_000_000);
        expect(await store.stateChangedAt('c2')).toBe(5);
      });
    });

    it('forgets everything of one connection and nothing of another', async () => {
      const { store, within } = await make();
      await within(async () => {
        for (const id of ['c1', 'c2']) {
          await store.saveInvitation(invitation(id));
          await store.claimInvitation(id);
          await store.setStateChangedAt(id, 42);
        }
        await store.forget('c1');
        await store.forget('never-existed');
        expect(await store.invitation('c1')).toBeUndefined();
        expect(await store.stateChangedAt('c1')).toBeUndefined();
        expect(await store.claimInvitation('c1')).toBe(true);
        expect(await store.invitation('c2')).toEqual(invitation('c2'));
        expect(await store.stateChangedAt('c2')).toBe(42);
        expect(await store.claimInvitation('c2')).toBe(false);
      });
    });
  });
}
