/** The partner inbox web trigger. Its URL is public, so every request must carry a valid signature. */
import { receivePartnerRequest } from '../../engine/relay/receive-notice';
import { kvsConnections } from '../adapters/kvs-connections';
import { kvsMessages } from '../adapters/kvs-messages';
import { forgeQueue, INBOX_QUEUE } from '../adapters/forge-queue';

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

export const onPartnerRequest = async (req: WebTriggerRequest): Promise<WebTriggerResponse> => {
  const result = await receivePartnerRequest(
    { connections: kvsConnections, messages: kvsMessages, inbox: forgeQueue(INBOX_QUEUE), now: Date.now },
    { method: req.method, header: (name) => req.headers[name.toLowerCase()]?.[0] ?? '', body: req.body ?? '' },
  );
  return { statusCode: result.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(result.body) };
};
