/** Send times under sliding-window limits, for pacing.ts. */

/** At most `max` events within any sliding `windowMs`. */
export interface SlidingLimit {
  windowMs: number;
  max: number;
}

/** Send times, oldest first, kept as long as the longest window reads them. */
export class SendLog {
  private readonly times: number[] = [];
  constructor(private readonly keepMs: number) {}

  /** Milliseconds until one more send fits every limit; 0 when it fits now. */
  waitMs(now: number, limits: readonly SlidingLimit[]): number {
    this.prune(now);
    let wait = 0;
    for (const { windowMs, max } of limits) {
      // The send `max` places back must leave the window before another may enter it.
      const blocking = this.times[this.times.length - max];
      if (blocking !== undefined && blocking > now - windowMs) wait = Math.max(wait, blocking + windowMs - now);
    }
    return wait;
  }

  add(now: number): void {
    this.times.push(now);
  }

  /** True when nothing is left in any window. */
  prune(now: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.keepMs) this.times.shift();
    return this.times.length === 0;
  }
}
