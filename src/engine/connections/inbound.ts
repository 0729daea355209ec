/** Requests at the partner-inbox web trigger that concern a connection itself, told apart by `x-lockstep-channel`. */
import { Channel, CHANNEL_HEADER } from '../../domain/connections/messages';
import { receiveControl } from './control';
import type { ConnectionsDeps, InboundRequest, InboundResult } from './deps';
import { receiveHandshake } from './handshake';

/** True when the request names a channel: it is then this module's, never the change-notice path's. */
export const isConnectionRequest = (req: Pick<InboundRequest, 'header'>): boolean => req.header(CHANNEL_HEADER) !== '';

export async function receiveConnectionRequest(deps: ConnectionsDeps, req: InboundRequest): Promise<InboundResult> {
  const channel = req.header(CHANNEL_HEADER);
  if (channel === Channel.handshake) return receiveHandshake(deps, req);
  if (channel === Channel.control) return receiveControl(deps, req);
  return { status: 400, body: { error: `Unknown ${CHANNEL_HEADER}: expected ${Channel.handshake} or ${Channel.control}.` } };
}
