import { describe, expect, it } from 'vitest';
import type { JiraTransport } from '../ports/jira';
import { MetaCache } from './meta-cache';

const transport = (site?: string): JiraTransport => ({ requestJira: async () => { throw new Error('not called'); }, ...(site ? { site } : {}) });

describe('MetaCache', () => {
  it('answers from the cache within the TTL, per site, and reads again after it', async () => {
    let now = 0;
    const cache = new MetaCache(() => now, 1000);
    let reads = 0;
    const load = async () => ++reads;
    const alpha = transport('alpha');
    expect(await cache.get(alpha, 'user', 'a@x', load)).toBe(1);
    expect(await cache.get(alpha, 'user', 'a@x', load)).toBe(1);
    expect(await cache.get(transport('beta'), 'user', 'a@x', load)).toBe(2);
    now = 1001;
    expect(await cache.get(alpha, 'user', 'a@x', load)).toBe(3);
  });

  it('never caches for a transport that does not say its site', async () => {
    const cache = new MetaCache(() => 0);
    let reads = 0;
    const anonymous = transport();
    await cache.get(anonymous, 'user', 'a@x', async () => ++reads);
    await cache.get(anonymous, 'user', 'a@x', async () => ++reads);
    expect(reads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('invalidates one kind of one site only, and drops the oldest entry when full', async () => {
    const cache = new MetaCache(() => 0, 1000, 2);
    const alpha = transport('alpha');
    const beta = transport('beta');
    await cache.get(alpha, 'workflows', '*', async () => 'a');
    await cache.get(beta, 'workflows', '*', async () => 'b');
    cache.invalidate(alpha, 'workflows');
    expect(await cache.get(alpha, 'workflows', '*', async () => 'a2')).toBe('a2');
    expect(await cache.get(beta, 'workflows', '*', async () => 'b2')).toBe('b');
    await cache.get(alpha, 'user', 'x', async () => 'x');
    expect(cache.size).toBe(2);
  });
});
