/**
 * A seeded fault injector for the local runtime's hooks (sandbox/forge/faults.ts): Jira answering 429,
 * 500 or 503 or never answering, functions killed part-way through, product events and queue messages
 * lost, doubled, late or out of order, web trigger answers lost, duplicate scheduled runs, and a site
 * down for minutes. It counts every call it was asked about and every fault it made, by kind.
 */
import type { Clock } from '../jira/clock';
import type { InvocationScope } from '../forge/context';
import type { JiraFault, RuntimeFaults } from '../forge/faults';
import type { Rng } from './rng';

export interface FaultRates {
  jira429: number;
  jira500: number;
  jira503: number;
  /** A Jira request that never answers (half of them after Jira carried it out). */
  jiraHang: number;
  /** A consumer, trigger or scheduled invocation killed after one of its first SDK calls. */
  kill: number;
  eventDrop: number;
  eventDuplicate: number;
  /** Delivered up to `eventDelayMaxMs` late (Jira: up to 30 minutes), which also reorders. */
  eventDelay: number;
  eventDelayMaxMs: number;
  queueDrop: number;
  queueDuplicate: number;
  queueDelay: number;
  queueDelayMaxMs: number;
  webtrigger503: number;
  /** The partner served the request but its answer was lost. */
  webtriggerLost: number;
  scheduledDuplicate: number;
}

export const DEFAULT_RATES: FaultRates = {
  jira429: 0.04, jira500: 0.02, jira503: 0.02, jiraHang: 0.01, kill: 0.03,
  eventDrop: 0.01, eventDuplicate: 0.03, eventDelay: 0.05, eventDelayMaxMs: 30 * 60_000,
  queueDrop: 0.01, queueDuplicate: 0.03, queueDelay: 0.05, queueDelayMaxMs: 10 * 60_000,
  webtrigger503: 0.03, webtriggerLost: 0.02, scheduledDuplicate: 0.2,
};

export type FaultKind =
  | 'jira-429' | 'jira-500' | 'jira-503' | 'jira-hang' | 'killed' | 'restart'
  | 'event-dropped' | 'event-duplicated' | 'event-delayed'
  | 'queue-dropped' | 'queue-duplicated' | 'queue-delayed'
  | 'webtrigger-503' | 'webtrigger-answer-lost' | 'scheduled-duplicated' | 'site-down' | 'site-down-refused';

/** Module kinds whose invocations may be killed: background work Forge retries or re-runs. */
const KILLABLE = /consumer|product-event|scheduled|webtrigger/;

export class FaultInjector implements RuntimeFaults {
  /** Calls the injector decided on: app Jira requests, product events, queue messages, web trigger requests. */
  calls = 0;
  readonly callsByKind: Record<'jira' | 'webtrigger' | 'event' | 'queue', number> = { jira: 0, webtrigger: 0, event: 0, queue: 0 };
  faulted = 0;
  readonly byKind: Partial<Record<FaultKind, number>> = {};
  private readonly down = new Map<string, number>();
  /** Per invocation: after how many SDK calls it dies (decided at its first call). */
  private readonly killAt = new WeakMap<InvocationScope, { at: number; calls: number }>();
  enabled = true;

  constructor(private readonly rng: Rng, private readonly clock: Clock, readonly rates: FaultRates = DEFAULT_RATES) {}

  /** Takes a site down (its app's Jira requests and its web trigger answer 503) for `ms` of sandbox time. */
  takeDown(site: string, ms: number): void {
    this.down.set(site, this.clock.now() + ms);
    this.count('site-down');
  }

  isDown(site: string): boolean {
    const until = this.down.get(site);
    if (until === undefined) return false;
    if (this.clock.now() < until) return true;
    this.down.delete(site);
    return false;
  }

  /** Counts a fault made outside the hooks (a runtime restart). */
  count(kind: FaultKind, n = 1): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + n;
  }

  kill(scope: InvocationScope, what: string): string | undefined {
    if (!this.enabled || !KILLABLE.test(scope.functionKey)) return undefined;
    let plan = this.killAt.get(scope);
    if (!plan) {
      plan = { at: this.rng.chance(this.rates.kill) ? this.rng.int(1, 12) : Infinity, calls: 0 };
      this.killAt.set(scope, plan);
    }
    plan.calls++;
    if (plan.calls < plan.at) return undefined;
    plan.at = Infinity;
    this.count('killed');
    return `was killed before its ${what} call (call ${plan.calls})`;
  }

  jira(site: string): JiraFault | undefined {
    this.called('jira');
    if (this.isDown(site)) return this.fault('site-down-refused', { respond: plain(503, 'Service unavailable') });
    if (!this.enabled) return undefined;
    const r = this.rng.next();
    let edge = this.rates.jira429;
    if (r < edge) {
      return this.fault('jira-429', { respond: new Response(JSON.stringify({ errorMessages: ['Rate limit exceeded.'] }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(this.rng.int(1, 10)), 'ratelimit-reason': 'jira-burst-based' } }) });
    }
    if (r < (edge += this.rates.jira500)) return this.fault('jira-500', { respond: plain(500, 'Internal server error') });
    if (r < (edge += this.rates.jira503)) return this.fault('jira-503', { respond: plain(503, 'Service unavailable') });
    if (r < (edge += this.rates.jiraHang)) return this.fault('jira-hang', { hang: { reached: this.rng.chance(0.5) } });
    return undefined;
  }

  webtrigger(site: string): { respond: Response } | 'lost' | undefined {
    this.called('webtrigger');
    if (this.isDown(site)) return this.fault('site-down-refused', { respond: plain(503, 'Service unavailable') });
    if (!this.enabled) return undefined;
    const r = this.rng.next();
    if (r < this.rates.webtrigger503) return this.fault('webtrigger-503', { respond: plain(503, 'Service unavailable') });
    if (r < this.rates.webtrigger503 + this.rates.webtriggerLost) return this.fault('webtrigger-answer-lost', 'lost' as const);
    return undefined;
  }

  productEvent(): number[] {
    this.called('event');
    if (!this.enabled) return [0];
    return this.deliveries('event', this.rates.eventDrop, this.rates.eventDuplicate, this.rates.eventDelay, this.rates.eventDelayMaxMs, 0);
  }

  queueEvent(_site: string, _queue: string, delayMs: number): number[] {
    this.called('queue');
    if (!this.enabled) return [delayMs];
    return this.deliveries('queue', this.rates.queueDrop, this.rates.queueDuplicate, this.rates.queueDelay, this.rates.queueDelayMaxMs, delayMs);
  }

  scheduledRuns(): number {
    if (!this.enabled || !this.rng.chance(this.rates.scheduledDuplicate)) return 1;
    this.count('scheduled-duplicated');
    return 2;
  }

  private deliveries(what: 'event' | 'queue', drop: number, duplicate: number, delay: number, maxDelayMs: number, base: number): number[] {
    const r = this.rng.next();
    if (r < drop) return this.fault(`${what}-dropped`, []);
    if (r < drop + duplicate) return this.fault(`${what}-duplicated`, [base, base + this.rng.int(0, 60_000)]);
    if (r < drop + duplicate + delay) return this.fault(`${what}-delayed`, [base + this.rng.int(1_000, maxDelayMs)]);
    return [base];
  }

  /** Counts a call made while faults are on: the share faulted is of these. */
  private called(kind: keyof FaultInjector['callsByKind']): void {
    if (!this.enabled) return;
    this.calls++;
    this.callsByKind[kind]++;
  }

  private fault<T>(kind: FaultKind, value: T): T {
    this.faulted++;
    this.count(kind);
    return value;
  }
}

const plain = (status: number, text: string): Response => new Response(JSON.stringify({ errorMessages: [text] }), { status, headers: { 'content-type': 'application/json' } });
