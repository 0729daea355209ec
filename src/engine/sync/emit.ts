/** Sends one change about one local issue: next sequence number, stored, then queued for the outbox consumer. */
import { messageIdOf, type Change, type SyncMessage } from '../../domain/sync/message';
import type { SyncDeps } from './deps';

export interface Emit {
  /** This side's connection id. */
  connectionId: string;
  side: string;
  issue: { id: string; key: string };
  target?: { issueId: string; issueKey: string } | undefined;
  at: number;
  change: Change;
}

export async function emit(deps: Pick<SyncDeps, 'connections' | 'state' | 'outbox' | 'pairs' | 'health' | 'now'>, e: Emit): Promise<SyncMessage> {
  const partnerConnectionId = (await deps.connections.partnerConnectionId(e.connectionId)) ?? e.connectionId;
  const seq = await deps.state.nextSeq(e.connectionId, e.issue.id);
  const message: SyncMessage = {
    v: 1, type: 'sync', messageId: messageIdOf(e.issue.id, seq), connectionId: partnerConnectionId,
    origin: { side: e.side, issueId: e.issue.id, issueKey: e.issue.key }, seq,
    ...(e.target ? { target: e.target } : {}), at: e.at, change: e.change,
  };
  // Stored before queued: a consumer never meets an envelope whose message is missing.
  await deps.state.putOutgoing(e.connectionId, message);
  await deps.outbox.push([{ v: 1, type: 'sync', connectionId: e.connectionId, messageId: message.messageId }]);
  if (e.target) await deps.pairs.update(e.connectionId, e.issue.id, { lastSentAt: new Date(deps.now()).toISOString() });
  return message;
}
