/**
 * Paces one site's Jira requests under Jira Cloud's rate limits (docs/decisions/0013-pacing.md): a
 * JiraTransport around a JiraTransport. Before sending it waits for room in the endpoint's per-second
 * budget, the target issue's write windows and the in-flight cap; it slows down when the hourly points
 * run low; on 429 (and 503 with Retry-After) it backs off only the scope Jira names and retries when
 * the wait is short. Pure: time comes in as `now()` and `sleep(ms)`.
 */
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../ports/jira';
import { classify, type Method, type RequestClass } from './request-class';
import { SendLog, type SlidingLimit } from './send-log';

export { classify, type Method, type RequestClass } from './request-class';
export type { SlidingLimit } from './send-log';

export interface PacingBudgets {
  /** Requests per second per endpoint (method + route template), by method. */
  burstPerSecond: Record<Method, number>;
  /** Per-second budgets for single endpoints, keyed `METHOD template` as `classify` names them. */
  burstOverrides: Record<string, number>;
  /** Writes to one issue. */
  perIssueWrite: SlidingLimit[];
  /** Requests in flight at once for the site. */
  maxInFlight: number;
}

/**
 * About 80% of the limits the sandbox emulator enforces (sandbox/jira/ratelimit/config.ts; Jira does not
 * publish its own): the headroom absorbs network jitter between our clock and Jira's, and other
 * clients of the same site.
 */
export const DEFAULT_BUDGETS: PacingBudgets = {
  burstPerSecond: { GET: 80, POST: 40, PUT: 40, DELETE: 40 },
  burstOverrides: {
    'POST /rest/api/3/search/jql': 24,
    'GET /rest/api/3/search/jql': 24,
    'POST /rest/api/3/issue/bulk': 8,
    'POST /rest/api/3/issue/bulkfetch': 16,
  },
  perIssueWrite: [{ windowMs: 2_000, max: 16 }, { windowMs: 30_000, max: 80 }],
  // Forge documents no concurrency limit for requestJira, but the burst budgets make more in flight
  // pointless: 10 requests of ~100-250 ms already reach 40-100 per second.
  maxInFlight: 10,
};

export interface PacerOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  budgets?: { burstPerSecond?: Partial<Record<Method, number>>; burstOverrides?: Record<string, number>; perIssueWrite?: SlidingLimit[]; maxInFlight?: number };
  /** Most one call may sleep in total (budgets, back-offs, spreading). Longer waits go back to the caller. */
  maxWaitMs?: number;
  /** Re-sends of one call after a 429 or 503. */
  maxRetries?: number;
  /** Below this share of the hourly points left, requests are spread over the rest of the hour. */
  nearLimitFraction?: number;
  /** Most the spreading delays one request. */
  maxSpreadMs?: number;
  /** Back-off after a 429 that carries no Retry-After. */
  defaultRetryAfterMs?: number;
  /**
   * False: keep no budgets of its own (per-second, per-issue, in flight) and only follow what Jira says
   * (429, 503, near-limit headers). For a Jira that enforces nothing, such as the sandbox emulator with
   * its limits off, which otherwise answers faster than any real site would let us ask.
   */
  proactive?: boolean;
}

/** What a request waited for. `unavailable` is a site-wide back-off after a 503 with Retry-After. */
export type WaitReason = 'burst' | 'per-issue' | 'quota' | 'unavailable' | 'concurrency' | 'spread';
const WAIT_REASONS: readonly WaitReason[] = ['burst', 'per-issue', 'quota', 'unavailable', 'concurrency', 'spread'];

export interface PacingStats {
  /** Requests handed to Jira, retries included. */
  sent: number;
  /** Re-sends after a 429 or 503. */
  retries: number;
  /** Requests that waited, and milliseconds waited in all, by what was full. */
  waits: Record<WaitReason, { count: number; ms: number }>;
  /** 429s Jira answered, by RateLimit-Reason (`none` when it gave none). */
  rateLimited: Record<string, number>;
  /** 503s that carried Retry-After. */
  unavailable: number;
  /** Calls answered here with a 429/503 instead of being sent: the wait exceeded maxWaitMs. */
  refused: Record<WaitReason, number>;
}

/** A JiraTransport that paces, with its counters. */
export interface Pacer extends JiraTransport {
  stats(): PacingStats;
  /** The last time it sent or received, and whether anything is in flight: for dropping idle pacers. */
  idle(): { since: number; inFlight: number };
}

export const RATE_LIMIT_REASON = { burst: 'jira-burst-based', perIssue: 'jira-per-issue-on-write' } as const;

// ---------------------------------------------------------------------------------------------------
// Back-off blocks

/** A back-off Jira asked for: nothing in its scope is sent before `until`. */
interface Block {
  until: number;
  reason: WaitReason;
  /** What Jira said (status, RateLimit-Reason), repeated on the answers this pacer gives in its place. */
  status: 429 | 503;
  header: string | undefined;
}

interface Gate {
  reason: WaitReason;
  ms: number;
  block?: Block | undefined;
}

/** One requestJira call, across its retries. */
interface Call {
  /** Milliseconds slept so far; maxWaitMs bounds it. */
  slept: number;
  waitedFor: Set<WaitReason>;
}

const HOUR = 3_600_000;
const SWEEP_EVERY = 256;

/** Scope of a 429 by its RateLimit-Reason: anything not burst or per-issue is a quota, i.e. the whole site. */
function scopeOf(reason: string): 'burst' | 'per-issue' | 'quota' {
  if (reason === RATE_LIMIT_REASON.burst) return 'burst';
  if (reason === RATE_LIMIT_REASON.perIssue) return 'per-issue';
  return 'quota';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function headerNumber(res: JiraResponse, name: string): number | undefined {
  const value = res.headers.get(name);
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The answer given instead of sending, shaped like Jira's, so the caller's 429/503 handling applies. */
function refusal(gate: Gate): JiraResponse {
  const status = gate.block?.status ?? 429;
  const reason = gate.block ? gate.block.header : gate.reason === 'per-issue' ? RATE_LIMIT_REASON.perIssue : gate.reason === 'burst' ? RATE_LIMIT_REASON.burst : undefined;
  const headers = new Map<string, string>([
    ['retry-after', String(Math.max(1, Math.ceil(gate.ms / 1000)))],
    ['x-lockstep-paced', gate.reason],
    ...(reason === undefined ? [] : [['ratelimit-reason', reason] as [string, string]]),
  ]);
  const body = JSON.stringify({ errorMessages: [`Not sent: Lockstep's ${gate.reason} pacing would have waited ${Math.ceil(gate.ms)} ms.`], errors: {} });
  return {
    status,
    ok: false,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    json: async () => JSON.parse(body) as unknown,
    text: async () => body,
  };
}

/** Reads and drops a response body we will not hand on, so the connection is freed. */
async function discard(res: JiraResponse): Promise<void> {
  try {
    await res.text();
  } catch {
    // Nothing to free.
  }
}

const emptyStats = (): PacingStats => ({
  sent: 0,
  retries: 0,
  waits: Object.fromEntries(WAIT_REASONS.map((r) => [r, { count: 0, ms: 0 }])) as PacingStats['waits'],
  rateLimited: {},
  unavailable: 0,
  refused: Object.fromEntries(WAIT_REASONS.map((r) => [r, 0])) as PacingStats['refused'],
});

// ---------------------------------------------------------------------------------------------------
// The pacer

export function createPacer(inner: JiraTransport, options: PacerOptions): Pacer {
  const { now, sleep } = options;
  const budgets: PacingBudgets = {
    ...DEFAULT_BUDGETS,
    ...options.budgets,
    burstPerSecond: { ...DEFAULT_BUDGETS.burstPerSecond, ...options.budgets?.burstPerSecond },
    burstOverrides: { ...DEFAULT_BUDGETS.burstOverrides, ...options.budgets?.burstOverrides },
  };
  // Resolver functions have 25 s: a few seconds covers a burst or per-issue Retry-After (1-2 s) and
  // leaves the rest of the invocation for its work; longer waits are the queue's to schedule.
  const maxWaitMs = options.maxWaitMs ?? 3_000;
  const maxRetries = options.maxRetries ?? 3;
  const nearLimitFraction = options.nearLimitFraction ?? 0.2;
  const maxSpreadMs = Math.min(options.maxSpreadMs ?? 1_000, maxWaitMs);
  const defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1_000;
  const proactive = options.proactive ?? true;
  const maxInFlight = proactive ? budgets.maxInFlight : Infinity;
  const issueKeepMs = Math.max(0, ...budgets.perIssueWrite.map((l) => l.windowMs));

  const endpointLogs = new Map<string, SendLog>();
  const issueLogs = new Map<string, SendLog>();
  const endpointBlocks = new Map<string, Block>();
  const issueBlocks = new Map<string, Block>();
  let siteBlock: Block | undefined;
  let inFlight = 0;
  let slotWaiters: Array<() => void> = [];
  let lastSendAt = -Infinity;
  let lastActivity = now();
  /** Minimum gap between sends while the hourly points run low, and until when that holds. */
  let spread = { gapMs: 0, until: 0 };
  let sendsSinceSweep = 0;
  const stats = emptyStats();

  const burstLimitOf = (endpoint: string, method: Method): SlidingLimit[] => [
    { windowMs: 1_000, max: budgets.burstOverrides[endpoint] ?? budgets.burstPerSecond[method] },
  ];

  const logOf = (logs: Map<string, SendLog>, key: string, keepMs: number): SendLog => {
    let log = logs.get(key);
    if (!log) logs.set(key, (log = new SendLog(keepMs)));
    return log;
  };

  const blockGate = (block: Block | undefined, t: number): Gate | undefined =>
    block && block.until > t ? { reason: block.reason, ms: block.until - t, block } : undefined;

  /** The longest wait any budget or back-off imposes on this request now; undefined when it may go. */
  function longestGate(method: Method, req: RequestClass, t: number): Gate | undefined {
    const gates: Array<Gate | undefined> = [
      blockGate(siteBlock, t),
      blockGate(endpointBlocks.get(req.endpoint), t),
      req.issue === undefined ? undefined : blockGate(issueBlocks.get(req.issue), t),
      !proactive ? undefined : { reason: 'burst', ms: endpointLogs.get(req.endpoint)?.waitMs(t, burstLimitOf(req.endpoint, method)) ?? 0 },
      !proactive || req.issue === undefined ? undefined : { reason: 'per-issue', ms: issueLogs.get(req.issue)?.waitMs(t, budgets.perIssueWrite) ?? 0 },
      t < spread.until ? { reason: 'spread', ms: lastSendAt + spread.gapMs - t } : undefined,
    ];
    let longest: Gate | undefined;
    for (const gate of gates) if (gate && gate.ms > 0 && (!longest || gate.ms > longest.ms)) longest = gate;
    return longest;
  }

  /** Counts a call once per reason it waited for, however many times it had to go back to sleep. */
  function countWait(call: Call, reason: WaitReason, ms: number): void {
    if (!call.waitedFor.has(reason)) stats.waits[reason].count++;
    call.waitedFor.add(reason);
    stats.waits[reason].ms += ms;
  }

  async function waitFor(call: Call, reason: WaitReason, ms: number): Promise<void> {
    call.slept += ms;
    countWait(call, reason, ms);
    await sleep(ms);
  }

  async function waitForSlot(call: Call): Promise<void> {
    const from = now();
    await new Promise<void>((resolve) => slotWaiters.push(resolve));
    countWait(call, 'concurrency', now() - from);
  }

  function release(): void {
    inFlight--;
    lastActivity = now();
    // Wake everyone: a woken request may find another budget full and sleep, leaving the slot to the next.
    const waiters = slotWaiters;
    slotWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Records a send in every budget it counts against. Synchronous with the checks, so no two requests take one slot. */
  function reserve(req: RequestClass, t: number): void {
    if (proactive) {
      logOf(endpointLogs, req.endpoint, 1_000).add(t);
      if (req.issue !== undefined) logOf(issueLogs, req.issue, issueKeepMs).add(t);
    }
    inFlight++;
    lastSendAt = t;
    lastActivity = t;
    stats.sent++;
    if (++sendsSinceSweep >= SWEEP_EVERY) sweep(t);
  }

  /** Drops windows and blocks that no longer hold anything, so a long-lived pacer stays small. */
  function sweep(t: number): void {
    sendsSinceSweep = 0;
    for (const [key, log] of endpointLogs) if (log.prune(t)) endpointLogs.delete(key);
    for (const [key, log] of issueLogs) if (log.prune(t)) issueLogs.delete(key);
    for (const blocks of [endpointBlocks, issueBlocks]) for (const [key, block] of blocks) if (block.until <= t) blocks.delete(key);
    if (siteBlock && siteBlock.until <= t) siteBlock = undefined;
  }

  /**
   * Waits until every budget has room and a slot is free, then reserves them. Answers in Jira's place
   * (a refusal) when that would take this call past maxWaitMs of sleeping.
   */
  async function admit(method: Method, req: RequestClass, call: Call): Promise<JiraResponse | undefined> {
    for (;;) {
      const t = now();
      const gate = longestGate(method, req, t);
      if (gate) {
        if (call.slept + gate.ms > maxWaitMs) {
          stats.refused[gate.reason]++;
          return refusal(gate);
        }
        await waitFor(call, gate.reason, gate.ms);
        continue;
      }
      // Slot waits end when a request ahead finishes, so maxWaitMs does not bound them.
      if (inFlight >= maxInFlight) {
        await waitForSlot(call);
        continue;
      }
      reserve(req, t);
      return undefined;
    }
  }

  function extend(current: Block | undefined, next: Block): Block {
    return current && current.until >= next.until ? current : next;
  }

  /** Spreads the remaining hourly points over the rest of the hour once they run low. */
  function readQuotaHeaders(res: JiraResponse, t: number): void {
    const remaining = headerNumber(res, 'x-ratelimit-remaining');
    if (remaining === undefined) return;
    const limit = headerNumber(res, 'x-ratelimit-limit');
    const near = res.headers.get('x-ratelimit-nearlimit') === 'true' || (limit !== undefined && remaining < limit * nearLimitFraction);
    if (!near) {
      spread = { gapMs: 0, until: 0 };
      return;
    }
    const hourLeft = HOUR - (t % HOUR);
    spread = { gapMs: Math.min(maxSpreadMs, Math.ceil(hourLeft / Math.max(1, remaining))), until: t + hourLeft };
  }

  /** Blocks the scope a 429 (or a 503 with Retry-After) names; returns how long, or undefined for other answers. */
  function backOff(res: JiraResponse, req: RequestClass, t: number): number | undefined {
    if (res.status === 503) {
      const ms = retryAfterMs(res.headers.get('retry-after'), t);
      if (ms === undefined) return undefined;
      stats.unavailable++;
      siteBlock = extend(siteBlock, { until: t + ms, reason: 'unavailable', status: 503, header: undefined });
      return ms;
    }
    if (res.status !== 429) return undefined;
    const header = res.headers.get('ratelimit-reason') || undefined;
    stats.rateLimited[header ?? 'none'] = (stats.rateLimited[header ?? 'none'] ?? 0) + 1;
    const ms = retryAfterMs(res.headers.get('retry-after'), t) ?? defaultRetryAfterMs;
    const scope = scopeOf(header ?? '');
    const block: Block = { until: t + ms, reason: scope, status: 429, header };
    if (scope === 'quota') siteBlock = extend(siteBlock, block);
    // A per-issue 429 on a path that names no issue (an issue link, a bulk write): hold that endpoint.
    else if (scope === 'per-issue' && req.issue !== undefined) issueBlocks.set(req.issue, extend(issueBlocks.get(req.issue), block));
    else endpointBlocks.set(req.endpoint, extend(endpointBlocks.get(req.endpoint), block));
    return ms;
  }

  /** A 503 may have been half done: only methods that are safe to repeat are re-sent. */
  const mayResend = (res: JiraResponse, method: Method): boolean => res.status === 429 || method !== 'POST';

  async function requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const method: Method = init?.method ?? 'GET';
    const req = classify(method, route.value);
    const call: Call = { slept: 0, waitedFor: new Set() };
    for (let attempt = 0; ; attempt++) {
      const refused = await admit(method, req, call);
      if (refused) return refused;
      let res: JiraResponse;
      try {
        res = await inner.requestJira(route, init);
      } finally {
        release();
      }
      const t = now();
      readQuotaHeaders(res, t);
      const backoffMs = backOff(res, req, t);
      if (backoffMs === undefined) return res;
      // Long waits go back unchanged: client.ts turns them into a transient JiraError with retryAfterSeconds.
      if (attempt >= maxRetries || call.slept + backoffMs > maxWaitMs || !mayResend(res, method)) return res;
      await discard(res);
      stats.retries++;
    }
  }

  return {
    requestJira,
    // Same site and identity as the transport it wraps: metadata caches key on it.
    ...(inner.site === undefined ? {} : { site: inner.site }),
    stats: () => structuredClone(stats),
    idle: () => ({ since: lastActivity, inFlight }),
  };
}
