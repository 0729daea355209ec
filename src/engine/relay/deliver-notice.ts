/**
 * Outgoing side, step 2: the outbox consumer sends one stored notice to the partner's web trigger,
 * signed. Busy or failing partners are retried later; a refusal is parked for the admin, never retried blindly.
 */
import { sign } from '../../domain/signing';
import { PartnerAck, type ChangeNotice } from '../../domain/notices';
import type { QueueEnvelope } from '../../domain/messages';
import type { ConnectionDirectory } from '../../ports/connections';
import type { MessageStore, PartnerTransport, WorkQueue } from '../../ports/relay';

export interface DeliverNoticeDeps {
  connections: ConnectionDirectory;
  messages: MessageStore;
  partner: PartnerTransport;
  /** This installation's inbox: same-site partners are handed the notice without a web trigger. */
  inbox: WorkQueue;
  now: () => number;
}

export type DeliveryResult =
  | { status: 'sent'; duplicate: boolean }
  | { status: 'retry'; afterSeconds: number; reason: string }
  | { status: 'parked'; reason: string }
  | { status: 'gone' };

/** Back-off when the partner names no Retry-After: 15 s, 30 s, 60 s, … capped at Forge's 900 s. */
export const backoffSeconds = (retryCount: number): number => Math.min(900, 15 * 2 ** retryCount);

export async function deliverNotice(deps: DeliverNoticeDeps, envelope: QueueEnvelope, retryCount = 0): Promise<DeliveryResult> {
  const notice = await deps.messages.getOutgoing(envelope.connectionId, envelope.messageId);
  // Queues deliver at least once: a notice already acknowledged is simply done.
  if (!notice) return { status: 'gone' };
  const [url, key] = await Promise.all([deps.connections.partnerInboxUrl(notice.connectionId), deps.connections.signingKey(notice.connectionId)]);
  if (url === undefined || key === undefined) return park(deps, notice, 'the connection no longer exists here');
  if (url === null) {
    await deps.messages.recordIncoming(notice);
    await deps.inbox.push([{ v: 1, type: notice.type, connectionId: notice.connectionId, messageId: notice.messageId }]);
    await deps.messages.removeOutgoing(notice.connectionId, notice.messageId);
    return { status: 'sent', duplicate: false };
  }
  const body = JSON.stringify(notice);
  const timestamp = deps.now();
  let reply;
  try {
    reply = await deps.partner.post(url, body, {
      'content-type': 'application/json',
      'x-lockstep-connection': notice.connectionId,
      'x-lockstep-timestamp': String(timestamp),
      'x-lockstep-signature': sign(key, timestamp, body),
    });
  } catch (error) {
    return { status: 'retry', afterSeconds: backoffSeconds(retryCount), reason: `partner unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (reply.status === 429 || reply.status >= 500) {
    return { status: 'retry', afterSeconds: reply.retryAfterSeconds ?? backoffSeconds(retryCount), reason: `partner answered ${reply.status}` };
  }
  if (reply.status < 200 || reply.status >= 300) return park(deps, notice, `partner refused with ${reply.status}: ${reply.body.slice(0, 200)}`);
  let ack;
  try { ack = PartnerAck.safeParse(JSON.parse(reply.body)); } catch { ack = undefined; }
  if (!ack?.success || ack.data.accepted !== notice.messageId) return park(deps, notice, `partner answered ${reply.status} without acknowledging ${notice.messageId}`);
  await deps.messages.removeOutgoing(notice.connectionId, notice.messageId);
  return { status: 'sent', duplicate: ack.data.duplicate };
}

async function park(deps: DeliverNoticeDeps, notice: ChangeNotice, reason: string): Promise<DeliveryResult> {
  await deps.messages.park(notice, reason);
  await deps.messages.removeOutgoing(notice.connectionId, notice.messageId);
  return { status: 'parked', reason };
}
