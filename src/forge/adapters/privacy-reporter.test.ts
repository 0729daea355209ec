import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './privacy-reporter';

describe('retryAfterSeconds', () => {
  const now = Date.UTC(2026, 10, 2, 9, 0, 0);
  it('reads seconds or an HTTP date, and nothing else', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds(' 1.2 ', now)).toBe(2);
    expect(retryAfterSeconds('Mon, 02 Nov 2026 09:05:00 GMT', now)).toBe(300);
    expect(retryAfterSeconds('Mon, 02 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds('-5', now)).toBeUndefined();
  });
});
