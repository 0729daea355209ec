/** Serves the local Forge runtime over HTTP: web triggers at `/x1/<id>`, and whatever the UI host serves. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { ForgeRuntime } from './runtime';

/** Answers a request, or undefined to let the next handler try. */
export type HttpHandler = (request: Request) => Promise<Response | undefined>;

export interface RunningForgeServer {
  origin: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Listens on `port` (0 = any free port) and points the runtime's web trigger URLs at it. */
export async function serveForge(runtime: ForgeRuntime, options: { port?: number; host?: string; handlers?: HttpHandler[] } = {}): Promise<RunningForgeServer> {
  const host = options.host ?? '127.0.0.1';
  const handlers: HttpHandler[] = [
    async (request) => (new URL(request.url).pathname.startsWith('/x1/') ? runtime.handleWebTrigger(request) : undefined),
    ...(options.handlers ?? []),
  ];
  const sockets = new Set<Socket>();
  let origin = '';
  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => { if (!res.writableFinished) aborter.abort(); });
    (async () => {
      const request = toRequest(req, origin, aborter.signal);
      for (const handle of handlers) {
        const response = await handle(request);
        if (response) return send(res, response);
      }
      return send(res, new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
    })().catch((error: unknown) => {
      if (!res.headersSent) { res.statusCode = 500; res.end(`Sandbox error: ${String(error)}`); } else res.destroy();
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(options.port ?? 0, host, resolve); });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  runtime.setOrigin(origin);
  return {
    origin,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
  };
}
