/**
 * One benchmark world: alpha SUP ↔ beta DEV with the real app on both, Jira's rate limits on, and a
 * WarpClock (sandbox time runs at wall speed while work is in flight and jumps over waits). Counts what
 * Lockstep asked of Jira apart from what the benchmark's own driver (dana, naive: sam) asked.
 */
import { WarpClock } from '../sandbox/jira/clock';
import type { Exchange } from '../sandbox/jira/emulator';
import { PEOPLE } from '../sandbox/jira/sites';
import { startHeapMeter } from '../sandbox/forge/heap-meter';
import { startSyncHarness, type SyncHarness } from '../test/support/sync';

export const DRIVER = PEOPLE.dana.accountId;
export const NAIVE = PEOPLE.sam.accountId;

export interface World {
  h: SyncHarness;
  clock: WarpClock;
  /** Runs Lockstep until no queue event waits, jumping sandbox time to each delayed delivery. */
  settle(maxSandboxMs?: number): Promise<void>;
  /** Starts a measurement: what Lockstep (not the driver) asked of Jira, and time and memory, from now. */
  measure(who?: 'lockstep' | 'naive'): Measurement;
  resolver(functionKey: string, payload: Record<string, unknown>, site?: string, project?: string): Promise<any>;
  close(): Promise<void>;
}

export interface Totals {
  requests: number;
  points: number;
  rateLimited: number;
  bySite: Record<string, { requests: number; points: number; rateLimited: number }>;
  byEndpoint: Record<string, number>;
  wallMs: number;
  sandboxMs: number;
  /** Largest heap growth of one Lockstep invocation while measuring (an upper bound: the heap is shared with the emulator). */
  peakInvocationHeapMb: number;
}

export interface Measurement { stop(): Totals }

/** A Tier 2 site's hourly quota as Jira reported it to one tenant in March 2026 (`tenant-app-quota;q=100100;w=3600`). */
export const TIER2_HOURLY_POINTS = 100_100;

export async function startWorld(options: { hourlyPoints?: number } = {}): Promise<World> {
  startHeapMeter(10);
  const clock = new WarpClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], (e) => e.configureRateLimits({ enabled: true, hourlyPoints: options.hourlyPoints ?? TIER2_HOURLY_POINTS }), { clock });
  return {
    h, clock,
    async settle(maxSandboxMs = 6 * 3_600_000) {
      const start = clock.now();
      for (;;) {
        await h.runtime.idle();
        if (h.runtime.pendingQueueEvents() === 0 || clock.now() - start > maxSandboxMs) return;
        const due = h.runtime.nextDueAt() ?? clock.now();
        await h.runtime.advance(Math.max(1, due - clock.now()));
      }
    },
    measure(who = 'lockstep') {
      const from = h.exchanges.length;
      const fromInvocation = h.runtime.invocations.length;
      const wall = performance.now();
      const sandbox = clock.now();
      return {
        stop: () => totals(h.exchanges.slice(from).filter(who === 'lockstep' ? isLockstep : (e) => e.caller === NAIVE), h.runtime.invocations.slice(fromInvocation), performance.now() - wall, clock.now() - sandbox),
      };
    },
    async resolver(functionKey, payload, site = 'alpha', project = 'SUP') {
      const accountId = PEOPLE.ada.accountId;
      const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
      if (out.status !== 'ok') throw out.error;
      const value = out.value as { error?: { status?: number; message?: string } } | undefined;
      if (value?.error?.status) throw new Error(`${functionKey}: ${value.error.message}`);
      return out.value;
    },
    close: () => h.close(),
  };
}

const isLockstep = (e: Exchange): boolean => e.caller !== DRIVER && e.caller !== NAIVE;

export function totals(exchanges: readonly Exchange[], invocations: ReadonlyArray<{ heapGrowthBytes?: number }>, wallMs: number, sandboxMs: number): Totals {
  const bySite: Totals['bySite'] = {};
  const byEndpoint: Record<string, number> = {};
  let points = 0;
  let rateLimited = 0;
  for (const e of exchanges) {
    const site = (bySite[e.site] ??= { requests: 0, points: 0, rateLimited: 0 });
    site.requests++;
    site.points += e.points;
    points += e.points;
    if (e.status === 429) { rateLimited++; site.rateLimited++; }
    const key = `${e.method} ${e.template ?? e.path}`;
    byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
  }
  const heap = Math.max(0, ...invocations.map((i) => i.heapGrowthBytes ?? 0));
  return { requests: exchanges.length, points, rateLimited, bySite, byEndpoint, wallMs: Math.round(wallMs), sandboxMs: Math.round(sandboxMs), peakInvocationHeapMb: Math.round(heap / 1e5) / 10 };
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;
