/**
 * What an admin does to an existing connection: change its state, or delete it. The partner side follows:
 * a same-site mirror is changed here directly, a cross-site partner is told with a signed control message.
 */
import { badInput } from '../../domain/errors';
import { checkTransition, type ConnectionState } from '../../domain/connections/states';
import type { ConnectionSummary } from '../../ports/connections';
import { audit, type ConnectionsDeps } from './deps';
import { nextStamp, tellPartner, type PartnerNotified } from './control';
import { removeHere } from './remove';

interface Target {
  connectionId: string;
  /** The project the admin was checked against: the connection must belong to it. */
  projectKey: string;
  actor: string;
}

/** The connection, when it belongs to the admin's project; the same refusal otherwise, so ids of other projects stay hidden. */
async function owned(deps: ConnectionsDeps, target: Target): Promise<ConnectionSummary> {
  const summary = await deps.connections.get(target.connectionId);
  if (!summary || summary.localProjectKey !== target.projectKey) throw badInput(`Project ${target.projectKey} has no connection ${target.connectionId}.`);
  return summary;
}

/** The id of the same-site mirror, or undefined for a cross-site (or not yet linked) connection. */
async function mirrorOf(deps: ConnectionsDeps, connectionId: string): Promise<string | undefined> {
  if ((await deps.connections.partnerInboxUrl(connectionId)) !== null) return undefined;
  const mirror = await deps.connections.partnerConnectionId(connectionId);
  return mirror && mirror !== connectionId ? mirror : undefined;
}

export async function changeState(deps: ConnectionsDeps, target: Target & { state: ConnectionState }): Promise<{ connection: ConnectionSummary; partner: PartnerNotified }> {
  const summary = await owned(deps, target);
  const linked = (await deps.connections.signingKey(target.connectionId)) !== undefined;
  const check = checkTransition(summary.state, target.state, linked);
  if (!check.ok) throw badInput(check.message);
  const at = await nextStamp(deps, target.connectionId);
  const connection = { ...summary, state: target.state };
  if (check.changes) {
    await deps.connections.save(connection);
    await audit(deps, target.connectionId, target.actor, 'connection.state', `${summary.state} → ${target.state}.`);
  }
  await deps.links.setStateChangedAt(target.connectionId, at);

  const mirrorId = await mirrorOf(deps, target.connectionId);
  if (!mirrorId) return { connection, partner: await tellPartner(deps, target.connectionId, at, { type: 'connection-state', state: target.state }) };
  const mirror = await deps.connections.get(mirrorId);
  if (!mirror) return { connection, partner: { notified: false, reason: `the mirror connection ${mirrorId} is missing` } };
  if (mirror.state !== target.state) {
    await deps.connections.save({ ...mirror, state: target.state });
    await audit(deps, mirrorId, target.actor, 'connection.state', `${mirror.state} → ${target.state}, with ${target.projectKey}'s side.`);
  }
  await deps.links.setStateChangedAt(mirrorId, at);
  return { connection, partner: { notified: true } };
}

export async function deleteConnection(deps: ConnectionsDeps, target: Target): Promise<{ deleted: string; partner: PartnerNotified; pairsLeft: boolean }> {
  await owned(deps, target);
  const mirrorId = await mirrorOf(deps, target.connectionId);
  let partner: PartnerNotified;
  if (mirrorId) {
    await removeHere(deps, mirrorId, target.actor, `Deleted with ${target.projectKey}'s side (${target.connectionId}).`);
    partner = { notified: true };
  } else {
    // Told before the local removal: the message needs the key that removal destroys.
    partner = await tellPartner(deps, target.connectionId, await nextStamp(deps, target.connectionId), { type: 'connection-deleted' });
  }
  const { pairsLeft } = await removeHere(deps, target.connectionId, target.actor, `Deleted by an admin of ${target.projectKey}.`);
  return { deleted: target.connectionId, partner, pairsLeft };
}
