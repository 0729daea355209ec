/**
 * Control messages between the two sides of a cross-site connection: a state change or a deletion, sent
 * signed with the connection's key and applied by the partner, so both sides show the same thing. Later
 * changes win (`at`, a Lamport-style stamp); late arrivals are acknowledged and ignored, exact replays refused.
 */
import { newConnectionId } from '../../domain/connections/keys';
import { Channel, ControlAck, ControlMessage, type DeletedControl, type StateControl } from '../../domain/connections/messages';
import { authenticate, isRefusal, reader, signedHeaders } from '../partner-channel';
import { APP_ACTOR, audit, type ConnectionsDeps, type InboundRequest, type InboundResult } from './deps';
import { removeHere } from './remove';

/** Whether the partner side heard of a change; a change here is made either way. */
export type PartnerNotified = { notified: true } | { notified: false; reason: string };

/** What a control message says; the envelope (ids, stamp) is added when it is sent. */
export type ControlBody = Pick<StateControl, 'type' | 'state'> | Pick<DeletedControl, 'type'>;

/** The stamp of a change made now: after the clock, and after every change seen so far, whatever the partner's clock says. */
export async function nextStamp(deps: Pick<ConnectionsDeps, 'links' | 'now'>, connectionId: string): Promise<number> {
  return Math.max(deps.now(), ((await deps.links.stateChangedAt(connectionId)) ?? 0) + 1);
}

/** Sends one control message to the partner's web trigger and reads its acknowledgement. */
export async function tellPartner(deps: ConnectionsDeps, connectionId: string, at: number, body: ControlBody): Promise<PartnerNotified> {
  const [url, key, partnerId] = await Promise.all([
    deps.connections.partnerInboxUrl(connectionId), deps.connections.signingKey(connectionId), deps.connections.partnerConnectionId(connectionId),
  ]);
  if (!url || !key || !partnerId) return { notified: false, reason: 'the connection is not linked to a partner site' };
  const message: ControlMessage = { v: 1, connectionId: partnerId, messageId: newConnectionId(), at, ...body };
  const text = JSON.stringify(message);
  try {
    const reply = await deps.partner.post(url, text, signedHeaders(key, partnerId, text, deps.now(), Channel.control));
    if (reply.status < 200 || reply.status >= 300) return { notified: false, reason: `the partner site answered HTTP ${reply.status}` };
    const ack = ControlAck.safeParse(JSON.parse(reply.body));
    return ack.success && ack.data.accepted === message.messageId ? { notified: true } : { notified: false, reason: 'the partner site did not acknowledge the message' };
  } catch (error) {
    return { notified: false, reason: `the partner site could not be reached (${error instanceof Error ? error.message : String(error)})` };
  }
}

const readControl = reader(ControlMessage, 'control message');

/** The partner's control message at this installation's web trigger; an exact replay is refused before this reads anything. */
export async function receiveControl(deps: ConnectionsDeps, req: InboundRequest): Promise<InboundResult> {
  const signed = await authenticate(deps, req, readControl);
  if (isRefusal(signed)) return signed;
  const { connectionId, message } = signed;
  const last = await deps.links.stateChangedAt(connectionId);
  const ack = (applied: boolean): InboundResult => ({ status: 200, body: { accepted: message.messageId, applied } satisfies ControlAck });
  if (last !== undefined && message.at <= last) return ack(false);

  if (message.type === 'connection-deleted') {
    await removeHere(deps, connectionId, APP_ACTOR, 'Deleted by the partner site.');
    return ack(true);
  }
  const summary = await deps.connections.get(connectionId);
  if (!summary) return { status: 409, body: { error: 'The connection has no summary here.' } };
  await deps.connections.save({ ...summary, state: message.state });
  await deps.links.setStateChangedAt(connectionId, message.at);
  await audit(deps, connectionId, APP_ACTOR, 'connection.state', `The partner site changed the state: ${summary.state} → ${message.state}.`);
  return ack(true);
}
