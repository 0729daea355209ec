/**
 * The soak: two sandbox sites under a seeded load on both sides at once, with faults injected into
 * Jira, Forge's events and queues, the partner's web trigger and the runtime itself (killed part-way
 * through invocations, and restarted whole, mid-batch). Then the load stops, the faults stop, Lockstep
 * settles on its own, and the check reads both sites (soak/check.ts).
 */
import { FaultInjector, DEFAULT_RATES, type FaultRates } from '../sandbox/faults/injector';
import { Rng } from '../sandbox/faults/rng';
import { WarpClock } from '../sandbox/jira/clock';
import { resetPacing } from '../src/forge/adapters/jira-transport';
import { metaCache } from '../src/jira/meta-cache';
import { startSyncHarness, type SyncHarness } from '../test/support/sync';
import { checkSoak, unfinished, type Verdict } from './check';
import { SoakLoad, type SoakSide } from './load';

export interface SoakOptions {
  seed: number;
  operations: number;
  rates?: FaultRates;
  /** Sandbox minutes Lockstep gets to settle once the load and the faults stop. */
  settleMinutes?: number;
  /** Runtime restarts (every running invocation killed at once) spread over the run. */
  restarts?: number;
  /** Times a site goes down for 2–6 minutes, alternating sides. */
  outages?: number;
  /** Called with the harness and the verdict before it closes: for tracing a failure. */
  inspect?: (h: SyncHarness, verdict: Verdict, journal: SoakLoad['journal']) => Promise<void>;
}

export interface SoakResult extends Omit<Verdict, 'findings'> {
  seed: number;
  operations: number;
  operationsByKind: Record<string, number>;
  refusedByJira: number;
  calls: number;
  callsByKind: Record<string, number>;
  faulted: number;
  faultRate: number;
  faults: Record<string, number>;
  sandboxMinutes: number;
  wallSeconds: number;
  /** The first findings, for a failure message. */
  examples: string[];
}

const CONNECTION = 'soak';
const A: SoakSide = { site: 'alpha', project: 'SUP', who: 'sam' };
const B: SoakSide = { site: 'beta', project: 'DEV', who: 'dana' };

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const wallStart = performance.now();
  const root = new Rng(options.seed);
  const loadRng = root.fork();
  const faultRng = root.fork();
  const chaos = root.fork();
  // Sandbox time runs at wall speed while work is in flight (a short back-off passes as it would) and jumps between batches.
  const h = await startSyncHarness([{ id: CONNECTION, a: { site: A.site, project: A.project }, b: { site: B.site, project: B.project } }], undefined, { clock: new WarpClock(Date.UTC(2026, 10, 2, 9, 0, 0)), appTime: 'sandbox' });
  const start = h.clock.now();
  try {
    const injector = new FaultInjector(faultRng, h.clock, options.rates ?? DEFAULT_RATES);
    h.runtime.faults = injector;
    const load = new SoakLoad(h, loadRng, [A, B]);
    const restartsAt = spread(chaos, options.restarts ?? Math.max(1, Math.round(options.operations / 500)), options.operations);
    const outagesAt = spread(chaos, options.outages ?? Math.max(1, Math.round(options.operations / 2500)), options.operations);
    let outage = 0;
    for (let done = 0; done < options.operations;) {
      const batch = Math.min(chaos.int(1, 8), options.operations - done);
      for (let i = 0; i < batch; i++) await load.step();
      done += batch;
      if (due(outagesAt, done)) injector.takeDown(outage++ % 2 === 0 ? B.site : A.site, chaos.int(2, 6) * 60_000);
      const step = chaos.int(500, 15_000);
      if (due(restartsAt, done)) await restartMidway(h, injector, chaos, step);
      else await h.runtime.advance(step);
    }
    // The load and the faults stop; Lockstep gets to heal on its own clock: retries, redeliveries, scheduled ticks.
    // It has settled once nothing is queued and no message or capture is left stored (a wait on a lost sequence number
    // begun late in the load can outlast the minimum); the check runs then, or at four times the minimum at most.
    injector.enabled = false;
    const settleMs = (options.settleMinutes ?? 90) * 60_000;
    const settleStart = h.clock.now();
    const settling = async () => h.runtime.pendingQueueEvents() > 0 || (await unfinished(h, [A, B])) > 0;
    while (h.clock.now() - settleStart < settleMs || (h.clock.now() - settleStart < 4 * settleMs && (await settling()))) {
      await h.runtime.advance(30_000);
    }
    h.runtime.faults = undefined;
    const verdict = await checkSoak(h, CONNECTION, A, B);
    await options.inspect?.(h, verdict, load.journal);
    const operations = Object.values(load.done).reduce((n, x) => n + (x ?? 0), 0) + load.refused;
    const { findings, ...counts } = verdict;
    return {
      seed: options.seed,
      operations,
      operationsByKind: load.done as Record<string, number>,
      refusedByJira: load.refused,
      calls: injector.calls,
      callsByKind: injector.callsByKind,
      faulted: injector.faulted,
      faultRate: Math.round((injector.faulted / Math.max(1, injector.calls)) * 1000) / 1000,
      faults: injector.byKind as Record<string, number>,
      ...counts,
      sandboxMinutes: Math.round((h.clock.now() - start) / 60_000),
      wallSeconds: Math.round((performance.now() - wallStart) / 100) / 10,
      examples: findings.slice(0, 20).map((f) => `${f.kind}: ${f.what}`),
    };
  } finally {
    await h.close();
  }
}

/** Kills every running invocation at a random point of a batch, as a crashed runtime would, and starts cold. */
async function restartMidway(h: Awaited<ReturnType<typeof startSyncHarness>>, injector: FaultInjector, rng: Rng, step: number): Promise<void> {
  const running = h.runtime.advance(step);
  for (let i = rng.int(1, 40); i > 0; i--) await new Promise((r) => setImmediate(r));
  injector.count('restart');
  injector.count('killed', h.runtime.killAll());
  // A new container starts with empty in-memory state: no pacing history, no cached metadata.
  resetPacing();
  metaCache.clear();
  await running;
}

/** `n` operation counts at which something happens, spread over the run, earliest first. */
function spread(rng: Rng, n: number, operations: number): number[] {
  return Array.from({ length: n }, () => rng.int(Math.floor(operations * 0.1), Math.max(1, operations - 1))).sort((x, y) => x - y);
}

/** Whether the run has reached the next count in `at` (which it then drops). */
function due(at: number[], done: number): boolean {
  if (at.length === 0 || at[0]! > done) return false;
  while (at.length > 0 && at[0]! <= done) at.shift();
  return true;
}
