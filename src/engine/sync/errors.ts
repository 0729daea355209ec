/**
 * The connection's error list, as an admin acts on it: retry a parked message (it goes back where it
 * failed), or skip it (incoming: the issue's later messages may now apply; outgoing: the partner is
 * told to stop waiting for that sequence number). Both are audited with the admin's account.
 */
import type { ParkedMessage } from '../../ports/sync';
import type { SyncDeps } from './deps';
import { drainIssue } from './drain';

export type ErrorAction = { done: string } | { notFound: string };

export async function listErrors(deps: SyncDeps, connectionId: string): Promise<ParkedMessage[]> {
  return (await deps.state.listParked(connectionId)).sort((a, b) => a.at.localeCompare(b.at));
}

export async function retryParked(deps: SyncDeps, connectionId: string, direction: 'in' | 'out', messageId: string, actor: string): Promise<ErrorAction> {
  const parked = await deps.state.getParked(connectionId, direction, messageId);
  if (!parked) return { notFound: `no parked message ${messageId}` };
  await deps.state.unpark(connectionId, direction, messageId, true);
  if (direction === 'out') {
    await deps.state.putOutgoing(connectionId, parked.message);
    await deps.outbox.push([{ v: 1, type: 'sync', connectionId, messageId }]);
  } else {
    await deps.inbox.push([{ v: 1, type: 'sync', connectionId, messageId }]);
  }
  await record(deps, connectionId, actor, 'message.retried', parked, 'retried');
  await deps.health.bump(connectionId, { retried: 1 }, deps.now());
  return { done: `${messageId} queued again` };
}

/** `verb` says why in the audit entry: an admin's skip, or the retention sweep's expiry (src/engine/retention.ts). */
export async function skipParked(deps: SyncDeps, connectionId: string, direction: 'in' | 'out', messageId: string, actor: string, verb = 'skipped'): Promise<ErrorAction> {
  const parked = await deps.state.getParked(connectionId, direction, messageId);
  if (!parked) return { notFound: `no parked message ${messageId}` };
  const m = parked.message;
  if (direction === 'in') {
    // Passing over its sequence number lets the messages that waited behind it apply.
    if ((await deps.state.lastApplied(connectionId, m.origin.issueId)) < m.seq) await deps.state.setLastApplied(connectionId, m.origin.issueId, m.seq);
    await deps.state.removeIncoming(connectionId, m.origin.issueId, m.seq);
    await deps.state.unpark(connectionId, direction, messageId);
    await drainIssue(deps, connectionId, m.origin.issueId);
  } else {
    const placeholder = { ...m, change: { kind: 'skipped' as const } };
    await deps.state.unpark(connectionId, direction, messageId);
    await deps.state.putOutgoing(connectionId, placeholder);
    await deps.outbox.push([{ v: 1, type: 'sync', connectionId, messageId }]);
  }
  await record(deps, connectionId, actor, 'message.skipped', parked, verb);
  return { done: `${messageId} skipped` };
}

async function record(deps: SyncDeps, connectionId: string, actor: string, action: 'message.retried' | 'message.skipped', parked: ParkedMessage, verb: string): Promise<void> {
  await deps.audit.record({
    connectionId, at: new Date(deps.now()).toISOString(), actor, action, target: parked.message.origin.issueKey,
    detail: `${verb} ${parked.direction === 'in' ? 'incoming' : 'outgoing'} ${parked.message.messageId} (${parked.message.change.kind}), parked because: ${parked.reason}`.slice(0, 2000),
  });
}

/** Retries every parked message of the connection, oldest first; each goes back where it failed. */
export async function retryAllParked(deps: SyncDeps, connectionId: string, actor: string): Promise<{ retried: number }> {
  let retried = 0;
  for (const parked of await listErrors(deps, connectionId)) {
    const done = await retryParked(deps, connectionId, parked.direction, parked.message.messageId, actor);
    if ('done' in done) retried += 1;
  }
  return { retried };
}
