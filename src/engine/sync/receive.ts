/**
 * Incoming side: a partner's request to this installation's web trigger. Authenticated first (unknown
 * connection and bad signature answer alike), then parsed, kept once, and queued for the inbox consumer.
 * No Jira request is made here.
 */
import { describeIssues, type PartnerAck } from '../../domain/notices';
import { SyncMessage } from '../../domain/sync/message';
import type { SyncDeps } from './deps';
import { authenticate, isRefusal, type SignedRequest } from '../partner-channel';

export type PartnerRequest = SignedRequest;

export type ReceiveDeps = Pick<SyncDeps, 'connections' | 'state' | 'inbox' | 'health' | 'now'>;
export type ReceiveResult = { status: number; body: PartnerAck | { error: string } };

export async function receivePartnerRequest(deps: ReceiveDeps, req: PartnerRequest): Promise<ReceiveResult> {
  const signed = await authenticate(deps.connections, req, deps.now());
  if (isRefusal(signed)) return signed;
  const { connectionId } = signed;
  const parsed = SyncMessage.safeParse(signed.json);
  if (!parsed.success) return { status: 422, body: { error: `Unreadable message: ${describeIssues(parsed.error)}` } };
  const message = parsed.data;
  // A signature binds the body to one connection: a message naming another is refused.
  if (message.connectionId !== connectionId) return { status: 422, body: { error: 'connectionId: does not match the signing connection' } };
  if (message.messageId !== `${message.origin.issueId}-${message.seq}`) return { status: 422, body: { error: 'messageId: must be <origin issue id>-<seq>' } };
  const seen = await deps.state.putIncoming(message);
  if (seen === 'new') {
    await deps.inbox.push([{ v: 1, type: 'sync', connectionId, messageId: message.messageId }]);
    await deps.health.bump(connectionId, { received: 1 }, deps.now());
  }
  return { status: 202, body: { accepted: message.messageId, duplicate: seen === 'duplicate' } };
}
