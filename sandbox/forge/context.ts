/**
 * The runtime globals the real @forge/* packages call. On Forge each invocation is its own Lambda with
 * its own globals; here several installations share one process, so the globals look up the current
 * invocation in an AsyncLocalStorage and route to its installation.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What `__forge_fetch__` receives as its first argument (see @forge/api out/api/fetch.js, @forge/kvs out/index.js). */
export interface FetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

/** One running function: who it runs for and until when. */
export interface InvocationScope {
  readonly id: string;
  readonly functionKey: string;
  readonly moduleKey: string;
  readonly accountId: string | undefined;
  /** Wall-clock ms after which Forge would have killed the function. */
  readonly deadline: number;
  /** Set when the function timed out: later SDK calls from it fail, as a frozen Lambda's would. */
  endedBecause: string | undefined;
  /** The sandbox's time, when tests drive it: what `Date.now()` answers inside the invocation, as Forge's clock is Jira's. */
  clockNow?: () => number;
  /** Ends the invocation now, as a crash or a platform time-out would: its outcome is a time-out and later SDK calls fail. */
  abort?: (reason: string) => void;
  /** The value `global.__forge_runtime__` returns inside this invocation. */
  readonly runtimeGlobal: Record<string, unknown>;
  /** Serves an SDK call made inside this invocation. */
  readonly proxy: (descriptor: FetchDescriptor, path: string, init: RequestInit | undefined) => Promise<Response>;
}

const storage = new AsyncLocalStorage<InvocationScope>();

export function currentInvocation(): InvocationScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: InvocationScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

let installed = false;

/** The process's own clock: the runtime's bookkeeping (time-outs, durations) runs on it, never on sandbox time. */
export const wallNow: () => number = Date.now.bind(Date);

/** Defines `__forge_fetch__` and `__forge_runtime__` once per process; both follow the current invocation. */
export function installForgeGlobals(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as Record<string, unknown>;
  // Inside an invocation the app reads the sandbox's clock, the one the emulated Jira and KVS keep time by.
  Date.now = () => storage.getStore()?.clockNow?.() ?? wallNow();
  g['__forge_fetch__'] = async (descriptor: FetchDescriptor, path: string, init?: RequestInit): Promise<Response> => {
    const scope = storage.getStore();
    if (!scope) throw new Error(`Forge runtime not found: @forge/* called ${descriptor.type} ${path} outside a function invocation.`);
    if (scope.endedBecause) throw new Error(`Invocation ${scope.id} of ${scope.functionKey} has ended (${scope.endedBecause}); its late call to ${path} was not made.`);
    return scope.proxy(descriptor, path, init);
  };
  Object.defineProperty(g, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get: () => storage.getStore()?.runtimeGlobal,
  });
}

/** The metrics object @forge/api's wrapInMetrics expects; the sandbox counts nothing. */
export const noMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => ({ measure: () => ({ stop: () => undefined }) }),
};
