/** The port through which the core talks to Jira: a `requestJira`-shaped function over pre-encoded routes. */
declare const routeBrand: unique symbol;

/** A REST path whose interpolated parts are already encoded (see `route` in src/jira/route.ts). */
export interface JiraRoute {
  readonly [routeBrand]: true;
  readonly value: string;
}

export interface JiraRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** JSON text, or the bytes of a multipart upload (attachments). */
  body?: string | ArrayBuffer;
}

/** The part of a fetch Response the core relies on. */
export interface JiraResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** Calls Jira with one identity: the app itself, or the user the request is made for. */
export interface JiraTransport {
  requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse>;
  /** Which site and identity answer, when known: metadata caches key on it (src/jira/meta-cache.ts). */
  readonly site?: string;
}
