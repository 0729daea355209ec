/** The cleanup consumer: one round of removing a deleted connection's pairs and data; the round queues the next itself. */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { QueueEnvelope } from '../../domain/messages';
import { continueCleanup, type CleanupResult } from '../../engine/connections/remove';
import { CLEANUP_EVENT, forgeCleanupQueue } from '../adapters/cleanup-queue';
import { kvsConnectionData } from '../adapters/kvs-connection-data';
import { kvsConnections } from '../adapters/kvs-connections';
import { kvsPairs } from '../adapters/kvs-pairs';

/** A failed round (KVS busy, most likely) is tried again after a minute; Forge retries an event up to four times. */
const RETRY_AFTER_SECONDS = 60;

export const onCleanupEvent = async (event: { body?: unknown }): Promise<CleanupResult | { dropped: string } | InvocationError> => {
  const parsed = QueueEnvelope.safeParse(event.body);
  if (!parsed.success || parsed.data.type !== CLEANUP_EVENT) {
    console.warn('[lockstep-cleanup] dropped an event that is not a connection cleanup');
    return { dropped: 'not a connection cleanup' };
  }
  try {
    return await continueCleanup({ connections: kvsConnections, pairs: kvsPairs, data: kvsConnectionData, cleanup: forgeCleanupQueue }, parsed.data.connectionId);
  } catch (error) {
    console.warn(`[lockstep-cleanup] round for ${parsed.data.connectionId} failed, retrying in ${RETRY_AFTER_SECONDS} s: ${error instanceof Error ? error.message : String(error)}`);
    return new InvocationError({ retryAfter: RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
};
