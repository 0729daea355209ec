/** What a route handler receives, and what it returns. */
import type { Site } from '../model/site';
import type { UserRecord } from '../model/types';
import { badRequest } from './errors';
import type { Emulator } from '../emulator';

export interface RouteContext {
  emulator: Emulator;
  site: Site;
  /** The authenticated caller (a user via Basic auth, or the app / an impersonated user via a bearer token). */
  caller: UserRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  request: Request;
  /** The parsed JSON body; a 400 in Jira's shape when it is not JSON. */
  json(): Promise<unknown>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** Raw bytes (attachment content); sent instead of JSON when present. */
  raw?: { bytes: Uint8Array; contentType: string; filename?: string };
  headers?: Record<string, string>;
  /** Objects returned, for the points cost of rate limiting (1 point per object). */
  objects?: number;
  /** Issue ids written, for per-issue write limits. */
  writes?: string[];
}

export type RouteHandler = (ctx: RouteContext) => Promise<RouteResult> | RouteResult;

export const ok = (body: unknown, objects = 1): RouteResult => ({ status: 200, body, objects });
export const created = (body: unknown): RouteResult => ({ status: 201, body, objects: 1 });
export const noContent = (): RouteResult => ({ status: 204 });

/**
 * Whether a Content-Type names JSON (`application/json`, or a `+json` type): only the media type counts, never
 * its parameters, so a multipart upload whose boundary happens to contain "json" is still a multipart upload.
 */
export function isJsonMediaType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** Reads a JSON body once; Jira answers malformed JSON with 400 and a parse message. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`Unexpected character in request body: ${(error as Error).message}`);
  }
}
