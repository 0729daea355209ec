/** In-memory CleanupQueue: records what was scheduled, for tests to run by hand. */
import type { CleanupQueue, ConnectionData } from '../cleanup';

export class MemoryCleanupQueue implements CleanupQueue {
  readonly scheduled: Array<{ connectionId: string; delaySeconds: number }> = [];

  async schedule(connectionId: string, delaySeconds: number): Promise<void> {
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) throw new RangeError(`delaySeconds must be 0 to 900, got ${delaySeconds}`);
    this.scheduled.push({ connectionId, delaySeconds });
  }

  /** Takes the scheduled rounds out, oldest first. */
  take(): Array<{ connectionId: string; delaySeconds: number }> {
    return this.scheduled.splice(0);
  }
}

/** In-memory ConnectionData: a count of leftover records per connection, for the engine's tests. */
export class MemoryConnectionData implements ConnectionData {
  readonly records = new Map<string, number>();

  async removeSome(connectionId: string, limit: number): Promise<number> {
    const held = this.records.get(connectionId) ?? 0;
    const removed = Math.min(held, limit);
    if (held - removed > 0) this.records.set(connectionId, held - removed);
    else this.records.delete(connectionId);
    return removed;
  }

  async connectionIds(): Promise<string[]> {
    return [...this.records.keys()];
  }
}
