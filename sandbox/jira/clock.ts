/** Time source for the emulator: real by default, manual in tests so rate-limit windows can be stepped. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/**
 * Sandbox time for benchmarks: runs at wall-clock speed while work is in flight (so per-second rate
 * limits see real request rates) and jumps over waits when told to, like a ManualClock (so queue delays
 * and Retry-After cost sandbox time, not wall time).
 */
export class WarpClock extends ManualClock {
  private offset: number;
  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    super(start);
    this.offset = start - performance.now();
  }
  override now(): number {
    return Math.floor(this.offset + performance.now());
  }
  override advance(ms: number): void {
    this.offset += ms;
  }
  override set(ms: number): void {
    // Time never runs backwards: a target already passed in real time leaves the clock where it is.
    this.offset += Math.max(0, ms - this.now());
  }
}
