/**
 * The sweep behind "never dropped": a queue message can be lost (Forge gave up its retries after a
 * crash, or lost it), leaving its stored sync message waiting for nobody. Every scheduled tick queues
 * again each message that has waited longer than any retry takes; a second delivery is harmless
 * (the outbox finds the message gone or the partner answers duplicate; the inbox drains in order).
 */
import { CAPTURE_ENVELOPE } from './capture-retry';
import type { SyncDeps } from './deps';

/** Longer than Forge's four retries with back-off take, and than a busy partner's Retry-After. */
export const STRANDED_MS = 15 * 60_000;
/** Per kind and tick: bounded so a long backlog costs a few KVS pages, not an invocation's whole time. */
const SWEEP_LIMIT = 500;
const PUSH_BATCH = 50;

export interface SweepResult { outbox: number; inbox: number; captures: number }

export async function redeliverStranded(deps: Pick<SyncDeps, 'state' | 'outbox' | 'inbox' | 'now'>): Promise<SweepResult> {
  const before = deps.now() - STRANDED_MS;
  // A message's `at` is when its change happened, so it is at least as old as the message itself.
  const outgoing = (await deps.state.pendingOutgoing(SWEEP_LIMIT)).filter((p) => p.message.at <= before);
  const outbox = outgoing.map((p) => ({ v: 1 as const, type: 'sync' as const, connectionId: p.connectionId, messageId: p.message.messageId }));
  // The inbox drains an issue from its next message on: one envelope per issue is enough.
  const incoming = (await deps.state.pendingIncoming(SWEEP_LIMIT)).filter((p) => p.message.at <= before);
  const issues = new Map(incoming.map((p) => [`${p.connectionId}:${p.message.origin.issueId}`, { v: 1 as const, type: 'sync' as const, connectionId: p.connectionId, messageId: p.message.messageId }]));
  await pushAll(deps.outbox, outbox);
  const inbox = [...issues.values()];
  await pushAll(deps.inbox, inbox);
  // Deferred captures are named `<epoch ms>-<random>`: their age is in their id.
  const captures = (await deps.state.pendingDeferredEvents(SWEEP_LIMIT)).filter((id) => Number(id.split('-')[0]) <= before)
    .map((id) => ({ v: 1 as const, type: CAPTURE_ENVELOPE, connectionId: '-', messageId: id }));
  await pushAll(deps.outbox, captures);
  return { outbox: outbox.length, inbox: inbox.length, captures: captures.length };
}

/** Forge takes at most 50 events a push. */
async function pushAll(queue: SyncDeps['outbox'], envelopes: Parameters<SyncDeps['outbox']['push']>[0]): Promise<void> {
  for (let i = 0; i < envelopes.length; i += PUSH_BATCH) await queue.push(envelopes.slice(i, i + PUSH_BATCH));
}
