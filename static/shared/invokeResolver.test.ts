import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvokeFn } from './bridge';
import { NO_RESPONSE_STATUS, UiError } from './errors';
import { createInvokeResolver, invokeResolver } from './invokeResolver';
import { isSettingsData } from './validate';

function resolverReturning(impl: (name: string, payload: unknown) => unknown) {
  const invoke = vi.fn(async (name: string, payload?: unknown) => impl(name, payload));
  return { invoke, call: createInvokeResolver(async () => invoke as unknown as InvokeFn) };
}

async function rejection(promise: Promise<unknown>): Promise<UiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UiError);
  return error as UiError;
}

const settings = { project: { key: 'ABC', name: 'Alpha' }, syncs: [], licensed: true };

afterEach(() => {
  vi.useRealTimers();
});

describe('invokeResolver', () => {
  it('resolves with the resolver data and forwards name and payload', async () => {
    const { invoke, call } = resolverReturning(() => settings);
    await expect(call('getSettings', { projectKey: 'ABC' })).resolves.toEqual(settings);
    expect(invoke).toHaveBeenCalledWith('getSettings', { projectKey: 'ABC' });
  });

  it('turns an { error } result with 4xx into a UiError with that status and message', async () => {
    const { call } = resolverReturning(() => ({ error: { status: 404, message: 'Project ABC no longer exists.' } }));
    const error = await rejection(call('getSettings'));
    expect(error).toMatchObject({ status: 404, message: 'Project ABC no longer exists.', isUserFixable: true });
  });

  it('turns an { error } result with 5xx into a non-fixable UiError', async () => {
    const { call } = resolverReturning(() => ({ error: { status: 503, message: 'KVS unavailable' } }));
    const error = await rejection(call('getSettings'));
    expect(error).toMatchObject({ status: 503, isUserFixable: false });
  });

  it('turns a thrown bridge error into a no-response UiError', async () => {
    const { call } = resolverReturning(() => {
      throw new Error('There was an error invoking the function');
    });
    const error = await rejection(call('getSettings'));
    expect(error.status).toBe(NO_RESPONSE_STATUS);
  });

  it('turns a failure to load the bridge into a no-response UiError', async () => {
    const call = createInvokeResolver(() => Promise.reject(new Error('Unable to establish a connection with the Custom UI bridge.')));
    const error = await rejection(call('getSettings'));
    expect(error).toMatchObject({ status: NO_RESPONSE_STATUS, isUserFixable: false });
  });

  it('gives up after the timeout', async () => {
    vi.useFakeTimers();
    const call = createInvokeResolver(async () => (() => new Promise(() => {})) as unknown as InvokeFn);
    const pending = rejection(call('getSettings', undefined, { timeoutMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await pending;
    expect(error).toMatchObject({ status: NO_RESPONSE_STATUS, message: 'getSettings did not answer within 5 s.' });
  });

  it('rejects a result that fails validation with a 500', async () => {
    const { call } = resolverReturning(() => ({ project: { key: 'ABC' } }));
    const error = await rejection(call('getSettings', undefined, { validate: isSettingsData }));
    expect(error).toMatchObject({ status: 500, message: 'getSettings returned an unexpected response.' });
  });

  it('accepts a result that passes validation', async () => {
    const { call } = resolverReturning(() => settings);
    await expect(call('getSettings', undefined, { validate: isSettingsData })).resolves.toEqual(settings);
  });

  it('outside a Jira host, the real @forge/bridge failure becomes a UiError (no crash)', async () => {
    const error = await rejection(invokeResolver('getSettings'));
    expect(error.status).toBe(NO_RESPONSE_STATUS);
  });
});
