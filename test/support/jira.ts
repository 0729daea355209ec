/** Test helpers: an emulator with the sandbox's two sites, and a plain fetch-based Jira REST client for it. */
import { Emulator, type EmulatorOptions } from '../../sandbox/jira/emulator';
import { addSandboxSites, makeTokens, PEOPLE } from '../../sandbox/jira/sites';

export const TOKENS = makeTokens({ ada: 'ada-token', sam: 'sam-token', dana: 'dana-token', omar: 'omar-token' });

export function sandboxEmulator(options: EmulatorOptions = {}): Emulator {
  const emulator = new Emulator(options);
  addSandboxSites(emulator, TOKENS);
  return emulator;
}

export type Person = keyof typeof PEOPLE;

export interface JiraReply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A minimal Jira REST client: Basic auth with email and API token, JSON in and out. */
export function restClient(fetchFn: (req: Request) => Promise<Response>, baseUrl: string, who: Person = 'ada') {
  const auth = 'Basic ' + Buffer.from(`${PEOPLE[who].emailAddress}:${TOKENS[who]}`).toString('base64');
  return async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JiraReply<T>> {
    const init: RequestInit = { method, headers: { Authorization: auth, Accept: 'application/json', ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { init.body = JSON.stringify(body); (init.headers as Record<string, string>)['Content-Type'] = 'application/json'; }
    const res = await fetchFn(new Request(`${baseUrl}${path}`, init));
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* binary or plain text */ }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
}

export const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
