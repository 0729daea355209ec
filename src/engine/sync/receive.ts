/**
 * Incoming side: a partner's change notice at this installation's web trigger. Authenticated first (unknown
 * connection and bad signature answer alike, a replayed signature is refused), then kept once and queued
 * for the inbox consumer. No Jira request is made here.
 */
import type { PartnerAck } from '../../domain/notices';
import { SyncMessage } from '../../domain/sync/message';
import type { ClaimStore } from '../../ports/claims';
import type { SyncDeps } from './deps';
import { authenticate, isRefusal, reader, type Read, type SignedRequest } from '../partner-channel';

export type PartnerRequest = SignedRequest;

export type ReceiveDeps = Pick<SyncDeps, 'connections' | 'state' | 'inbox' | 'health' | 'now'> & { claims: ClaimStore };
export type ReceiveResult = { status: number; body: PartnerAck | { error: string } };

const readMessage = reader(SyncMessage, 'message');
const readNotice: Read<SyncMessage> = (json, connectionId) => {
  const read = readMessage(json, connectionId);
  if (read.ok && read.value.messageId !== `${read.value.origin.issueId}-${read.value.seq}`) return { ok: false, error: 'messageId: must be <origin issue id>-<seq>' };
  return read;
};

export async function receivePartnerRequest(deps: ReceiveDeps, req: PartnerRequest): Promise<ReceiveResult> {
  const signed = await authenticate(deps, req, readNotice);
  if (isRefusal(signed)) return signed;
  const { connectionId, message } = signed;
  // A retry re-signed by the sender is a new request carrying a message kept before: acknowledged, not applied twice.
  const seen = await deps.state.putIncoming(message);
  if (seen === 'new') {
    await deps.inbox.push([{ v: 1, type: 'sync', connectionId, messageId: message.messageId }]);
    await deps.health.bump(connectionId, { received: 1 }, deps.now());
  }
  return { status: 202, body: { accepted: message.messageId, duplicate: seen === 'duplicate' } };
}
