/** Requests at the partner-inbox web trigger that concern a connection itself, told apart by `x-lockstep-channel`. */
import { Channel, CHANNEL_HEADER } from '../../domain/connections/messages';
import { receiveControl } from './control';
import type { ConnectionsDeps, InboundRequest, InboundResult } from './deps';
import { receiveHandshake } from './handshake';
import { receiveRotation } from './rotate-inbound';

export async function receiveConnectionRequest(deps: ConnectionsDeps, req: InboundRequest): Promise<InboundResult> {
  const channel = req.header(CHANNEL_HEADER);
  if (channel === Channel.handshake) return receiveHandshake(deps, req);
  if (channel === Channel.control) return receiveControl(deps, req);
  if (channel === Channel.rotate) return receiveRotation(deps, req);
  return { status: 400, body: { error: `Unknown ${CHANNEL_HEADER}: expected ${Channel.handshake}, ${Channel.control} or ${Channel.rotate}.` } };
}
