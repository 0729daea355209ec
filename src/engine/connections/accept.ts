/**
 * Accepting side: reads the invitation code, makes its own X25519 pair, derives the shared key and sends
 * the handshake to the inviter, signed with the invitation token. The inviter's answer must be signed
 * with the same derived key — proof it holds the private key the code announced — before anything is saved.
 */
import { badInput, upstream } from '../../domain/errors';
import { parseInvitation } from '../../domain/connections/invitation';
import { deriveSigningKey, generateKeyPair } from '../../domain/connections/keys';
import {
  Channel, CHANNEL_HEADER, CONNECTION_HEADER, HandshakeAccepted, KEY_PROOF_HEADER, SIGNATURE_HEADER, SignedReply, TIMESTAMP_HEADER, type HandshakeRequest,
} from '../../domain/connections/messages';
import { sign, verify } from '../../domain/signing';
import type { ConnectionSummary } from '../../ports/connections';
import type { PartnerReply } from '../../ports/relay';
import { audit, type ConnectionsDeps } from './deps';

export async function acceptInvitation(deps: ConnectionsDeps, input: { projectKey: string; code: unknown; actor: string }): Promise<{ connection: ConnectionSummary }> {
  const parsed = parseInvitation(input.code, deps.now());
  if (!parsed.ok) throw badInput(parsed.message);
  const invitation = parsed.invitation;
  const site = await deps.localSite();
  if (invitation.site.cloudId === site.identity.cloudId) {
    throw badInput('This invitation comes from this site. To sync two projects of one site, create a same-site sync instead.');
  }
  if (await deps.connections.get(invitation.connectionId)) throw badInput('This invitation was already accepted here.');

  const keys = generateKeyPair();
  const derived = deriveSigningKey(keys.privateKey, invitation.publicKey, invitation.connectionId);
  if (!derived.ok) throw badInput(`The invitation code carries an unusable key (${derived.reason}). Ask for a new code.`);
  const request: HandshakeRequest = {
    v: 1, type: 'handshake-request', connectionId: invitation.connectionId, publicKey: keys.publicKey,
    inboxUrl: site.inboxUrl, projectKey: input.projectKey, site: site.identity,
  };
  const body = JSON.stringify(request);
  const timestamp = deps.now();
  let reply: PartnerReply;
  try {
    reply = await deps.partner.post(invitation.inboxUrl, body, {
      'content-type': 'application/json',
      [CHANNEL_HEADER]: Channel.handshake,
      [CONNECTION_HEADER]: invitation.connectionId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(invitation.token, timestamp, body),
      [KEY_PROOF_HEADER]: sign(derived.signingKey, timestamp, body),
    });
  } catch (error) {
    throw upstream(`Could not reach the partner site at ${invitation.site.url}. Nothing was saved; try again.`, error);
  }
  const accepted = readAnswer(reply, derived.signingKey, deps.now());
  if (accepted.connectionId !== invitation.connectionId || accepted.projectKey !== invitation.projectKey) {
    throw upstream('The partner site answered for another connection. Nothing was saved; ask for a new code.');
  }

  const connection: ConnectionSummary = {
    id: invitation.connectionId, localProjectKey: input.projectKey, partnerSite: invitation.site.url, partnerProject: accepted.projectKey,
    state: 'draft', pairs: 0, lastActivity: null, openErrors: 0,
  };
  await deps.connections.save(connection, { signingKey: derived.signingKey, partnerInboxUrl: invitation.inboxUrl });
  await deps.links.setStateChangedAt(connection.id, deps.now());
  await audit(deps, connection.id, input.actor, 'connection.created', `Invitation accepted: ${input.projectKey} linked with ${accepted.projectKey} on ${invitation.site.url}.`);
  return { connection };
}

/** The inviter's answer, verified; every refusal becomes an error that tells the admin what to do. */
function readAnswer(reply: PartnerReply, signingKey: string, now: number): HandshakeAccepted {
  if (reply.status !== 200) {
    const said = partnerError(reply.body);
    if (reply.status === 401) throw badInput('The partner site did not accept this invitation code: it was already used, withdrawn, or is not genuine. Ask for a new code.');
    if (reply.status === 409) throw badInput('This invitation code was already used. Ask the partner project\'s admin for a new one.');
    if (reply.status === 410) throw badInput('This invitation code has expired. Ask the partner project\'s admin for a new one.');
    if (reply.status === 400 || reply.status === 422) throw badInput(`The partner site refused the handshake: ${said}`);
    throw upstream(`The partner site answered HTTP ${reply.status}. Nothing was saved; try again.`);
  }
  let envelope;
  try { envelope = SignedReply.safeParse(JSON.parse(reply.body)); } catch { envelope = undefined; }
  const unverified = upstream('The partner site\'s answer could not be verified. Nothing was saved; ask for a new code.');
  if (!envelope?.success || !verify(signingKey, envelope.data.timestamp, envelope.data.message, envelope.data.signature, now).ok) throw unverified;
  let accepted;
  try { accepted = HandshakeAccepted.safeParse(JSON.parse(envelope.data.message)); } catch { accepted = undefined; }
  if (!accepted?.success) throw unverified;
  return accepted.data;
}

/** The `error` text of a partner's refusal, shortened: it is shown to the admin. */
function partnerError(body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    if (typeof error === 'string') return error.slice(0, 300);
  } catch { /* not JSON */ }
  return 'no reason given';
}
