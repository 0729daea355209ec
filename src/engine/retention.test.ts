/** The retention sweep over in-memory ports: old errors are skipped as an admin would, recent ones stay. */
import { describe, expect, it } from 'vitest';
import { messageIdOf, SyncMessage } from '../domain/sync/message';
import { MemoryConnections } from '../ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../ports/fakes/health';
import { MemoryPairs } from '../ports/fakes/pairs';
import { MemoryQueue } from '../ports/fakes/queue';
import { MemoryIntents } from '../ports/fakes/intents';
import { MemorySyncState } from '../ports/fakes/sync';
import type { JiraTransport } from '../ports/jira';
import { ERROR_RETENTION_DAYS, sweepRetention, type RetentionDeps } from './retention';

const C = 'sup-dev';
const DAY = 86_400_000;
const NOW = Date.UTC(2027, 1, 1, 0, 0, 0);

const noJira: JiraTransport = { requestJira: () => { throw new Error('the sweep must not call Jira for these errors'); } };

function message(issueId: string, seq: number): SyncMessage {
  return SyncMessage.parse({
    v: 1, type: 'sync', messageId: messageIdOf(issueId, seq), connectionId: C,
    origin: { side: 'SUP', issueId, issueKey: `SUP-${issueId}` }, seq, at: NOW - 200 * DAY,
    change: { kind: 'comment', commentId: '500', author: { accountId: 'acc-sam', email: 'sam@example.com', displayName: 'Sam' }, created: '2026-01-01T00:00:00.000Z', body: { type: 'doc', version: 1, content: [] } },
  });
}

function world() {
  const state = new MemorySyncState();
  const audit = new MemoryAudit();
  const outbox = new MemoryQueue();
  const deps: RetentionDeps = {
    connections: new MemoryConnections(), pairs: new MemoryPairs(), state, intents: new MemoryIntents(), health: new MemoryHealth(), audit, jira: noJira,
    outbox, inbox: new MemoryQueue(), partner: { post: () => { throw new Error('no partner'); } }, now: () => NOW, random: () => 0,
    connectionIds: async () => [C],
  };
  return { deps, state, audit, outbox };
}

const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

describe('sweepRetention', () => {
  it(`skips errors left unresolved for over ${ERROR_RETENTION_DAYS} days, audited as the app's act, and keeps recent ones`, async () => {
    const { deps, state, audit, outbox } = world();
    await state.park({ connectionId: C, direction: 'out', message: message('10001', 1), reason: 'partner refused with 400', at: daysAgo(ERROR_RETENTION_DAYS + 1) });
    await state.park({ connectionId: C, direction: 'out', message: message('10002', 1), reason: 'partner refused with 400', at: daysAgo(ERROR_RETENTION_DAYS - 1) });

    expect(await sweepRetention(deps)).toEqual({ connections: 1, errorsExpired: 1 });

    expect((await state.listParked(C)).map((p) => p.message.messageId)).toEqual(['10002-1']);
    // The partner is told to stop waiting for that number: a placeholder without the message's content.
    expect((await state.getOutgoing(C, '10001-1'))?.change).toEqual({ kind: 'skipped' });
    expect(JSON.stringify(await state.getOutgoing(C, '10001-1'))).not.toContain('sam@example.com');
    expect(outbox.pushed).toEqual([{ v: 1, type: 'sync', connectionId: C, messageId: '10001-1' }]);
    const { entries } = await audit.list(C);
    expect(entries).toEqual([expect.objectContaining({ actor: 'lockstep', action: 'message.skipped', target: 'SUP-10001', detail: expect.stringContaining(`expired unresolved after ${ERROR_RETENTION_DAYS} days`) })]);
  });

  it('lets an incoming error go and its issue move on, and sweeps nothing twice', async () => {
    const { deps, state } = await world();
    await state.putIncoming(message('10003', 1));
    await state.park({ connectionId: C, direction: 'in', message: message('10003', 1), reason: 'Jira refused the comment', at: daysAgo(ERROR_RETENTION_DAYS + 30) });

    expect(await sweepRetention(deps)).toEqual({ connections: 1, errorsExpired: 1 });
    expect(await state.listParked(C)).toEqual([]);
    expect(await state.getIncoming(C, '10003', 1)).toBeUndefined();
    expect(await state.lastApplied(C, '10003')).toBe(1);
    expect(await sweepRetention(deps)).toEqual({ connections: 1, errorsExpired: 0 });
  });
});
