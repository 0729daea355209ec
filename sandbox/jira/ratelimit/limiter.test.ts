import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { JiraHttpError } from '../http/errors';
import { DEFAULT_RATE_LIMITS } from './config';
import { RateLimiter } from './limiter';

const on = (overrides = {}) => ({ ...DEFAULT_RATE_LIMITS, enabled: true, ...overrides });
const rejection = (fn: () => void): JiraHttpError => {
  try { fn(); } catch (e) { if (e instanceof JiraHttpError) return e; throw e; }
  throw new Error('expected a 429');
};

describe('RateLimiter', () => {
  it('admits everything while disabled but still counts requests and points', () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, new ManualClock());
    for (let i = 0; i < 500; i++) { limiter.admit('GET', '/rest/api/3/field', undefined); limiter.charge(3); }
    expect(limiter.stats).toMatchObject({ requests: 500, points: 2000, rejected: {} });
  });

  it('limits bursts per endpoint and method, and only that endpoint', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(on({ burstPerSecond: { GET: 5, PUT: 5 } }), clock);
    for (let i = 0; i < 5; i++) limiter.admit('GET', '/a', undefined);
    const e = rejection(() => limiter.admit('GET', '/a', undefined));
    expect(e.status).toBe(429);
    expect(e.headers).toMatchObject({ 'RateLimit-Reason': 'jira-burst-based', 'Retry-After': '1' });
    limiter.admit('GET', '/b', undefined);
    limiter.admit('PUT', '/a', undefined);
    clock.advance(1000);
    limiter.admit('GET', '/a', undefined);
  });

  it('limits writes per issue over both windows', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(on(), clock);
    for (let i = 0; i < 20; i++) limiter.admit('PUT', '/issue', '10001');
    expect(rejection(() => limiter.admit('PUT', '/issue', '10001')).headers['RateLimit-Reason']).toBe('jira-per-issue-on-write');
    limiter.admit('PUT', '/issue', '10002');
    for (let round = 0; round < 4; round++) { clock.advance(2_001); for (let i = 0; i < 20; i++) limiter.admit('PUT', '/issue', '10001'); }
    clock.advance(2_001);
    const e = rejection(() => limiter.admit('PUT', '/issue', '10001'));
    expect(e.headers['RateLimit-Reason']).toBe('jira-per-issue-on-write');
    expect(Number(e.headers['Retry-After'])).toBeGreaterThan(15);
  });

  it('enforces the hourly points quota until the next hour, with near-limit headers', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 30));
    const limiter = new RateLimiter(on({ hourlyPoints: 100 }), clock);
    limiter.admit('GET', '/search', undefined);
    limiter.charge(85);
    expect(limiter.headers()).toMatchObject({ 'X-RateLimit-Remaining': '14', 'X-RateLimit-NearLimit': 'true' });
    limiter.admit('GET', '/search', undefined);
    limiter.charge(20);
    const e = rejection(() => limiter.admit('GET', '/search', undefined));
    expect(e.headers).toMatchObject({ 'RateLimit-Reason': 'jira-quota-tenant-based', 'Retry-After': '1800', 'X-RateLimit-Reset': '2026-01-05T10:00Z' });
    clock.advance(30 * 60_000);
    limiter.admit('GET', '/search', undefined);
  });
});
