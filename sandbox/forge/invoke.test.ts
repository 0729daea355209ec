import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, readManifest } from './manifest';
import { retryRequestOf, timeoutSecondsFor } from './invoke';

const fixture = loadManifest(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'runtime-app', 'manifest.yml'));

describe('function timeouts', () => {
  it('come from timeoutSeconds in manifest.yml, else from the module kind', () => {
    expect(timeoutSecondsFor(fixture, 'worker', 'consumer')).toBe(60);
    expect(timeoutSecondsFor(fixture, 'tick', 'scheduledTrigger')).toBe(900);
    expect(timeoutSecondsFor(fixture, 'on-issue', 'trigger')).toBe(25);
    expect(timeoutSecondsFor(fixture, 'resolver', 'resolver')).toBe(25);
    expect(timeoutSecondsFor(fixture, 'hook', 'webtrigger')).toBe(55);
  });
  it('never exceed 25 s for kinds that may not run long, whatever the manifest asks', () => {
    expect(timeoutSecondsFor(fixture, 'tick', 'trigger')).toBe(25);
  });
});

describe('InvocationError results', () => {
  it('are read as retry requests, with retryAfter lowered to 900 s and at least 1 s', () => {
    expect(retryRequestOf({ _retry: true, retryOptions: { retryAfter: 5000, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { n: 1 } } })).toEqual({ retryAfter: 900, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { n: 1 } });
    expect(retryRequestOf({ _retry: true, retryOptions: {} })).toEqual({ retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' });
    expect(retryRequestOf({ ok: true })).toBeUndefined();
    expect(retryRequestOf(null)).toBeUndefined();
  });
});

describe('manifest reading', () => {
  it('names every reference the runtime could not follow', () => {
    const doc = { app: { id: 'ari:cloud:ecosystem::app/x' }, modules: { trigger: [{ key: 't', function: 'nope', events: ['avi:jira:created:issue'] }], 'jira:issuePanel': [{ key: 'p', resource: 'missing', title: 'P' }] } };
    expect(() => readManifest(doc)).toThrow(/trigger t names function 'nope'[\s\S]*jira:issuePanel p names resource 'missing'/);
    expect(() => readManifest({ modules: {} })).toThrow(/app: /);
  });
});
