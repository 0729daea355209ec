/**
 * Optional per-installation throughput metering ([limits] "Operation limits per installation"):
 * requests per second, and reads and writes per minute in 10 KB units. Off unless configured.
 * Sliding windows over the store's clock; a request over a limit is refused before it runs.
 */
import { rateLimitExceeded } from './errors';
import { FORGE_RATE_LIMITS } from './limits';

/** Which limits to meter; an omitted one is not metered. `FORGE_RATE_LIMITS` holds Forge's values. */
export interface RateLimitOptions {
  requestsPerSecond?: number;
  readUnitsPerMinute?: number;
  writeUnitsPerMinute?: number;
  /** Bytes per unit; sizes round up to whole units, at least one per request. */
  unitBytes?: number;
}

/** Reads and writes are metered in separate per-minute budgets. */
export type OperationKind = 'read' | 'write';

interface Charge {
  at: number;
  units: number;
}

/** A sliding-window counter. */
class Window {
  private readonly charges: Charge[] = [];
  constructor(private readonly spanMs: number) {}

  total(now: number): number {
    while (this.charges.length > 0 && (this.charges[0]?.at ?? now) <= now - this.spanMs) this.charges.shift();
    return this.charges.reduce((sum, c) => sum + c.units, 0);
  }

  add(at: number, units: number): void {
    this.charges.push({ at, units });
  }
}

/** Meters one installation's storage traffic. */
export class RateLimiter {
  private readonly requests = new Window(1_000);
  private readonly reads = new Window(60_000);
  private readonly writes = new Window(60_000);
  private readonly unitBytes: number;

  constructor(private readonly options: RateLimitOptions) {
    this.unitBytes = options.unitBytes ?? FORGE_RATE_LIMITS.unitBytes;
  }

  /** Throws a 429 `RATE_LIMIT_EXCEEDED` if a request of this kind may not run at `now`; counts it otherwise. */
  admit(kind: OperationKind, now: number): void {
    const { requestsPerSecond, readUnitsPerMinute, writeUnitsPerMinute } = this.options;
    if (requestsPerSecond !== undefined && this.requests.total(now) >= requestsPerSecond) {
      throw rateLimitExceeded(`more than ${requestsPerSecond} requests per second`);
    }
    const perMinute = kind === 'read' ? readUnitsPerMinute : writeUnitsPerMinute;
    const window = kind === 'read' ? this.reads : this.writes;
    if (perMinute !== undefined && window.total(now) >= perMinute) {
      throw rateLimitExceeded(`more than ${perMinute} ${kind} units (${this.unitBytes} bytes each) per minute`);
    }
    this.requests.add(now, 1);
  }

  /** Records the units a request used: its request bytes for a write, its response bytes for a read. */
  charge(kind: OperationKind, bytes: number, now: number): void {
    const units = Math.max(1, Math.ceil(bytes / this.unitBytes));
    (kind === 'read' ? this.reads : this.writes).add(now, units);
  }
}
