/**
 * Web triggers: one unguessable URL per installation and module (`<origin>/x1/<id>`, Forge's URL shape),
 * the HTTP request turned into Forge's web trigger request object, and the function's answer back into HTTP.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { InvocationOutcome } from './invoke';

export interface WebTriggerTarget {
  installation: string;
  moduleKey: string;
}

/** The request object a web trigger function receives. */
export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body: string;
  path: string;
  queryParameters: Record<string, string[]>;
  context: { cloudId: string; moduleKey: string };
  contextPath: string;
}

const DynamicResponse = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
  statusText: z.string().optional(),
});

/** Web trigger payloads above this are refused before the function runs (Forge's invocation payload limit). */
export const MAX_WEBTRIGGER_BODY_BYTES = 5 * 1024 * 1024;

export class WebTriggerRegistry {
  private readonly byId = new Map<string, WebTriggerTarget>();

  /** `secret` makes the ids unguessable and, being kept under .sandbox/, stable across restarts. */
  constructor(private readonly secret: string, private origin: string) {}

  setOrigin(origin: string): void {
    this.origin = origin.replace(/\/$/, '');
  }

  idFor(target: WebTriggerTarget): string {
    const id = createHmac('sha256', this.secret).update(`${target.installation}\n${target.moduleKey}`).digest('base64url').slice(0, 32);
    this.byId.set(id, target);
    return id;
  }

  urlFor(target: WebTriggerTarget): string {
    return `${this.origin}/x1/${this.idFor(target)}`;
  }

  resolve(id: string): WebTriggerTarget | undefined {
    return this.byId.get(id);
  }

  /** Every URL of an installation, for `webTrigger.queryUrls`. */
  list(installation: string): Array<{ moduleKey: string; url: string }> {
    return [...this.byId.entries()].filter(([, t]) => t.installation === installation).map(([id, t]) => ({ moduleKey: t.moduleKey, url: `${this.origin}/x1/${id}` }));
  }
}

/** Builds the function's request from an HTTP request to `/x1/<id><rest>`. */
export async function toWebTriggerRequest(request: Request, rest: string, context: WebTriggerRequest['context']): Promise<WebTriggerRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string[]> = {};
  request.headers.forEach((value, name) => { (headers[name.toLowerCase()] ??= []).push(value); });
  const queryParameters: Record<string, string[]> = {};
  url.searchParams.forEach((value, name) => { (queryParameters[name] ??= []).push(value); });
  return { method: request.method, headers, body: await request.text(), path: rest || '/', queryParameters, context, contextPath: '' };
}

/** Turns the function's outcome into the HTTP answer Forge gives the caller. */
export function toHttpResponse(outcome: InvocationOutcome, dynamic: boolean): Response {
  if (outcome.status === 'timeout') return new Response('Web trigger timed out', { status: 504 });
  if (outcome.status === 'error') return new Response('Web trigger function failed', { status: 500 });
  // A static web trigger answers 200 with no body whatever the function returns.
  if (!dynamic) return new Response(null, { status: 200 });
  const parsed = DynamicResponse.safeParse(outcome.value);
  if (!parsed.success) return new Response('Web trigger function returned an invalid response', { status: 500 });
  const headers = new Headers();
  for (const [name, values] of Object.entries(parsed.data.headers ?? {})) for (const v of values) headers.append(name, v);
  const status = parsed.data.statusCode;
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  return new Response(noBody ? null : parsed.data.body ?? '', { status, headers });
}
