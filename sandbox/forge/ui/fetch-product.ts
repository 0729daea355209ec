/**
 * `requestJira` from a Custom UI frame: @forge/bridge sends `fetchProduct` with the request flattened to
 * JSON; the sandbox replays it against the site as the frame's user and flattens the answer the same way.
 */
import { z } from 'zod';
import { BridgeCallError } from './bridge-error';

export const FetchProductPayload = z.object({
  product: z.string(),
  restPath: z.string().min(1).max(8192),
  fetchRequestInit: z.object({
    method: z.string().regex(/^[A-Za-z]{1,16}$/).optional(),
    body: z.string().nullable().optional(),
    headers: z.union([z.array(z.tuple([z.string(), z.string()])), z.record(z.string(), z.string())]).optional(),
  }).optional(),
  isMultipartFormData: z.boolean().optional(),
});
export type FetchProductPayload = z.infer<typeof FetchProductPayload>;

/** What @forge/bridge turns back into a Response: text as is, anything else base64 with isAttachment. */
export interface ProductFetchResponse {
  body: string;
  headers: Record<string, string>;
  status: number;
  statusText: string;
  isAttachment: boolean;
}

/** Headers the frame may not set: credentials and connection framing belong to the host. */
const DROPPED_REQUEST_HEADERS = new Set(['authorization', 'cookie', 'host', 'origin', 'referer', 'connection', 'content-length', 'transfer-encoding']);
const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)\b|[^;]*\+(json|xml)\b)/i;

/** Rebuilds the FormData the bridge sent as JSON: file fields are data URLs with `__<field>Name` and `__<field>Type`. */
export function formDataOf(json: string): FormData {
  let parsed: unknown;
  try { parsed = JSON.parse(json); } catch { throw new BridgeCallError(400, 'fetchProduct: the multipart body is not the JSON @forge/bridge sends'); }
  const fields = z.record(z.string(), z.unknown()).safeParse(parsed);
  if (!fields.success) throw new BridgeCallError(400, 'fetchProduct: the multipart body is not an object');
  const all = fields.data;
  const form = new FormData();
  for (const [key, value] of Object.entries(all)) {
    const marker = /^__(.+)(Name|Type)$/.exec(key);
    if (marker && marker[1]! in all) continue;
    const fileName = all[`__${key}Name`];
    if (typeof value === 'string' && typeof fileName === 'string') {
      const type = all[`__${key}Type`];
      const base64 = value.includes(';base64,') ? value.slice(value.indexOf(',') + 1) : value;
      form.append(key, new Blob([Buffer.from(base64, 'base64')], { type: typeof type === 'string' && type ? type : 'application/octet-stream' }), fileName);
    } else {
      form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  return form;
}

/** The RequestInit to replay; throws BridgeCallError for what the sandbox does not serve. */
export function toRequestInit(payload: FetchProductPayload): { path: string; init: RequestInit } {
  if (payload.product !== 'jira') throw new BridgeCallError(400, `fetchProduct: the sandbox serves requestJira only, not ${payload.product}`);
  if (!payload.restPath.startsWith('/')) throw new BridgeCallError(400, `fetchProduct: restPath must start with '/': ${payload.restPath}`);
  // The path is appended to the site's base URL; a dot segment would climb out of it.
  if (/(^|\/)(\.|%2e){1,2}(\/|\?|#|$)/i.test(payload.restPath.split('?')[0]!)) throw new BridgeCallError(400, `fetchProduct: restPath must not contain '.' or '..' segments: ${payload.restPath}`);
  const init = payload.fetchRequestInit ?? {};
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {})) {
    const lower = name.toLowerCase();
    if (DROPPED_REQUEST_HEADERS.has(lower)) continue;
    // FormData brings its own multipart content type with a boundary.
    if (payload.isMultipartFormData && lower === 'content-type') continue;
    headers.append(name, value);
  }
  const hasBody = method !== 'GET' && method !== 'HEAD' && init.body != null;
  const body = hasBody ? (payload.isMultipartFormData ? formDataOf(init.body!) : init.body!) : undefined;
  return { path: payload.restPath, init: { method, headers, ...(body === undefined ? {} : { body }) } };
}

/** Flattens a Response for the bridge. */
export async function toProductFetchResponse(response: Response): Promise<ProductFetchResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { if (name !== 'set-cookie') headers[name] = value; });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const textual = bytes.length === 0 || TEXTUAL.test(type) || (type === '' && !bytes.includes(0));
  return {
    body: textual ? bytes.toString('utf8') : bytes.toString('base64'),
    headers,
    status: response.status,
    statusText: response.statusText,
    isAttachment: !textual,
  };
}
