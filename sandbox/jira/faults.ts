/** Fault injection: random 500/503s, added latency, and requests that never answer. Seeded, so runs repeat. */
export interface FaultConfig {
  /** Chance (0..1) that a request fails with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** Added latency per request, in ms, plus up to `latencyJitterMs` more. */
  latencyMs: number;
  latencyJitterMs: number;
  /** Chance (0..1) that a request hangs until the client gives up. */
  hangRate: number;
  seed: number;
}

export const NO_FAULTS: FaultConfig = { errorRate: 0, errorStatuses: [500, 503], latencyMs: 0, latencyJitterMs: 0, hangRate: 0, seed: 1 };

export type FaultDecision = { kind: 'none' } | { kind: 'error'; status: number } | { kind: 'hang' };

/** mulberry32: small, fast, good enough for fault dice. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private random: () => number;
  constructor(private config: FaultConfig = NO_FAULTS) {
    this.random = rng(config.seed);
  }

  configure(config: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...config };
    if (config.seed !== undefined) this.random = rng(config.seed);
  }

  get current(): FaultConfig {
    return this.config;
  }

  delayMs(): number {
    return this.config.latencyMs + (this.config.latencyJitterMs > 0 ? Math.floor(this.random() * this.config.latencyJitterMs) : 0);
  }

  decide(): FaultDecision {
    if (this.config.hangRate > 0 && this.random() < this.config.hangRate) return { kind: 'hang' };
    if (this.config.errorRate > 0 && this.random() < this.config.errorRate) {
      const statuses = this.config.errorStatuses.length > 0 ? this.config.errorStatuses : [500];
      return { kind: 'error', status: statuses[Math.floor(this.random() * statuses.length)]! };
    }
    return { kind: 'none' };
  }
}
