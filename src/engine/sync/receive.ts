/**
 * Incoming side: a partner's request to this installation's web trigger. Authenticated first (unknown
 * connection and bad signature answer alike), then parsed, kept once, and queued for the inbox consumer.
 * No Jira request is made here.
 */
import { verify } from '../../domain/signing';
import { describeIssues, type PartnerAck } from '../../domain/notices';
import { SyncMessage } from '../../domain/sync/message';
import type { SyncDeps } from './deps';

export interface PartnerRequest {
  method: string;
  header: (name: string) => string;
  body: string;
}

export type ReceiveDeps = Pick<SyncDeps, 'connections' | 'state' | 'inbox' | 'health' | 'now'>;
export type ReceiveResult = { status: number; body: PartnerAck | { error: string } };

const UNAUTHENTICATED: ReceiveResult = { status: 401, body: { error: 'Request not authenticated.' } };

export async function receivePartnerRequest(deps: ReceiveDeps, req: PartnerRequest): Promise<ReceiveResult> {
  if (req.method !== 'POST') return { status: 405, body: { error: 'Only POST is accepted.' } };
  const connectionId = req.header('x-lockstep-connection');
  const key = /^[A-Za-z0-9_-]{1,64}$/.test(connectionId) ? await deps.connections.signingKey(connectionId) : undefined;
  if (!key) return UNAUTHENTICATED;
  if (!verify(key, req.header('x-lockstep-timestamp'), req.body, req.header('x-lockstep-signature'), deps.now()).ok) return UNAUTHENTICATED;
  let json: unknown;
  try { json = JSON.parse(req.body); } catch { return { status: 400, body: { error: 'Body is not JSON.' } }; }
  const parsed = SyncMessage.safeParse(json);
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
