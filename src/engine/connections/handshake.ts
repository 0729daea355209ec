/**
 * Inviting side, step 2: the partner's handshake request arrives at the web trigger. Authenticated with
 * the invitation token (unknown invitation and bad signature answer alike), checked for expiry, key
 * agreement (the key-proof header) and one-time use; then the shared key is stored as a secret and the
 * answer signed with it.
 */
import { describeIssues } from '../../domain/notices';
import { CONNECTION_ID, deriveSigningKey } from '../../domain/connections/keys';
import { CONNECTION_HEADER, HandshakeRequest, KEY_PROOF_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, type HandshakeAccepted, type SignedReply } from '../../domain/connections/messages';
import { isAwaitingPartner } from '../../domain/connections/states';
import { sign, verify } from '../../domain/signing';
import { APP_ACTOR, audit, type ConnectionsDeps, type InboundRequest, type InboundResult } from './deps';

const UNAUTHENTICATED: InboundResult = { status: 401, body: { error: 'Request not authenticated.' } };
const refuse = (status: number, error: string): InboundResult => ({ status, body: { error } });

export async function receiveHandshake(deps: ConnectionsDeps, req: InboundRequest): Promise<InboundResult> {
  if (req.method !== 'POST') return refuse(405, 'Only POST is accepted.');
  const connectionId = req.header(CONNECTION_HEADER);
  const invitation = CONNECTION_ID.test(connectionId) ? await deps.links.invitation(connectionId) : undefined;
  const now = deps.now();
  if (!invitation || !verify(invitation.token, req.header(TIMESTAMP_HEADER), req.body, req.header(SIGNATURE_HEADER), now).ok) return UNAUTHENTICATED;
  if (invitation.expiresAt <= now) return refuse(410, 'This invitation has expired.');
  let json: unknown;
  try { json = JSON.parse(req.body); } catch { return refuse(400, 'Body is not JSON.'); }
  const parsed = HandshakeRequest.safeParse(json);
  if (!parsed.success) return refuse(422, `Unreadable handshake: ${describeIssues(parsed.error)}`);
  const request = parsed.data;
  if (request.connectionId !== connectionId) return refuse(422, 'connectionId: does not match the signing connection');
  const summary = await deps.connections.get(connectionId);
  if (!summary || !isAwaitingPartner(summary)) return refuse(409, 'This invitation was already used.');
  if (request.site.cloudId === (await deps.localSite()).identity.cloudId) {
    return refuse(422, 'Both projects are on one site: create a same-site sync instead.');
  }
  // Derive and confirm before claiming, so a request with a broken or mismatched key cannot use up the invitation.
  const derived = deriveSigningKey(invitation.privateKey, request.publicKey, connectionId);
  if (!derived.ok) return refuse(422, `publicKey: ${derived.reason}`);
  if (!verify(derived.signingKey, req.header(TIMESTAMP_HEADER), req.body, req.header(KEY_PROOF_HEADER), now).ok) {
    return refuse(422, 'The keys do not agree: the invitation code was altered. Create a new invitation.');
  }
  if (!(await deps.links.claimInvitation(connectionId))) return refuse(409, 'This invitation was already used.');

  const linked = { ...summary, partnerSite: request.site.url, partnerProject: request.projectKey };
  await deps.connections.save(linked, { signingKey: derived.signingKey, partnerInboxUrl: request.inboxUrl });
  await deps.links.dropInvitation(connectionId);
  await audit(deps, connectionId, APP_ACTOR, 'connection.state', `Linked with ${request.projectKey} on ${request.site.url}; the connection stays draft until an admin starts it.`);

  const accepted: HandshakeAccepted = { v: 1, type: 'handshake-accepted', connectionId, projectKey: summary.localProjectKey };
  const message = JSON.stringify(accepted);
  const timestamp = deps.now();
  const reply: SignedReply = { message, timestamp: String(timestamp), signature: sign(derived.signingKey, timestamp, message) };
  return { status: 200, body: reply };
}
