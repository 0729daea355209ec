/**
 * `POST /cdn/<token>/__bridge/<name>`: the server half of a frame's callBridge. The frame session, not
 * the request, says who is calling: the accountId in every resolver call and requestJira comes from it.
 */
import { z } from 'zod';
import type { InvocationOutcome } from '../invoke';
import { BridgeCallError } from './bridge-error';
import { FetchProductPayload, toProductFetchResponse, toRequestInit } from './fetch-product';
import type { FrameSession } from './frames';
import { isJsonRequest, isSameOriginPost } from './security';

/** The parts of the Forge runtime the bridge calls. */
export interface BridgeBackend {
  invokeResolver(input: { site: string; moduleKey: string; accountId: string; functionKey: string; payload: unknown; context: Record<string, unknown> }): Promise<InvocationOutcome>;
  requestJiraAsUser(site: string, accountId: string, path: string, init?: RequestInit): Promise<Response>;
}

/** Forge's front-end invocation payload limit is 500 KB; requestJira bodies (attachments) may be larger. */
export const MAX_INVOKE_BYTES = 500 * 1000;
export const MAX_BRIDGE_BYTES = 10 * 1024 * 1024;

/** The wording Forge's bridge uses when a resolver function fails or times out. */
export const invokeErrorMessage = (cause: string): string => `There was an error invoking the function - ${cause}`;

/** `invoke`'s payload as @forge/bridge sends it; anything else in it (an accountId, say) is dropped. */
const InvokePayload = z.object({
  functionKey: z.string().min(1).max(256),
  payload: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });

const failure = (status: number, message: string, headers: Record<string, string> = {}): Response => json(status, { error: { message } }, headers);

/** Reads at most `limit` bytes of the body; undefined when it is longer. */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) { await reader.cancel(); return undefined; }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function invoke(backend: BridgeBackend, session: FrameSession, body: unknown, bytes: number): Promise<unknown> {
  const call = InvokePayload.safeParse(body);
  if (!call.success) throw new BridgeCallError(400, 'invoke: expected { functionKey, payload }');
  if (bytes > MAX_INVOKE_BYTES) throw new BridgeCallError(413, invokeErrorMessage(`the request payload is larger than ${MAX_INVOKE_BYTES / 1000} KB`));
  const outcome = await backend.invokeResolver({
    site: session.site,
    moduleKey: session.moduleKey,
    accountId: session.accountId,
    functionKey: call.data.functionKey,
    payload: call.data.payload,
    context: session.context,
  });
  if (outcome.status !== 'ok') throw new BridgeCallError(500, invokeErrorMessage(outcome.error.message));
  // With metadata the bridge expects { body, metadata }; the sandbox has no rate-limit figures to report.
  return call.data.metadata === undefined ? outcome.value : { body: outcome.value, metadata: {} };
}

async function fetchProduct(backend: BridgeBackend, session: FrameSession, body: unknown): Promise<unknown> {
  const payload = FetchProductPayload.safeParse(body);
  if (!payload.success) throw new BridgeCallError(400, 'fetchProduct: expected { product, restPath, fetchRequestInit }');
  const { path, init } = toRequestInit(payload.data);
  return toProductFetchResponse(await backend.requestJiraAsUser(session.site, session.accountId, path, init));
}

/** Answers one bridge call of a frame: `{ value }` on success, `{ error: { message } }` with a 4xx/5xx otherwise. */
export async function handleBridgeCall(request: Request, session: FrameSession, name: string, backend: BridgeBackend): Promise<Response> {
  if (request.method !== 'POST') return failure(405, 'Bridge calls are POST requests', { allow: 'POST' });
  if (!isSameOriginPost(request)) return failure(403, 'Bridge calls must come from the frame itself (same origin)');
  if (!isJsonRequest(request)) return failure(415, 'Bridge calls carry JSON');
  if (!/^[A-Za-z]{1,64}$/.test(name)) return failure(404, `No bridge call named ${name}`);
  const text = await readLimited(request, MAX_BRIDGE_BYTES);
  if (text === undefined) return failure(413, 'The bridge call is too large');
  let body: unknown;
  try { body = text === '' ? null : JSON.parse(text); } catch { return failure(400, 'The bridge call is not valid JSON'); }
  try {
    switch (name) {
      case 'getContext': return json(200, { value: session.context });
      case 'invoke': return json(200, { value: await invoke(backend, session, body, Buffer.byteLength(text)) });
      case 'fetchProduct': return json(200, { value: await fetchProduct(backend, session, body) });
      // The frame answers every other call itself; an older or hand-made caller gets the same `undefined`.
      default: return json(200, {});
    }
  } catch (error) {
    if (error instanceof BridgeCallError) return failure(error.status, error.message);
    return failure(500, `The sandbox failed to answer ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
