/**
 * The Forge egress proxy for one installation: every `__forge_fetch__` call lands here and goes to
 * the site's Jira (as the app or as a user), to the installation's KVS, or to Forge platform APIs
 * (web trigger URLs, queues). Failures carry `Forge-Proxy-Error` as Forge's proxy sets it.
 */
import type { FetchDescriptor, InvocationScope } from './context';
import type { KvsReply } from './kvs/store';
import { REPORT_ACCOUNTS_PATH } from './privacy';

export interface ProxyTargets {
  /** Base URL of the site's REST API owner, e.g. `http://127.0.0.1:4180/alpha`. */
  siteBaseUrl: () => string;
  jiraFetch: (request: Request) => Promise<Response>;
  tokenFor: (accountId: string) => string;
  appAccountId: string;
  kvs: (path: string, body: unknown) => KvsReply;
  graphql: (scope: InvocationScope, body: unknown) => Promise<Response>;
  queue: (action: 'publish' | 'stats' | 'cancel', body: unknown) => Response;
  /** Atlassian's personal data reporting API (sandbox/forge/privacy.ts), which `privacy.reportPersonalData` calls as the app. */
  privacy: (method: string, body: unknown) => Response;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const proxyError = (status: number, reason: string, message: string): Response =>
  json(status, { message }, { 'forge-proxy-error': reason });

async function bodyText(init: RequestInit | undefined): Promise<string> {
  const body = init?.body;
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  return new Response(body as BodyInit).text();
}

/** The SDK's JSON body, or undefined when it is not JSON (an empty body reads as null). */
async function jsonBody(init: RequestInit | undefined): Promise<{ value: unknown } | undefined> {
  try { return { value: JSON.parse((await bodyText(init)) || 'null') }; } catch { return undefined; }
}

/** A request to a site's REST API with the bearer token of the account Forge acts as; shared with Custom UI's requestJira. */
export function jiraRequest(siteBaseUrl: string, token: string, path: string, init: RequestInit | undefined): Request {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  const method = (init?.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && init?.body != null;
  return new Request(siteBaseUrl + path, {
    method,
    headers,
    ...(hasBody ? { body: init!.body as BodyInit, duplex: 'half' } : {}),
    redirect: init?.redirect ?? 'follow',
  } as RequestInit);
}


export function makeProxy(t: ProxyTargets) {
  return async (scope: InvocationScope, descriptor: FetchDescriptor, path: string, init: RequestInit | undefined): Promise<Response> => {
    if (descriptor.type === 'kvs') {
      const body = await jsonBody(init);
      if (!body) return json(400, { code: 'BAD_REQUEST', message: 'Request body is not JSON' });
      const reply = t.kvs(path, body.value);
      return json(reply.status, reply.body);
    }
    if (descriptor.type !== 'fpp') return proxyError(400, 'UNSUPPORTED_REQUEST_TYPE', `The sandbox does not serve ${descriptor.type} requests`);
    if (descriptor.remote === 'jira') return jira(scope, descriptor, path, init);
    if (descriptor.remote === 'stargate') {
      const queue = /^\/webhook\/queue\/(publish|stats|cancel)\//.exec(path);
      if (path === '/graphql' || queue) {
        const body = await jsonBody(init);
        if (!body) return json(400, { message: 'Request body is not JSON' });
        return queue ? t.queue(queue[1] as 'publish' | 'stats' | 'cancel', body.value) : t.graphql(scope, body.value);
      }
      if (REPORT_ACCOUNTS_PATH.test(path)) {
        // The API takes the app's own reports only: @forge/api sends them with asApp's provider.
        if (descriptor.provider !== 'app') return proxyError(403, 'UNSUPPORTED_PROVIDER', 'Personal data is reported as the app');
        const body = await jsonBody(init);
        return t.privacy((init?.method ?? 'GET').toUpperCase(), body ? body.value : undefined);
      }
    }
    return proxyError(404, 'UNKNOWN_REMOTE', `No ${descriptor.remote ?? '?'} endpoint ${path} in the sandbox`);
  };

  async function jira(scope: InvocationScope, d: FetchDescriptor, path: string, init: RequestInit | undefined): Promise<Response> {
    if (!path.startsWith('/')) return proxyError(400, 'INVALID_PATH', `Path must start with '/': ${path}`);
    let accountId: string;
    if (d.provider === 'app' || d.provider === 'none') accountId = t.appAccountId;
    else if (d.provider === 'user') {
      const user = d.accountId ?? scope.accountId;
      // Forge has no user to act for in triggers, consumers and scheduled runs unless one is named.
      if (!user) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR', 'asUser() needs a user: this invocation has none');
      accountId = user;
    } else return proxyError(400, 'UNSUPPORTED_PROVIDER', `Unknown provider ${d.provider ?? '(none)'}`);
    return t.jiraFetch(jiraRequest(t.siteBaseUrl(), t.tokenFor(accountId), path, init));
  }
}
