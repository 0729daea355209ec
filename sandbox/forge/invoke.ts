/**
 * Runs one Forge function invocation: the handler inside its own scope (globals routed to its
 * installation), bounded by the manifest's timeout, its result serialized as Forge would send it.
 */
import { randomUUID } from 'node:crypto';
import { noMetrics, runInScope, wallNow, type FetchDescriptor, type InvocationScope } from './context';
import { meterInvocation } from './heap-meter';
import { DEFAULT_TIMEOUT_SECONDS, MAX_LONG_TIMEOUT_SECONDS, WEBTRIGGER_TIMEOUT_SECONDS, type AppManifest } from './manifest';
import type { Handler } from './handlers';

/** Which module kind an invocation serves; it decides the default timeout and how failures are retried. */
export type ModuleKind = 'resolver' | 'trigger' | 'consumer' | 'scheduledTrigger' | 'webtrigger' | 'script';

export type InvocationOutcome =
  | { status: 'ok'; value: unknown }
  | { status: 'error'; error: Error }
  | { status: 'timeout'; error: Error };

/** One line of the runtime's invocation log, newest last. */
export interface InvocationRecord {
  id: string;
  installation: string;
  kind: ModuleKind;
  moduleKey: string;
  functionKey: string;
  accountId: string | undefined;
  startedAt: number;
  ms: number;
  status: InvocationOutcome['status'];
  error?: string;
  /** What the function returned (serialized), for tests and the sandbox log. */
  result?: unknown;
  /** Peak heap growth while it ran, when a benchmark turned the heap meter on (heap-meter.ts). */
  heapGrowthBytes?: number;
}

export interface InvocationTarget {
  installationName: string;
  installationId: string;
  contextAri: string;
  appId: string;
  environmentId: string;
  proxy: (scope: InvocationScope, descriptor: FetchDescriptor, path: string, init: RequestInit | undefined) => Promise<Response>;
}

export interface InvocationRequest {
  kind: ModuleKind;
  moduleKey: string;
  functionKey: string;
  accountId?: string | undefined;
  args: unknown[];
}

/** The timeout Forge gives a function: its `timeoutSeconds`, else the module kind's default. */
export function timeoutSecondsFor(manifest: AppManifest, functionKey: string, kind: ModuleKind): number {
  const declared = manifest.functions.get(functionKey)?.timeoutSeconds;
  if (declared !== undefined) {
    // Only long-running kinds may exceed the default; Forge rejects such a manifest, the runtime caps it.
    const max = kind === 'consumer' || kind === 'scheduledTrigger' ? MAX_LONG_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
    return Math.min(declared, max);
  }
  return kind === 'webtrigger' ? WEBTRIGGER_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
}

export async function invoke(
  target: InvocationTarget,
  manifest: AppManifest,
  handler: Handler,
  request: InvocationRequest,
  options: { timeScale: number; scopes: string[]; active?: Set<InvocationScope>; clockNow?: (() => number) | undefined },
): Promise<{ outcome: InvocationOutcome; record: InvocationRecord }> {
  const id = randomUUID();
  const timeoutMs = timeoutSecondsFor(manifest, request.functionKey, request.kind) * 1000 * options.timeScale;
  const startedAt = wallNow();
  const deadline = startedAt + timeoutMs;
  const runtimeGlobal: Record<string, unknown> = {
    appContext: {
      appId: target.appId,
      appVersion: '1.0.0',
      environmentId: target.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: id,
      installationId: target.installationId,
      moduleKey: request.moduleKey,
      // getAppContext().license agrees with the context's (Installation.license); active when none is passed.
      license: (request.args.at(-1) as { license?: unknown } | undefined)?.license ?? { active: true, isActive: true },
      installation: { id: target.installationId, contexts: [target.contextAri] },
      permissions: { scopes: options.scopes, external: {} },
    },
    contextAri: target.contextAri,
    lambdaContext: { awsRequestId: id, getRemainingTimeInMillis: () => Math.max(0, deadline - wallNow()) },
    proxy: { token: `sandbox-${id}`, url: 'http://forge-proxy.sandbox' },
    tracing: { traceId: id.replace(/-/g, ''), spanId: id.slice(0, 16).replace(/-/g, '') },
    metrics: noMetrics,
    externalAuth: [],
  };
  const scope: InvocationScope = {
    id,
    functionKey: request.functionKey,
    moduleKey: request.moduleKey,
    accountId: request.accountId,
    deadline,
    endedBecause: undefined,
    ...(options.clockNow ? { clockNow: options.clockNow } : {}),
    runtimeGlobal,
    proxy: (descriptor, path, init) => target.proxy(scope, descriptor, path, init),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationOutcome>((resolve) => {
    scope.abort = (reason) => {
      if (scope.endedBecause) return;
      scope.endedBecause = reason;
      resolve({ status: 'timeout', error: new Error(`Function ${request.functionKey} ${reason}`) });
    };
    timer = setTimeout(() => {
      scope.endedBecause = `timed out after ${timeoutMs / 1000} s`;
      resolve({ status: 'timeout', error: new Error(`Function ${request.functionKey} timed out after ${timeoutMs / 1000} s`) });
    }, timeoutMs);
  });
  const metered = meterInvocation();
  const run = runInScope(scope, async () => handler(...request.args)).then(
    (value): InvocationOutcome => ({ status: 'ok', value: serialize(value) }),
    (error: unknown): InvocationOutcome => ({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
  );
  options.active?.add(scope);
  const outcome = await Promise.race([run, timeout]);
  options.active?.delete(scope);
  clearTimeout(timer);
  // Whatever the function still does after it returned or timed out is not the invocation's any more.
  scope.endedBecause ??= 'returned';
  const record: InvocationRecord = {
    id,
    installation: target.installationName,
    kind: request.kind,
    moduleKey: request.moduleKey,
    functionKey: request.functionKey,
    accountId: request.accountId,
    startedAt,
    ms: wallNow() - startedAt,
    status: outcome.status,
    ...(outcome.status === 'ok' ? { result: outcome.value } : { error: outcome.error.message }),
    ...(metered ? { heapGrowthBytes: metered() } : {}),
  };
  return { outcome, record };
}

/** Forge hands a function's result over the wire as JSON; functions and undefined members vanish. */
function serialize(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** An `InvocationError` from @forge/events, as a function returns it (its toJSON form). */
export interface RetryRequest {
  retryAfter: number;
  retryReason: string;
  retryData?: unknown;
}

export function retryRequestOf(value: unknown): RetryRequest | undefined {
  if (typeof value !== 'object' || value === null || (value as { _retry?: unknown })._retry !== true) return undefined;
  const options = (value as { retryOptions?: Partial<RetryRequest> }).retryOptions ?? {};
  const after = typeof options.retryAfter === 'number' && options.retryAfter > 0 ? options.retryAfter : 1;
  return {
    // Forge lowers any retryAfter above 900 s to 900 s.
    retryAfter: Math.min(after, MAX_RETRY_AFTER_SECONDS),
    retryReason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
    ...(options.retryData === undefined ? {} : { retryData: options.retryData }),
  };
}

/** Forge retries an event at most four times; retryAfter is capped at 900 s (product events reference). */
export const MAX_RETRIES = 4;
export const MAX_RETRY_AFTER_SECONDS = 900;
/** Platform failures (time-outs) are retried by Forge itself; back off like it does, a little longer each time. */
export const platformRetryDelaySeconds = (retryCount: number): number => Math.min(MAX_RETRY_AFTER_SECONDS, 5 * 2 ** retryCount);

/**
 * Whether Forge delivers an event again after this outcome: when the function returned an InvocationError,
 * or timed out (a platform error). Thrown errors are app errors and are not retried. Undefined: done.
 */
export function retryAfterOutcome(outcome: InvocationOutcome, retryCount: number): RetryRequest | undefined {
  if (outcome.status === 'ok') return retryRequestOf(outcome.value);
  if (outcome.status === 'timeout') return { retryAfter: platformRetryDelaySeconds(retryCount), retryReason: 'FUNCTION_TIME_OUT' };
  return undefined;
}

/** The `retryContext` the next delivery carries. */
export function nextRetryContext(retry: RetryRequest, retryCount: number): { retryCount: number; retryReason: string; retryData?: unknown } {
  return { retryCount: retryCount + 1, retryReason: retry.retryReason, ...(retry.retryData === undefined ? {} : { retryData: retry.retryData }) };
}
