/** Behaviour every MessageStore must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../domain/notices';
import type { MessageStore } from '../relay';
import type { Within } from './connections.contract';

const notice = (connectionId: string, messageId: string): ChangeNotice => ({
  v: 1, type: 'change-notice', messageId, connectionId, eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SUP-1' }, occurredAt: '2026-01-05T09:00:00.000Z',
});

export function messageStoreContract(name: string, make: () => Promise<{ store: MessageStore; within: Within }>): void {
  describe(`MessageStore contract: ${name}`, () => {
    it('keeps an outgoing notice until it is removed', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.putOutgoing(notice('c1', 'm1'));
        expect(await store.getOutgoing('c1', 'm1')).toEqual(notice('c1', 'm1'));
        expect(await store.getOutgoing('c1', 'm2')).toBeUndefined();
        expect(await store.getOutgoing('c2', 'm1')).toBeUndefined();
        await store.removeOutgoing('c1', 'm1');
        expect(await store.getOutgoing('c1', 'm1')).toBeUndefined();
        await store.removeOutgoing('c1', 'm1'); // removing twice is fine: deliveries repeat
      });
    });

    it('records an incoming message once and reports the repeat', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.recordIncoming(notice('c1', 'm1'))).toBe('new');
        expect(await store.recordIncoming(notice('c1', 'm1'))).toBe('duplicate');
        expect(await store.recordIncoming(notice('c2', 'm1'))).toBe('new');
        expect(await store.getIncoming('c1', 'm1')).toEqual(notice('c1', 'm1'));
        expect(await store.getIncoming('c1', 'zz')).toBeUndefined();
      });
    });

    it('lists parked messages of one connection with their reasons', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.park(notice('c1', 'm1'), 'partner refused with 422');
        await store.park(notice('c2', 'm2'), 'gone');
        expect(await store.listParked('c1')).toEqual([{ notice: notice('c1', 'm1'), reason: 'partner refused with 422' }]);
        expect(await store.listParked('c3')).toEqual([]);
      });
    });
  });
}
