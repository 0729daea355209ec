/** In-memory WorkQueue: remembers what was pushed, and with which delay. */
import type { QueueEnvelope } from '../../domain/messages';
import type { WorkQueue } from '../relay';

export class MemoryQueue implements WorkQueue {
  readonly pushed: QueueEnvelope[] = [];
  readonly delays: Array<number | undefined> = [];
  async push(envelopes: QueueEnvelope[], delaySeconds?: number): Promise<void> {
    this.pushed.push(...envelopes.map((e) => ({ ...e })));
    this.delays.push(...envelopes.map(() => delaySeconds));
  }
}
