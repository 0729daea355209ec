/** In-memory ClaimStore for tests and the engine's unit suites; lapsed claims are swept on every claim. */
import type { ClaimStore } from '../claims';

export class MemoryClaims implements ClaimStore {
  private readonly held = new Map<string, number>();

  async claim(key: string, until: number, now: number): Promise<boolean> {
    for (const [k, lapse] of this.held) if (lapse <= now) this.held.delete(k);
    if (this.held.has(key)) return false;
    this.held.set(key, until);
    return true;
  }

  async release(key: string): Promise<void> {
    this.held.delete(key);
  }

  /** Claims still held (tests: nothing accumulates). */
  get size(): number {
    return this.held.size;
  }
}
