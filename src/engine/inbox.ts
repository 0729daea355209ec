/**
 * The partner-inbox web trigger's one entry: the checks every channel shares (method, a known channel, the
 * channel's body limit) run first, on the request's shape alone, then the channel's own handler
 * authenticates and answers. Nothing is read from storage before a request passes them.
 */
import { bodyBytes, bodyLimit, CHANGE_NOTICE } from '../domain/connections/body-limits';
import { Channel, CHANNEL_HEADER } from '../domain/connections/messages';
import type { ClaimStore } from '../ports/claims';
import { receiveConnectionRequest } from './connections/inbound';
import type { ConnectionsDeps } from './connections/deps';
import { answerPartnerRequest, isMigrationChannel } from './migration/partner';
import { NOT_POST, refuse, type SignedRequest } from './partner-channel';
import { answerCatalogRequest } from './sync/catalog';
import type { SyncDeps } from './sync/deps';
import { receivePartnerRequest } from './sync/receive';

/** Each family's ports, built only when a request reaches it. */
export interface InboxDeps {
  sync: () => SyncDeps & { claims: ClaimStore };
  connections: () => ConnectionsDeps;
}

export interface InboxAnswer {
  status: number;
  body: unknown;
}

export async function servePartnerRequest(deps: InboxDeps, req: SignedRequest): Promise<InboxAnswer> {
  if (req.method !== 'POST') return NOT_POST;
  const channel = req.header(CHANNEL_HEADER);
  const limit = bodyLimit(channel);
  // The header's value is not echoed: an answer never repeats what an unauthenticated caller sent.
  if (limit === undefined) return refuse(400, `Unknown ${CHANNEL_HEADER}.`);
  // UTF-16 length is at most the UTF-8 length: a body too long in characters is too long in bytes, without counting.
  if (req.body.length > limit || bodyBytes(req.body) > limit) return refuse(413, `Body too large: this channel takes at most ${limit} bytes.`);
  if (channel === CHANGE_NOTICE) return receivePartnerRequest(deps.sync(), req);
  if (channel === Channel.catalog) return answerCatalogRequest(deps.sync(), req);
  if (isMigrationChannel(channel)) return answerPartnerRequest(deps.sync(), channel, req);
  return receiveConnectionRequest(deps.connections(), req);
}
