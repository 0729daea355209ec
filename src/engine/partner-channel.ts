/**
 * The two ends of a signed partner request: the headers a sender adds (the connection, a timestamp and an
 * HMAC of the body under the connection's key), and the receiver's check. An unknown connection and a bad
 * signature answer alike, so a caller learns nothing about which connections exist.
 */
import { CHANNEL_HEADER, CONNECTION_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../domain/connections/messages';
import { CONNECTION_ID } from '../domain/connections/keys';
import { sign, verify } from '../domain/signing';
import type { ConnectionDirectory } from '../ports/connections';

export interface SignedRequest {
  method: string;
  header: (name: string) => string;
  body: string;
}

export type Refusal = { status: number; body: { error: string } };

/** Headers for `body` sent to the partner's connection `partnerId`; `channel` for anything but change notices. */
export function signedHeaders(key: string, partnerId: string, body: string, now: number, channel?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(channel ? { [CHANNEL_HEADER]: channel } : {}),
    [CONNECTION_HEADER]: partnerId,
    [TIMESTAMP_HEADER]: String(now),
    [SIGNATURE_HEADER]: sign(key, now, body),
  };
}

/** A POST whose signature verifies under its connection's key, with its body parsed as JSON; else the refusal to answer. */
export async function authenticate(connections: Pick<ConnectionDirectory, 'signingKey'>, req: SignedRequest, now: number): Promise<{ connectionId: string; json: unknown } | Refusal> {
  if (req.method !== 'POST') return { status: 405, body: { error: 'Only POST is accepted.' } };
  const connectionId = req.header(CONNECTION_HEADER);
  const key = CONNECTION_ID.test(connectionId) ? await connections.signingKey(connectionId) : undefined;
  if (!key || !verify(key, req.header(TIMESTAMP_HEADER), req.body, req.header(SIGNATURE_HEADER), now).ok) return { status: 401, body: { error: 'Request not authenticated.' } };
  try {
    return { connectionId, json: JSON.parse(req.body) };
  } catch {
    return { status: 400, body: { error: 'Body is not JSON.' } };
  }
}

export const isRefusal = (r: { connectionId: string; json: unknown } | Refusal): r is Refusal => 'status' in r;
