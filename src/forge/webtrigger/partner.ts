/** The partner inbox web trigger. Its URL is public, so every request must carry a valid signature. */
import { verify } from '../../domain/signing';
import type { ConnectionDirectory } from '../../ports/connections';
import { kvsConnections } from '../adapters/kvs-connections';

/** Forge's web trigger request: header values are lists. */
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
const header = (req: WebTriggerRequest, name: string): string => req.headers[name.toLowerCase()]?.[0] ?? '';

export async function handlePartnerRequest(deps: { connections: ConnectionDirectory; now: () => number }, req: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (req.method !== 'POST') return json(405, { error: 'Only POST is accepted.' });
  const connectionId = header(req, 'x-lockstep-connection');
  const key = /^[A-Za-z0-9_-]{1,64}$/.test(connectionId) ? await deps.connections.signingKey(connectionId) : undefined;
  // Unknown connection and bad signature answer alike, so the endpoint reveals nothing to a prober.
  if (!key) return json(401, { error: 'Request not authenticated.' });
  const result = verify(key, header(req, 'x-lockstep-timestamp'), req.body ?? '', header(req, 'x-lockstep-signature'), deps.now());
  if (!result.ok) return json(401, { error: 'Request not authenticated.' });
  return json(422, { error: 'This installation does not accept partner messages of this kind yet.' });
}

export const onPartnerRequest = (req: WebTriggerRequest): Promise<WebTriggerResponse> =>
  handlePartnerRequest({ connections: kvsConnections, now: Date.now }, req);
