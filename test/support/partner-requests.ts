/**
 * Raw HTTP requests to an installation's partner-inbox web trigger, signed the way the app signs them, and
 * the two things a refused request must never do: leave a trace (KVS write, queue push, Jira request) or
 * show a secret or a stack trace in its answer.
 */
import { CHANNEL_HEADER, CONNECTION_HEADER, KEY_PROOF_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/domain/connections/messages';
import { sign } from '../../src/domain/signing';
import type { ForgeRuntime } from '../../sandbox/forge/runtime';
import type { Exchange } from '../../sandbox/jira/emulator';

export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface RawAnswer {
  status: number;
  text: string;
}

/** A request as a sender builds it: `key` signs timestamp and body; `proof` adds a handshake's key proof. */
export function signed(key: string, connectionId: string, body: unknown, options: { channel?: string; at?: number; proof?: string } = {}): RawRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const at = options.at ?? Date.now();
  return {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json',
      ...(options.channel ? { [CHANNEL_HEADER]: options.channel } : {}),
      [CONNECTION_HEADER]: connectionId,
      [TIMESTAMP_HEADER]: String(at),
      [SIGNATURE_HEADER]: sign(key, at, text),
      ...(options.proof ? { [KEY_PROOF_HEADER]: sign(options.proof, at, text) } : {}),
    },
  };
}

/** The same request without its signature headers. */
export function unsigned(req: RawRequest): RawRequest {
  const { [TIMESTAMP_HEADER]: _t, [SIGNATURE_HEADER]: _s, [KEY_PROOF_HEADER]: _p, ...headers } = req.headers;
  return { ...req, headers };
}

export async function send(url: string, req: RawRequest): Promise<RawAnswer> {
  const res = await fetch(url, { method: req.method, headers: req.headers, ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }) });
  return { status: res.status, text: await res.text() };
}

/** What of `secrets`, stack frames or source paths an answer shows; empty when it shows none. */
export function leaks(text: string, secrets: readonly string[]): string[] {
  const found = secrets.filter((s) => s.length >= 16 && text.includes(s)).map((s) => `secret ${s.slice(0, 4)}…`);
  if (/\bat \S+ \(|\n\s+at /.test(text)) found.push('a stack frame');
  if (/\.(ts|js|mjs):\d+|\/work\/|node_modules|file:\/\//.test(text)) found.push('a source path');
  return found;
}

/** Storage paths that only read; everything else an installation asks its KVS for is a write. */
const READS = new Set(['/api/v1/get', '/api/v1/query', '/api/v1/batch/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/entity/query']);

/**
 * Records every KVS write and queue push of the given installations, and every Jira request on their sites,
 * by observing the local runtime's own entry points (the app runs unchanged). `take` returns and clears.
 */
export function recordSideEffects(runtime: ForgeRuntime, sites: readonly string[], exchanges: readonly Exchange[]): { take: () => string[] } {
  const seen: string[] = [];
  let jiraFrom = exchanges.length;
  for (const site of sites) {
    const inst = runtime.installation(site);
    const kvsHandle = inst.kvs.handle.bind(inst.kvs);
    inst.kvs.handle = (path, body) => {
      if (!READS.has(path)) seen.push(`${site} kvs ${path} ${JSON.stringify(body).slice(0, 160)}`);
      return kvsHandle(path, body);
    };
    const queueHandle = inst.queues.handle.bind(inst.queues);
    inst.queues.handle = (action, body) => {
      if (action === 'publish') seen.push(`${site} queue push ${JSON.stringify(body).slice(0, 160)}`);
      return queueHandle(action, body);
    };
  }
  return {
    take() {
      const jira = exchanges.slice(jiraFrom).filter((e) => sites.includes(e.site)).map((e) => `${e.site} jira ${e.method} ${e.path}`);
      jiraFrom = exchanges.length;
      return [...seen.splice(0), ...jira];
    },
  };
}
