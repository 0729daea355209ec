/** Admission and accounting for one site's requests under Jira's three independent limits. */
import type { Clock } from '../clock';
import { JiraHttpError } from '../http/errors';
import { RateLimitReason, type RateLimitConfig } from './config';

export interface RateLimitStats {
  requests: number;
  points: number;
  rejected: Record<string, number>;
}

const HOUR = 3_600_000;

/** Event times for sliding windows; several windows of different lengths may read one list. */
class Window {
  private times: number[] = [];
  constructor(private readonly keepMs: number) {}
  /** Events within the last `windowMs`; only events older than the longest window are dropped. */
  count(now: number, windowMs: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.keepMs) this.times.shift();
    let n = 0;
    for (let i = this.times.length - 1; i >= 0 && this.times[i]! > now - windowMs; i--) n++;
    return n;
  }
  /** Milliseconds until the oldest event inside `windowMs` leaves it. */
  waitMs(now: number, windowMs: number): number {
    const inside = this.times.filter((t) => t > now - windowMs);
    return inside.length === 0 ? 0 : inside[0]! + windowMs - now;
  }
  add(now: number): void {
    this.times.push(now);
  }
}

export class RateLimiter {
  private hourStart = 0;
  private hourPoints = 0;
  private readonly bursts = new Map<string, Window>();
  private readonly issueWrites = new Map<string, Window>();
  readonly stats: RateLimitStats = { requests: 0, points: 0, rejected: {} };

  constructor(public config: RateLimitConfig, private readonly clock: Clock) {}

  private rollHour(now: number): void {
    const start = now - (now % HOUR);
    if (start !== this.hourStart) { this.hourStart = start; this.hourPoints = 0; }
  }

  private reject(reason: string, waitMs: number): never {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const reset = new Date(this.clock.now() + seconds * 1000).toISOString().slice(0, 16) + 'Z';
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
    throw new JiraHttpError(429, ['Rate limit exceeded.'], {}, { 'Retry-After': String(seconds), 'RateLimit-Reason': reason, 'X-RateLimit-Reset': reset, ...this.headers() });
  }

  /** Admits a request or throws 429; `issueIdWritten` is the issue a write targets, if any. */
  admit(method: string, template: string, issueIdWritten: string | undefined): void {
    this.stats.requests++;
    if (!this.config.enabled) return;
    const now = this.clock.now();
    this.rollHour(now);
    if (this.hourPoints >= this.config.hourlyPoints) this.reject(this.config.quotaReason, this.hourStart + HOUR - now);
    const key = `${method} ${template}`;
    const limit = this.config.burstOverrides[key] ?? this.config.burstPerSecond[method] ?? 100;
    const burst = this.bursts.get(key) ?? new Window(1000);
    this.bursts.set(key, burst);
    if (burst.count(now, 1000) >= limit) this.reject(RateLimitReason.burst, burst.waitMs(now, 1000));
    if (issueIdWritten !== undefined) {
      const writes = this.issueWrites.get(issueIdWritten) ?? new Window(Math.max(...this.config.perIssueWrite.map((w) => w.windowMs)));
      this.issueWrites.set(issueIdWritten, writes);
      for (const { windowMs, max } of this.config.perIssueWrite) {
        if (writes.count(now, windowMs) >= max) this.reject(RateLimitReason.perIssueWrite, writes.waitMs(now, windowMs));
      }
      writes.add(now);
    }
    burst.add(now);
  }

  /** Charges the points of a completed request: 1 plus 1 per object returned (routes that write report none: Jira charges writes the base point only). */
  charge(objects: number): number {
    const points = 1 + Math.max(0, objects);
    this.stats.points += points;
    if (!this.config.enabled) return points;
    this.rollHour(this.clock.now());
    this.hourPoints += points;
    return points;
  }

  /** Headers Jira adds to every response while limits apply. */
  headers(): Record<string, string> {
    if (!this.config.enabled) return {};
    const remaining = Math.max(0, this.config.hourlyPoints - this.hourPoints);
    return {
      'X-RateLimit-Limit': String(this.config.hourlyPoints),
      'X-RateLimit-Remaining': String(remaining),
      ...(remaining < this.config.hourlyPoints * 0.2 ? { 'X-RateLimit-NearLimit': 'true' } : {}),
    };
  }

  reset(): void {
    this.hourPoints = 0;
    this.bursts.clear();
    this.issueWrites.clear();
    this.stats.requests = 0;
    this.stats.points = 0;
    this.stats.rejected = {};
  }
}
