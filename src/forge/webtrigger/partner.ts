/** The partner inbox web trigger. Its URL is public, so every request must carry a valid signature. */
import { receivePartnerRequest } from '../../engine/sync/receive';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { isConnectionRequest, receiveConnectionRequest } from '../../engine/connections/inbound';
import { forgeConnectionsDeps } from '../adapters/connections-deps';
import { answerCatalogRequest } from '../../engine/sync/catalog';
import { Channel, CHANNEL_HEADER } from '../../domain/connections/messages';
import { answerPartnerRequest, isMigrationChannel } from '../../engine/migration/partner';

/** Forge's web trigger request: header names lower-case, values lists. */
export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[] | undefined>;
  body?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

export const onPartnerRequest = async (req: WebTriggerRequest, context?: { installContext?: unknown }): Promise<WebTriggerResponse> => {
  // Handshakes and control messages name their channel in a header; change notices never do.
  const connectionRequest = { method: req.method, header: (name: string) => req.headers[name.toLowerCase()]?.[0] ?? '', body: req.body ?? '' };
  if (connectionRequest.header(CHANNEL_HEADER) === Channel.catalog) {
    const answer = await answerCatalogRequest(forgeSyncDeps(), connectionRequest);
    return { statusCode: answer.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(answer.body) };
  }
  const channel = connectionRequest.header(CHANNEL_HEADER);
  if (isMigrationChannel(channel)) {
    const answer = await answerPartnerRequest(forgeSyncDeps(), channel, connectionRequest);
    return { statusCode: answer.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(answer.body) };
  }
  if (isConnectionRequest(connectionRequest)) {
    const answer = await receiveConnectionRequest(forgeConnectionsDeps(context?.installContext), connectionRequest);
    return { statusCode: answer.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(answer.body) };
  }
  const result = await receivePartnerRequest(
    forgeSyncDeps(),
    { method: req.method, header: (name) => req.headers[name.toLowerCase()]?.[0] ?? '', body: req.body ?? '' },
  );
  return { statusCode: result.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(result.body) };
};
