/** Serves a fetch-style handler (Request → Response) on Node's http server; both sandbox servers use it. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';

export interface Listening {
  server: Server;
  origin: string;
  /** Stops accepting and drops open connections, so a stopping sandbox never waits on keep-alives. */
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

/** Listens on `port` (0 = any free one); `onError` renders a handler failure in the server's own dialect. */
export async function listen(handle: (request: Request) => Promise<Response>, options: { port: number; host: string; onError: (error: unknown) => string }): Promise<Listening> {
  const sockets = new Set<Socket>();
  let origin = '';
  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => { if (!res.writableFinished) aborter.abort(); });
    handle(toRequest(req, origin, aborter.signal))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        if (!res.headersSent) { res.statusCode = 500; res.end(options.onError(error)); } else res.destroy();
      });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(options.port, options.host, resolve); });
  origin = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
  };
}
