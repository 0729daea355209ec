import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './backoff';

const fixed = (x: number) => () => x;
/** Just below 1: the largest jitter `random` can give. */
const MAX = 1 - Number.EPSILON;

describe('retryDelaySeconds', () => {
  it('waits exactly what Retry-After asked for when the jitter is nil, whatever the retry count', () => {
    expect(retryDelaySeconds(0, fixed(0), 30)).toBe(30);
    expect(retryDelaySeconds(5, fixed(0), 7)).toBe(7);
  });

  it('never waits less than Retry-After, and at most a fifth more (rounded up to a whole second)', () => {
    for (const after of [1, 7, 30, 120, 600]) {
      for (const r of [0, 0.25, 0.5, 0.75, MAX]) {
        const delay = retryDelaySeconds(2, fixed(r), after);
        expect(delay).toBeGreaterThanOrEqual(after);
        expect(delay).toBeLessThanOrEqual(Math.ceil(after * 1.2));
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
    expect(retryDelaySeconds(0, fixed(MAX), 100)).toBe(120);
  });

  it('backs off exponentially from 15 s without Retry-After', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, fixed(0)))).toEqual([15, 30, 60, 120, 240, 480]);
  });

  it('caps every delay at 900 s, the longest a Forge queue can delay', () => {
    expect(retryDelaySeconds(6, fixed(0))).toBe(900);
    expect(retryDelaySeconds(40, fixed(MAX))).toBe(900);
    expect(retryDelaySeconds(0, fixed(MAX), 800)).toBe(900);
    expect(retryDelaySeconds(0, fixed(0), 3600)).toBe(900);
  });

  it('spreads messages that failed together over different seconds', () => {
    const delays = new Set([0, 0.2, 0.4, 0.6, 0.8].map((r) => retryDelaySeconds(3, fixed(r))));
    expect(delays.size).toBe(5);
  });
});
