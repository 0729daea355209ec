/** CleanupQueue over Forge async events: one `connection-cleanup` event per round, delayed as asked. */
import { Queue } from '@forge/events';
import { newConnectionId } from '../../domain/connections/keys';
import type { QueueEnvelope } from '../../domain/messages';
import type { CleanupQueue } from '../../ports/cleanup';

export const CLEANUP_QUEUE = 'lockstep-cleanup';
export const CLEANUP_EVENT = 'connection-cleanup';

export const forgeCleanupQueue: CleanupQueue = {
  async schedule(connectionId, delaySeconds) {
    const body: QueueEnvelope = { v: 1, type: CLEANUP_EVENT, connectionId, messageId: newConnectionId() };
    await new Queue({ key: CLEANUP_QUEUE }).push([{ body: { ...body }, ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}) }]);
  },
};
