/** In-memory CleanupQueue: records what was scheduled, for tests to run by hand. */
import type { CleanupQueue } from '../cleanup';

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
