import { describe, expect, it } from 'vitest';
import { messageIdOf, type SyncMessage } from '../../domain/sync/message';
import { MemoryQueue } from '../../ports/fakes/queue';
import { MemorySyncState } from '../../ports/fakes/sync';
import { redeliverStranded, STRANDED_MS } from './redeliver';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const message = (connectionId: string, origin: string, seq: number, at: number): SyncMessage => ({
  v: 1, type: 'sync', messageId: messageIdOf(origin, seq), connectionId, origin: { side: 'SUP', issueId: origin, issueKey: 'SUP-1' }, seq, at, change: { kind: 'paired' },
});

describe('redeliverStranded', () => {
  it('queues again only messages older than a retry series, one inbox envelope per issue', async () => {
    const state = new MemorySyncState();
    const outbox = new MemoryQueue();
    const inbox = new MemoryQueue();
    const old = NOW - STRANDED_MS - 1;
    await state.putOutgoing('c1', message('c1', '100', 1, old));
    await state.putOutgoing('c1', message('c1', '101', 1, NOW - 1000));
    await state.putIncoming(message('c2', '200', 1, old));
    await state.putIncoming(message('c2', '200', 2, old));
    await state.putIncoming(message('c2', '201', 1, NOW));
    expect(await redeliverStranded({ state, outbox, inbox, now: () => NOW })).toEqual({ outbox: 1, inbox: 1, captures: 0 });
    expect(outbox.pushed).toEqual([{ v: 1, type: 'sync', connectionId: 'c1', messageId: '100-1' }]);
    expect(inbox.pushed).toEqual([expect.objectContaining({ connectionId: 'c2', messageId: expect.stringMatching(/^200-/) })]);
  });

  it('queues again a deferred capture whose queue message was lost', async () => {
    const state = new MemorySyncState();
    const outbox = new MemoryQueue();
    await state.putDeferredEvent(`${NOW - STRANDED_MS - 1}-abc`, { eventType: 'avi:jira:updated:issue' });
    await state.putDeferredEvent(`${NOW - 1000}-def`, { eventType: 'avi:jira:updated:issue' });
    expect(await redeliverStranded({ state, outbox, inbox: new MemoryQueue(), now: () => NOW })).toEqual({ outbox: 0, inbox: 0, captures: 1 });
    expect(outbox.pushed).toEqual([{ v: 1, type: 'capture', connectionId: '-', messageId: `${NOW - STRANDED_MS - 1}-abc` }]);
  });

  it('does nothing when nothing waits', async () => {
    const outbox = new MemoryQueue();
    const inbox = new MemoryQueue();
    expect(await redeliverStranded({ state: new MemorySyncState(), outbox, inbox, now: () => NOW })).toEqual({ outbox: 0, inbox: 0, captures: 0 });
    expect([...outbox.pushed, ...inbox.pushed]).toEqual([]);
  });
});
