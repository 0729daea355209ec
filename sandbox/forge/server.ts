/** Serves the local Forge runtime over HTTP: web triggers at `/x1/<id>`, and whatever the UI host serves. */
import { listen } from '../http/listen';
import type { ForgeRuntime } from './runtime';

/** Answers a request, or undefined to let the next handler try. */
export type HttpHandler = (request: Request) => Promise<Response | undefined>;

export interface RunningForgeServer {
  origin: string;
  close(): Promise<void>;
}

/** Listens on `port` (0 = any free port) and points the runtime's web trigger URLs at it. */
export async function serveForge(runtime: ForgeRuntime, options: { port?: number; host?: string; handlers?: HttpHandler[] } = {}): Promise<RunningForgeServer> {
  const handlers: HttpHandler[] = [
    async (request) => (new URL(request.url).pathname.startsWith('/x1/') ? runtime.handleWebTrigger(request) : undefined),
    ...(options.handlers ?? []),
  ];
  const running = await listen(async (request) => {
    for (const handle of handlers) {
      const response = await handle(request);
      if (response) return response;
    }
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  }, { port: options.port ?? 0, host: options.host ?? '127.0.0.1', onError: (error) => `Sandbox error: ${String(error)}` });
  runtime.setOrigin(running.origin);
  return { origin: running.origin, close: running.close };
}
