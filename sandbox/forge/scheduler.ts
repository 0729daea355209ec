/**
 * Timed work of the local Forge runtime (queue delays, retries, scheduled triggers) on a clock.
 * With the system clock tasks fire on real timers; with a ManualClock they wait for `advance`,
 * so tests can step through minutes of Forge time in milliseconds.
 */
import type { Clock } from '../jira/clock';
import { ManualClock } from '../jira/clock';

interface Task {
  id: number;
  dueAt: number;
  run: () => Promise<void>;
}

export class Scheduler {
  private readonly tasks: Task[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(readonly clock: Clock) {}

  get manual(): boolean {
    return this.clock instanceof ManualClock;
  }

  /** Runs `run` once the clock reaches `dueAt` (at once if it already has). Returns a cancel function. */
  at(dueAt: number, run: () => Promise<void>): () => void {
    if (this.closed) return () => undefined;
    const task: Task = { id: this.nextId++, dueAt, run };
    this.tasks.push(task);
    this.tasks.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    this.wake();
    return () => {
      const i = this.tasks.indexOf(task);
      if (i >= 0) this.tasks.splice(i, 1);
    };
  }

  after(ms: number, run: () => Promise<void>): () => void {
    return this.at(this.clock.now() + ms, run);
  }

  /** When the earliest waiting task falls due, if any. */
  get nextDueAt(): number | undefined {
    return this.tasks[0]?.dueAt;
  }

  /** Tasks not yet started, due now or later. */
  get pending(): number {
    return this.tasks.length;
  }

  /** Moves a manual clock forward, running every task that falls due, in time order, each to completion. */
  async advance(ms: number): Promise<void> {
    if (!(this.clock instanceof ManualClock)) throw new Error('advance() needs the runtime to be built with a ManualClock');
    const target = this.clock.now() + ms;
    await this.drainDue();
    for (;;) {
      const next = this.tasks[0];
      if (!next || next.dueAt > target) break;
      this.clock.set(Math.max(this.clock.now(), next.dueAt));
      await this.drainDue();
    }
    this.clock.set(target);
    await this.drainDue();
  }

  /** Resolves once no task is running and none is due now (future tasks do not count). */
  async idle(): Promise<void> {
    await this.drainDue();
  }

  close(): void {
    this.closed = true;
    this.tasks.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drainDue(): Promise<void> {
    for (;;) {
      this.startDue();
      if (this.running.size === 0) return;
      await Promise.allSettled([...this.running]);
    }
  }

  private startDue(): void {
    const now = this.clock.now();
    while (this.tasks[0] && this.tasks[0].dueAt <= now) {
      const task = this.tasks.shift()!;
      const p: Promise<void> = task.run().catch((error: unknown) => console.error('[forge] scheduled task failed', error)).finally(() => this.running.delete(p));
      this.running.add(p);
    }
  }

  private wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.tasks[0];
    if (!next || this.closed) return;
    // A manual clock only moves on advance(); tasks already due still start on the next tick.
    const delay = this.manual ? (next.dueAt <= this.clock.now() ? 0 : undefined) : Math.max(0, next.dueAt - this.clock.now());
    if (delay === undefined) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.startDue(); this.wake(); }, Math.min(delay, 2 ** 31 - 1));
    // Real timers must not keep a stopping sandbox alive.
    this.timer.unref();
  }
}
