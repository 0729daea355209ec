/**
 * A sync of two projects of this site: two mirrored connections, one per project, sharing one random
 * signing key, each naming the other as its partner connection. No web trigger is involved.
 */
import { badInput } from '../../domain/errors';
import { newConnectionId, randomSecret } from '../../domain/connections/keys';
import { SAME_SITE } from '../../domain/connections/states';
import type { ConnectionSummary } from '../../ports/connections';
import { audit, type ConnectionsDeps } from './deps';

export async function createSameSiteConnection(
  deps: ConnectionsDeps, input: { projectKey: string; partnerProjectKey: string; actor: string },
): Promise<{ connection: ConnectionSummary; mirror: ConnectionSummary }> {
  if (input.partnerProjectKey === input.projectKey) throw badInput('A project cannot sync with itself: choose another partner project.');
  const existing = await deps.connections.listForProject(input.projectKey);
  if (existing.some((c) => c.partnerSite === SAME_SITE && c.partnerProject === input.partnerProjectKey)) {
    throw badInput(`${input.projectKey} already syncs with ${input.partnerProjectKey} on this site.`);
  }
  const ids = [newConnectionId(), newConnectionId()] as const;
  const signingKey = randomSecret();
  const side = (id: string, local: string, partner: string): ConnectionSummary => ({
    id, localProjectKey: local, partnerSite: SAME_SITE, partnerProject: partner, state: 'draft', pairs: 0, lastActivity: null, openErrors: 0,
  });
  const connection = side(ids[0], input.projectKey, input.partnerProjectKey);
  const mirror = side(ids[1], input.partnerProjectKey, input.projectKey);
  await deps.connections.save(connection, { signingKey, partnerInboxUrl: null, partnerConnectionId: mirror.id });
  await deps.connections.save(mirror, { signingKey, partnerInboxUrl: null, partnerConnectionId: connection.id });
  await audit(deps, connection.id, input.actor, 'connection.created', `Same-site sync created: ${input.projectKey} ↔ ${input.partnerProjectKey}.`);
  await audit(deps, mirror.id, input.actor, 'connection.created', `Same-site sync created: ${input.partnerProjectKey} ↔ ${input.projectKey}.`);
  return { connection, mirror };
}
