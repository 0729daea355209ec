/** The partner inbox web trigger. Its URL is public, so every request must carry a valid signature (src/engine/inbox.ts). */
import { servePartnerRequest } from '../../engine/inbox';
import { forgeConnectionsDeps } from '../adapters/connections-deps';
import { kvsClaims } from '../adapters/kvs-claims';
import { forgeSyncDeps } from '../adapters/sync-deps';

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

const json = (statusCode: number, body: unknown): WebTriggerResponse => ({ statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) });

export const onPartnerRequest = async (req: WebTriggerRequest, context?: { installContext?: unknown }): Promise<WebTriggerResponse> => {
  const request = { method: req.method, header: (name: string) => req.headers[name.toLowerCase()]?.[0] ?? '', body: req.body ?? '' };
  try {
    const answer = await servePartnerRequest({
      sync: () => ({ ...forgeSyncDeps(), claims: kvsClaims }),
      connections: () => forgeConnectionsDeps(context?.installContext),
    }, request);
    return json(answer.status, answer.body);
  } catch (error) {
    // The log keeps the details; the caller (maybe not our partner) learns nothing about the failure.
    console.error('Partner request failed:', error);
    return json(500, { error: 'The request could not be handled; try again later.' });
  }
};
