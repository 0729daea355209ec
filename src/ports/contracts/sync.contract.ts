/** Behaviour every SyncState must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import { messageIdOf, type Change, type SyncMessage } from '../../domain/sync/message';
import type { ParkedMessage, SyncState } from '../sync';
import type { Within } from './connections.contract';

const message = (connectionId: string, origin: string, seq: number, change: Change = { kind: 'paired' }): SyncMessage => ({
  v: 1, type: 'sync', messageId: messageIdOf(origin, seq), connectionId,
  origin: { side: 'SUP', issueId: origin, issueKey: 'SUP-12' }, seq,
  target: { issueId: '20077', issueKey: 'DEV-7' }, at: 1_790_000_000_000, change,
});

const issueChange = (summary: string): Change => ({ kind: 'issue', create: false, issueType: { id: '10002', name: 'Task' }, fields: { summary } });

/** A base64 text of `length` characters, varied so a misplaced chunk would show. */
const base64Of = (length: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Array.from({ length }, (_, i) => alphabet[(i * 7 + Math.floor(i / 1000)) % 64]).join('');
};

const parked = (connectionId: string, direction: 'in' | 'out', origin: string, seq: number): ParkedMessage => ({
  connectionId, direction, message: message(connectionId, origin, seq), reason: `Jira answered 400: refused ${origin}-${seq}`, at: '2026-11-02T09:00:00.000Z',
});

const byId = (entries: ParkedMessage[]) => [...entries].sort((a, b) => `${a.direction}${a.message.messageId}`.localeCompare(`${b.direction}${b.message.messageId}`));

export function syncStateContract(name: string, make: () => Promise<{ state: SyncState; within: Within }>): void {
  describe(`SyncState contract: ${name}`, () => {
    it('tells a gap from the end of an issue\'s messages, and remembers when a gap was first seen', async () => {
      const { state, within } = await make();
      await within(async () => {
        await state.putIncoming(message('g1', '10600', 3));
        await state.putIncoming(message('g1', '10600', 12));
        expect(await state.hasIncomingAfter('g1', '10600', 2)).toBe(true);
        expect(await state.hasIncomingAfter('g1', '10600', 11)).toBe(true);
        expect(await state.hasIncomingAfter('g1', '10600', 12)).toBe(false);
        expect(await state.hasIncomingAfter('g1', '10601', 0)).toBe(false);
        expect(await state.gapSince('g1', '10600', 2, 1_000)).toBe(1_000);
        expect(await state.gapSince('g1', '10600', 2, 5_000)).toBe(1_000);
        expect(await state.gapSince('g1', '10600', 4, 5_000)).toBe(5_000);
        expect(await state.catchUpCursor('g1')).toBeUndefined();
        await state.setCatchUpCursor('g1', 1_790_000_000_000);
        expect(await state.catchUpCursor('g1')).toBe(1_790_000_000_000);
        expect(await state.sweepCursor('g1')).toBeUndefined();
        await state.setSweepCursor('g1', '10512');
        expect(await state.sweepCursor('g1')).toBe('10512');
        expect(await state.sweepCursor('g2')).toBeUndefined();
        await state.setSweepCursor('g1', undefined);
        expect(await state.sweepCursor('g1')).toBeUndefined();
      });
    });

    it('keeps a deferred product event until it is removed, and lists it meanwhile', async () => {
      const { state, within } = await make();
      await within(async () => {
        const event = { eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SUP-1', fields: { summary: 'x' } } };
        await state.putDeferredEvent('e-1', event);
        expect(await state.getDeferredEvent('e-1')).toEqual(event);
        expect(await state.pendingDeferredEvents(10)).toContain('e-1');
        await state.removeDeferredEvent('e-1');
        expect(await state.getDeferredEvent('e-1')).toBeUndefined();
        expect(await state.pendingDeferredEvents(10)).not.toContain('e-1');
      });
    });

    it('lists the messages still waiting, outgoing and incoming, with their connection, and forgets them once done', async () => {
      const { state, within } = await make();
      await within(async () => {
        await state.putOutgoing('w1', message('w1p', '10500', 1));
        await state.putOutgoing('w2', message('w2p', '10501', 4));
        await state.putIncoming(message('w3', '10502', 2));
        const out = (await state.pendingOutgoing(100)).filter((p) => p.connectionId.startsWith('w'));
        expect(out.map((p) => `${p.connectionId} ${p.message.messageId}`).sort()).toEqual(['w1 10500-1', 'w2 10501-4']);
        expect((await state.pendingIncoming(100)).filter((p) => p.connectionId === 'w3').map((p) => p.message.messageId)).toEqual(['10502-2']);
        expect((await state.pendingOutgoing(1)).length).toBe(1);
        await state.removeOutgoing('w1', '10500-1');
        await state.removeIncoming('w3', '10502', 2);
        expect((await state.pendingOutgoing(100)).filter((p) => p.connectionId === 'w1')).toEqual([]);
        expect((await state.pendingIncoming(100)).filter((p) => p.connectionId === 'w3')).toEqual([]);
      });
    });

    it('numbers an issue\'s messages 1, 2, 3… without gaps or repeats, even under 20 concurrent calls', async () => {
      const { state, within } = await make();
      await within(async () => {
        const concurrent = await Promise.all(Array.from({ length: 20 }, () => state.nextSeq('c1', '10042')));
        // A receiver waits for every number in turn: a repeat would be lost, a gap would block the issue.
        expect([...concurrent].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(await state.nextSeq('c1', '10042')).toBe(21);
        expect(await state.nextSeq('c1', '10042')).toBe(22);
        expect(await state.nextSeq('c1', '10043')).toBe(1);
        expect(await state.nextSeq('c2', '10042')).toBe(1);
      });
    });

    it('keeps an outgoing message under this side\'s connection until it is removed', async () => {
      const { state, within } = await make();
      await within(async () => {
        const m = message('partner-id', '10042', 1, issueChange('Login fails'));
        await state.putOutgoing('c1', m);
        expect(await state.getOutgoing('c1', '10042-1')).toEqual(m);
        expect(await state.getOutgoing('c2', '10042-1')).toBeUndefined();
        await state.removeOutgoing('c1', '10042-1');
        expect(await state.getOutgoing('c1', '10042-1')).toBeUndefined();
      });
    });

    it('keeps an incoming message once: a second copy is a duplicate, and so is any copy at or below the last applied', async () => {
      const { state, within } = await make();
      await within(async () => {
        const first = message('c1', '10042', 1, issueChange('first'));
        expect(await state.putIncoming(first)).toBe('new');
        expect(await state.putIncoming({ ...first, change: issueChange('a copy that differs') })).toBe('duplicate');
        expect(await state.getIncoming('c1', '10042', 1)).toEqual(first);
        expect(await state.putIncoming(message('c2', '10042', 1))).toBe('new');
        expect(await state.getIncoming('c1', '10043', 1)).toBeUndefined();

        expect(await state.lastApplied('c1', '10042')).toBe(0);
        await state.setLastApplied('c1', '10042', 5);
        expect(await state.lastApplied('c1', '10042')).toBe(5);
        expect(await state.lastApplied('c1', '10043')).toBe(0);
        expect(await state.putIncoming(message('c1', '10042', 3))).toBe('duplicate');
        expect(await state.putIncoming(message('c1', '10042', 5))).toBe('duplicate');
        expect(await state.putIncoming(message('c1', '10042', 6))).toBe('new');
        expect(await state.putIncoming(message('c1', '10043', 3))).toBe('new');

        await state.removeIncoming('c1', '10042', 6);
        expect(await state.getIncoming('c1', '10042', 6)).toBeUndefined();
      });
    });

    it('round-trips a message carrying a large file, and removes it whole', async () => {
      const { state, within } = await make();
      await within(async () => {
        const content = base64Of(600_000);
        const big = message('c1', '10042', 1, {
          kind: 'attachment', attachmentId: '10600', filename: 'capture.har', mimeType: 'application/json', size: 450_000,
          author: { accountId: 'acc-sam', displayName: 'Sam' }, created: '2026-11-02T09:00:00.000Z', contentBase64: content,
        });
        expect(await state.putIncoming(big)).toBe('new');
        const back = await state.getIncoming('c1', '10042', 1);
        expect(back?.change.kind === 'attachment' ? back.change.contentBase64?.length : undefined).toBe(600_000);
        expect(back).toEqual(big);
        expect(await state.putIncoming(big)).toBe('duplicate');

        await state.removeIncoming('c1', '10042', 1);
        expect(await state.getIncoming('c1', '10042', 1)).toBeUndefined();
        // A different, smaller file under the same number afterwards is read as itself, with nothing left of the first.
        const small = message('c1', '10042', 1, { ...(big.change as Extract<Change, { kind: 'attachment' }>), contentBase64: 'c21hbGw=' });
        await state.putIncoming(small);
        expect(await state.getIncoming('c1', '10042', 1)).toEqual(small);
      });
    });

    it('grants an issue\'s lock to one holder at a time until it is unlocked', async () => {
      const { state, within } = await make();
      await within(async () => {
        const racing = await Promise.all(Array.from({ length: 5 }, () => state.tryLock('c1', '10042', 300)));
        expect(racing.filter(Boolean)).toHaveLength(1);
        expect(await state.tryLock('c1', '10042', 300)).toBe(false);
        expect(await state.tryLock('c1', '10043', 300)).toBe(true);
        expect(await state.tryLock('c2', '10042', 300)).toBe(true);
        await state.unlock('c1', '10042');
        expect(await state.tryLock('c1', '10042', 300)).toBe(true);
        expect(await state.tryLock('c1', '10042', 300)).toBe(false);
      });
    });

    it('keeps field stamps per connection and issue, replacing them whole', async () => {
      const { state, within } = await make();
      await within(async () => {
        expect(await state.stamps('c1', '10042')).toEqual({});
        const stamps = { summary: { changedAt: 1_790_000_000_000, site: 'SUP' }, status: { changedAt: 1_790_000_001_000, site: 'DEV' } };
        await state.setStamps('c1', '10042', stamps);
        expect(await state.stamps('c1', '10042')).toEqual(stamps);
        expect(await state.stamps('c1', '10043')).toEqual({});
        expect(await state.stamps('c2', '10042')).toEqual({});
        await state.setStamps('c1', '10042', { labels: { changedAt: 5, site: 'DEV' } });
        expect(await state.stamps('c1', '10042')).toEqual({ labels: { changedAt: 5, site: 'DEV' } });
      });
    });

    it('pairs comments and attachments both ways, per kind and connection, and forgets a pair both ways', async () => {
      const { state, within } = await make();
      await within(async () => {
        await state.putObjectPair('c1', 'comment', '10500', '20500');
        await state.putObjectPair('c1', 'attachment', '10600', '20600');
        expect(await state.localObject('c1', 'comment', '20500')).toBe('10500');
        expect(await state.partnerObject('c1', 'comment', '10500')).toBe('20500');
        expect(await state.localObject('c1', 'attachment', '20500')).toBeUndefined();
        expect(await state.partnerObject('c1', 'attachment', '10600')).toBe('20600');
        expect(await state.localObject('c2', 'comment', '20500')).toBeUndefined();

        await state.removeObjectPair('c1', 'comment', '10500');
        await state.removeObjectPair('c1', 'comment', '99999');
        expect(await state.localObject('c1', 'comment', '20500')).toBeUndefined();
        expect(await state.partnerObject('c1', 'comment', '10500')).toBeUndefined();
        expect(await state.localObject('c1', 'attachment', '20600')).toBe('10600');
      });
    });

    it('lists, finds and unparks parked messages per connection and direction', async () => {
      const { state, within } = await make();
      await within(async () => {
        const given = [parked('c1', 'in', '10042', 1), parked('c1', 'out', '10042', 2), parked('c10', 'in', '10042', 3)];
        for (const e of given) await state.park(e);
        // The store adds the first attempt and the count: a message parked once has one attempt, at its time.
        const entries = given.map((e) => ({ ...e, firstAttemptAt: e.at, attempts: 1 }));
        expect(byId(await state.listParked('c1'))).toEqual(byId(entries.slice(0, 2)));
        expect(await state.listParked('c10')).toEqual([entries[2]]);
        expect(await state.listParked('c2')).toEqual([]);
        expect(await state.getParked('c1', 'in', '10042-1')).toEqual(entries[0]);
        expect(await state.getParked('c1', 'out', '10042-1')).toBeUndefined();
        expect(await state.getParked('c1', 'out', '10042-2')).toEqual(entries[1]);

        await state.unpark('c1', 'in', '10042-1');
        expect(await state.getParked('c1', 'in', '10042-1')).toBeUndefined();
        expect(await state.listParked('c1')).toEqual([entries[1]]);
      });
    });

    it('carries a retried message’s first attempt and count into its next parking, and forgets them on a plain unpark', async () => {
      const { state, within } = await make();
      await within(async () => {
        const first = parked('c1', 'in', '10042', 1);
        await state.park(first);
        await state.unpark('c1', 'in', '10042-1', true);
        expect(await state.getParked('c1', 'in', '10042-1')).toBeUndefined();
        const again = { ...first, reason: 'still failing', at: '2026-01-05T10:00:00.000Z' };
        await state.park(again);
        expect(await state.getParked('c1', 'in', '10042-1')).toEqual({ ...again, firstAttemptAt: first.at, attempts: 2 });
        await state.unpark('c1', 'in', '10042-1');
        await state.park(again);
        expect(await state.getParked('c1', 'in', '10042-1')).toMatchObject({ firstAttemptAt: again.at, attempts: 1 });
      });
    });

    it('counts an issue blocked only while an incoming message of that very issue is parked', async () => {
      const { state, within } = await make();
      await within(async () => {
        expect(await state.isBlocked('c1', '10042')).toBe(false);
        await state.park(parked('c1', 'out', '10042', 1));
        await state.park(parked('c1', 'in', '100420', 1));
        await state.park(parked('c2', 'in', '10042', 1));
        // Outgoing failures, another issue whose id starts alike, another connection: none block it.
        expect(await state.isBlocked('c1', '10042')).toBe(false);
        expect(await state.isBlocked('c1', '100420')).toBe(true);
        expect(await state.isBlocked('c2', '10042')).toBe(true);

        await state.park(parked('c1', 'in', '10042', 4));
        expect(await state.isBlocked('c1', '10042')).toBe(true);
        await state.unpark('c1', 'in', '10042-4');
        expect(await state.isBlocked('c1', '10042')).toBe(false);
      });
    });
  });
}
