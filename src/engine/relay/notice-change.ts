/** Outgoing side, step 1: a product event on a synced project becomes one change notice per running connection. */
import { ProductEvent, projectKeyOf } from '../../domain/events';
import type { ChangeNotice } from '../../domain/notices';
import type { QueueEnvelope } from '../../domain/messages';
import type { ConnectionDirectory } from '../../ports/connections';
import type { MessageStore, WorkQueue } from '../../ports/relay';

export interface NoticeChangeDeps {
  connections: ConnectionDirectory;
  messages: MessageStore;
  outbox: WorkQueue;
  newId: () => string;
  now: () => number;
}

export type NoticeChangeResult =
  | { eventType: string; project: string; notices: number }
  | { ignored: string };

export async function noticeChange(deps: NoticeChangeDeps, raw: unknown): Promise<NoticeChangeResult> {
  const parsed = ProductEvent.safeParse(raw);
  // A payload we cannot read is logged and dropped: retrying it would fail the same way.
  if (!parsed.success) return { ignored: `unreadable event: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const event = parsed.data;
  const project = projectKeyOf(event);
  if (!event.issue || !project) return { ignored: `${event.eventType} names no issue` };
  const running = (await deps.connections.listForProject(project)).filter((c) => c.state === 'running');
  const occurredAt = new Date(deps.now()).toISOString();
  const notices: ChangeNotice[] = running.map((c) => ({
    v: 1, type: 'change-notice', messageId: deps.newId(), connectionId: c.id, eventType: event.eventType, issue: { id: event.issue!.id, key: event.issue!.key }, occurredAt,
  }));
  // Stored before queued: a consumer never meets an envelope whose notice is missing.
  for (const n of notices) await deps.messages.putOutgoing(n);
  const envelopes: QueueEnvelope[] = notices.map((n) => ({ v: 1, type: n.type, connectionId: n.connectionId, messageId: n.messageId }));
  if (envelopes.length) await deps.outbox.push(envelopes);
  return { eventType: event.eventType, project, notices: notices.length };
}
