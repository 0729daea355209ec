/** Serves the emulator over HTTP: adapts Node's http server to the emulator's fetch function. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Emulator } from './emulator';

export interface RunningServer {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
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

/** Starts the HTTP server on `port` (0 = any free port) and points the emulator's site URLs at it. */
export async function serveEmulator(emulator: Emulator, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const sockets = new Set<import('node:net').Socket>();
  let origin = '';
  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => { if (!res.writableFinished) aborter.abort(); });
    toRequest(req, origin, aborter.signal)
      .then((request) => emulator.fetch(request))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        if (!res.headersSent) { res.statusCode = 500; res.end(JSON.stringify({ errorMessages: [String(error)], errors: {} })); } else res.destroy();
      });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;
  emulator.setOrigin(origin);
  return {
    server,
    origin,
    close: async () => {
      emulator.releaseHung();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
