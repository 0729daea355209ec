/**
 * The outbox consumer's step: one stored message to the partner — signed over its web trigger, or,
 * for a same-site sync, straight into this installation's inbox. Busy or unreachable partners are
 * retried later and never dropped; a refusal is parked in the error list.
 */
import { PartnerAck } from '../../domain/notices';
import { signedHeaders } from '../partner-channel';
import type { SyncMessage } from '../../domain/sync/message';
import { downloadAttachment } from '../../jira/client';
import { isTransient, JiraError } from '../../jira/errors';
import type { SyncDeps } from './deps';

export type DeliveryResult =
  | { status: 'sent'; duplicate: boolean }
  | { status: 'retry'; afterSeconds?: number; reason: string }
  | { status: 'parked'; reason: string }
  | { status: 'gone' };

/** Files larger than this are not carried inside a message: base64 grows them by a third, and web trigger bodies stop at 5 MiB. */
export const MAX_CARRIED_BYTES = Math.floor(3.7 * 1024 * 1024);

export async function deliverMessage(deps: SyncDeps, connectionId: string, messageId: string): Promise<DeliveryResult> {
  const message = await deps.state.getOutgoing(connectionId, messageId);
  // Queues deliver at least once: a message already acknowledged is simply done.
  if (!message) return { status: 'gone' };
  const summary = await deps.connections.get(connectionId);
  const [url, key] = await Promise.all([deps.connections.partnerInboxUrl(connectionId), deps.connections.signingKey(connectionId)]);
  if (!summary || url === undefined || key === undefined) return park(deps, connectionId, message, 'the connection no longer exists here');
  if (summary.state === 'paused' || summary.state === 'draft') return { status: 'retry', afterSeconds: 300, reason: `the connection is ${summary.state}` };
  if (url === null) return handOver(deps, connectionId, message);
  let outgoing = message;
  if (message.change.kind === 'attachment' && message.change.contentBase64 === undefined) {
    if (message.change.size > MAX_CARRIED_BYTES) return park(deps, connectionId, message, `${message.change.filename} is larger than ${MAX_CARRIED_BYTES} bytes, the most a message carries`);
    // The file is read only now, so the issue's own messages never wait for it.
    let bytes: Uint8Array;
    try {
      bytes = await downloadAttachment(deps.jira, message.change.attachmentId);
    } catch (error) {
      if (isTransient(error)) return { status: 'retry', ...(error instanceof JiraError && error.retryAfterSeconds ? { afterSeconds: error.retryAfterSeconds } : {}), reason: `reading ${message.change.filename}: ${(error as Error).message}` };
      // Deleted before it could be sent: the partner is told of the deletion instead, so its sequence has no gap and nothing waits.
      if (error instanceof JiraError && error.status === 404) return post(deps, connectionId, message, { ...message, change: { kind: 'attachment-deleted', objectId: message.change.attachmentId } }, url, key);
      throw error;
    }
    outgoing = { ...message, change: { ...message.change, contentBase64: Buffer.from(bytes).toString('base64') } };
  }
  return post(deps, connectionId, message, outgoing, url, key);
}

/** Posts `outgoing` (the stored `message`, its file carried or its change replaced) signed to the partner's web trigger. */
async function post(deps: SyncDeps, connectionId: string, message: SyncMessage, outgoing: SyncMessage, url: string, key: string): Promise<DeliveryResult> {
  const body = JSON.stringify(outgoing);
  let reply;
  try {
    reply = await deps.partner.post(url, body, signedHeaders(key, message.connectionId, body, deps.now()));
  } catch (error) {
    return { status: 'retry', reason: `partner unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  // 409: the partner saw these exact signed bytes before (two deliveries signed in the same millisecond); a retry signs anew.
  if (reply.status === 429 || reply.status === 409 || reply.status >= 500) {
    return { status: 'retry', ...(reply.retryAfterSeconds !== undefined ? { afterSeconds: reply.retryAfterSeconds } : {}), reason: `partner answered ${reply.status}` };
  }
  if (reply.status < 200 || reply.status >= 300) return park(deps, connectionId, message, `partner refused with ${reply.status}: ${reply.body.slice(0, 200)}`);
  let ack;
  try { ack = PartnerAck.safeParse(JSON.parse(reply.body)); } catch { ack = undefined; }
  if (!ack?.success || ack.data.accepted !== message.messageId) return park(deps, connectionId, message, `partner answered ${reply.status} without acknowledging ${message.messageId}`);
  await deps.state.removeOutgoing(connectionId, message.messageId);
  await deps.health.bump(connectionId, { sent: 1 }, deps.now());
  return { status: 'sent', duplicate: ack.data.duplicate };
}

/** Same-site: the mirrored connection's inbox is ours; no web trigger, no signature. */
async function handOver(deps: SyncDeps, connectionId: string, message: SyncMessage): Promise<DeliveryResult> {
  const seen = await deps.state.putIncoming(message);
  if (seen === 'new') {
    await deps.inbox.push([{ v: 1, type: 'sync', connectionId: message.connectionId, messageId: message.messageId }]);
    await deps.health.bump(message.connectionId, { received: 1 }, deps.now());
  }
  await deps.state.removeOutgoing(connectionId, message.messageId);
  await deps.health.bump(connectionId, { sent: 1 }, deps.now());
  return { status: 'sent', duplicate: seen === 'duplicate' };
}

async function park(deps: SyncDeps, connectionId: string, message: SyncMessage, reason: string): Promise<DeliveryResult> {
  await deps.state.park({ connectionId, direction: 'out', message, reason, at: new Date(deps.now()).toISOString() });
  await deps.state.removeOutgoing(connectionId, message.messageId);
  await deps.health.bump(connectionId, { failed: 1 }, deps.now());
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor: 'lockstep', action: 'message.parked', target: message.origin.issueKey, detail: `${message.messageId} (${message.change.kind}) not delivered: ${reason}`.slice(0, 2000) });
  return { status: 'parked', reason };
}
