/**
 * Virtual time for pacing tests: `sleep` registers a timer, and `run` moves time to the next timer only
 * once nothing else can make progress, so concurrent requests interleave as they would in real time.
 */
export class FakeTime {
  private timers: Array<{ at: number; resolve: () => void }> = [];
  constructor(private current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  readonly now = (): number => this.current;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), resolve });
    });

  /** Moves time forward without firing timers (for stepping past idle stretches). */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Runs `work` to completion, firing timers in time order whenever everything else is idle. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.finally(() => { done = true; });
    settled.catch(() => undefined);
    let idleRounds = 0;
    while (!done) {
      await flush();
      if (done) break;
      if (this.timers.length === 0) {
        // Waiting on something that is not a timer (I/O, a promise): give it more turns, then give up.
        if (++idleRounds > 1_000) throw new Error('FakeTime: work is stuck with no timer to fire');
        continue;
      }
      idleRounds = 0;
      this.fireNext();
    }
    return settled;
  }

  /** Fires every timer due at the earliest pending time. */
  private fireNext(): void {
    const at = Math.min(...this.timers.map((t) => t.at));
    this.current = Math.max(this.current, at);
    const due = this.timers.filter((t) => t.at <= at);
    this.timers = this.timers.filter((t) => t.at > at);
    for (const t of due) t.resolve();
  }
}

/** Lets pending promise chains and queued I/O callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
