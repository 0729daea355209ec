import { loadInvoke, type InvokeFn } from './bridge';
import { NO_RESPONSE_STATUS, toUiError, UiError, unwrapResolverResult } from './errors';

export type ResolverPayload = Record<string, unknown>;

export interface InvokeOptions<T> {
  /** Checks the shape of a successful result; a mismatch becomes a 500 UiError instead of a render crash. */
  validate?: (value: unknown) => value is T;
  /** Gives up after this long (Forge resolvers time out at 25 s themselves). Default 30 s. */
  timeoutMs?: number;
}

export type InvokeResolver = <T>(name: string, payload?: ResolverPayload, options?: InvokeOptions<T>) => Promise<T>;

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Builds an invokeResolver on top of a (lazily loaded) invoke function. Every failure comes out
 * as a UiError: `{ error: { status, message } }` results, thrown bridge/network errors, timeouts
 * and results that fail `validate`.
 */
export function createInvokeResolver(getInvoke: () => Promise<InvokeFn>): InvokeResolver {
  return async <T>(name: string, payload?: ResolverPayload, options: InvokeOptions<T> = {}): Promise<T> => {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UiError(NO_RESPONSE_STATUS, `${name} did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
        timeoutMs,
      );
    });
    let result: unknown;
    try {
      const call = (async () => (await getInvoke())(name, payload))();
      result = await Promise.race([call, timeout]);
    } catch (thrown) {
      throw toUiError(thrown);
    } finally {
      clearTimeout(timer);
    }
    const data = unwrapResolverResult<unknown>(name, result);
    if (options.validate && !options.validate(data)) {
      throw new UiError(500, `${name} returned an unexpected response.`);
    }
    return data as T;
  };
}

/** Calls a Forge resolver through @forge/bridge; rejects only with UiError. */
export const invokeResolver: InvokeResolver = createInvokeResolver(loadInvoke);
