/** Two sites, the real app on both, and a running sync between them, in one process: the integration harness. */
import { join } from 'node:path';
import { ManualClock } from '../../sandbox/jira/clock';
import type { Exchange } from '../../sandbox/jira/emulator';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { serveForge, type RunningForgeServer } from '../../sandbox/forge/server';
import { linkProjects, type SyncEnd } from '../../sandbox/demo/sync';
import { configurePacing } from '../../src/forge/adapters/jira-transport';
import { restClient, sandboxEmulator, type Person } from './jira';

const root = join(import.meta.dirname, '..', '..');
/** Jira endpoints that take a POST but only read. */
const READS_BY_POST = /\/(changelog\/bulkfetch|issue\/bulkfetch|search\/jql|search\/approximate-count|permissions\/check)$/;

export interface SyncHarness {
  emulator: ReturnType<typeof sandboxEmulator>;
  runtime: ForgeRuntime;
  clock: ManualClock;
  /** Every Jira request since the harness started (or since `exchanges.length = 0`). */
  exchanges: Exchange[];
  rest(site: string, who?: Person): ReturnType<typeof restClient>;
  /** A custom field's id on a site, by name. */
  fieldId(site: string, name: string): string;
  /** Jira writes (anything but GET, and but the POSTs that only read) since `from` in `exchanges`, per site. */
  writes(from: number, site: string): Exchange[];
  /** Lets every queued invocation run, advancing sandbox time in steps until nothing is left. */
  settle(maxMs?: number): Promise<number>;
  close(): Promise<void>;
  /** One line per invocation since `from`, with what it returned: for failure messages. */
  trace(from?: number): string;
}

/** `appTime: 'sandbox'` makes the app read the harness clock as its time (sandbox/forge/runtime.ts). */
export async function startSyncHarness(ends: Array<{ id: string; a: SyncEnd; b: SyncEnd }>, setup?: (emulator: ReturnType<typeof sandboxEmulator>) => void, options: { clock?: ManualClock; appTime?: 'wall' | 'sandbox' } = {}): Promise<SyncHarness> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const emulator = sandboxEmulator({ clock });
  setup?.(emulator);
  // The app paces itself as a real site would make it; an emulator enforcing no limits answers faster, so it only listens to Jira then.
  configurePacing({ proactive: emulator.rateLimits.enabled });
  const runtime = await ForgeRuntime.start({ emulator, root, clock, log: () => undefined, ...(options.appTime ? { appTime: options.appTime } : {}) });
  runtime.install('alpha');
  runtime.install('beta');
  const server: RunningForgeServer = await serveForge(runtime);
  for (const e of ends) await linkProjects(runtime, e.id, e.a, e.b);
  const exchanges: Exchange[] = [];
  emulator.observe((e) => exchanges.push(e));
  return {
    emulator, runtime, clock, exchanges,
    rest: (site, who = 'sam') => restClient(emulator.fetch, emulator.site(site).baseUrl, who),
    fieldId: (site, name) => {
      const cf = [...emulator.site(site).customFields.values()].find((f) => f.name === name);
      if (!cf) throw new Error(`no custom field ${name} on ${site}`);
      return cf.id;
    },
    writes: (from, site) => exchanges.slice(from).filter((e) => e.site === site && e.method !== 'GET' && !READS_BY_POST.test(e.path)),
    async settle(maxMs = 20 * 60_000) {
      const start = clock.now();
      await runtime.idle();
      // Delayed retries wait on the sandbox clock: step it forward until nothing is pending.
      while (clock.now() - start < maxMs && runtime.pendingQueueEvents() > 0) {
        await runtime.advance(5_000);
        await runtime.idle();
      }
      return clock.now() - start;
    },
    trace(from = 0) {
      return runtime.invocations.slice(from).map((i) => `${i.installation} ${i.functionKey} ${i.status} ${JSON.stringify(i.result ?? i.error ?? '').slice(0, 300)}`).join('\n');
    },
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
