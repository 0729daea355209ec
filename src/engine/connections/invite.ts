/**
 * Inviting side, step 1: a draft connection awaiting its partner, and the invitation code that lets the
 * partner's installation complete the handshake. The private key and the token stay here, as secrets.
 */
import { encodeInvitation, INVITATION_TTL_MS } from '../../domain/connections/invitation';
import { generateKeyPair, newConnectionId, randomSecret } from '../../domain/connections/keys';
import { PENDING_PARTNER } from '../../domain/connections/states';
import type { ConnectionSummary } from '../../ports/connections';
import { audit, type ConnectionsDeps } from './deps';

export interface CreatedInvitation {
  connection: ConnectionSummary;
  /** One-time, short-lived: paste it into the partner project's Lockstep settings. */
  code: string;
  expiresAt: string;
}

export async function createInvitation(deps: ConnectionsDeps, input: { projectKey: string; actor: string }): Promise<CreatedInvitation> {
  const site = await deps.localSite();
  const connectionId = newConnectionId();
  const keys = generateKeyPair();
  const token = randomSecret();
  const expires = deps.now() + INVITATION_TTL_MS;
  const expiresAt = new Date(expires).toISOString();
  const code = encodeInvitation({
    v: 1, connectionId, inboxUrl: site.inboxUrl, projectKey: input.projectKey, site: site.identity, token, publicKey: keys.publicKey, expiresAt,
  });
  // Secrets first: a listed invitation always has them.
  await deps.links.saveInvitation({ connectionId, token, privateKey: keys.privateKey, expiresAt: expires });
  const connection: ConnectionSummary = {
    id: connectionId, localProjectKey: input.projectKey, partnerSite: PENDING_PARTNER, partnerProject: PENDING_PARTNER,
    state: 'draft', pairs: 0, lastActivity: null, openErrors: 0,
  };
  await deps.connections.save(connection);
  await deps.links.setStateChangedAt(connectionId, deps.now());
  await audit(deps, connectionId, input.actor, 'connection.created', `Invitation created for ${input.projectKey}; it expires at ${expiresAt}.`);
  return { connection, code, expiresAt };
}
