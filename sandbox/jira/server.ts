/** Serves the emulator over HTTP and points its site URLs at where it listens. */
import type { Server } from 'node:http';
import { listen } from '../http/listen';
import type { Emulator } from './emulator';

export interface RunningServer {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Starts the HTTP server on `port` (0 = any free port) and points the emulator's site URLs at it. */
export async function serveEmulator(emulator: Emulator, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const running = await listen((request) => emulator.fetch(request), { port, host, onError: (error) => JSON.stringify({ errorMessages: [String(error)], errors: {} }) });
  emulator.setOrigin(running.origin);
  return {
    server: running.server,
    origin: running.origin,
    close: async () => {
      emulator.releaseHung();
      await running.close();
    },
  };
}
