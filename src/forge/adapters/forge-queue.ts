/** WorkQueue over Forge async events; pushes in chunks of 50, Forge's per-push limit. */
import { Queue } from '@forge/events';
import type { QueueEnvelope } from '../../domain/messages';
import type { WorkQueue } from '../../ports/relay';

export const OUTBOX_QUEUE = 'lockstep-outbox';
export const INBOX_QUEUE = 'lockstep-inbox';
export const JOBS_QUEUE = 'lockstep-jobs';
const MAX_EVENTS_PER_PUSH = 50;

export function forgeQueue(key: string): WorkQueue {
  const queue = new Queue({ key });
  return {
    async push(envelopes: QueueEnvelope[], delaySeconds?: number) {
      for (let i = 0; i < envelopes.length; i += MAX_EVENTS_PER_PUSH) {
        await queue.push(envelopes.slice(i, i + MAX_EVENTS_PER_PUSH).map((body) => ({ body: { ...body }, ...(delaySeconds ? { delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}) })));
      }
    },
  };
}
