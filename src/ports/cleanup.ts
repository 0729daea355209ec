/** Background work on a deleted connection's data, a round at a time (Forge async events in production). */
export interface CleanupQueue {
  /** Runs a cleanup round for the connection after `delaySeconds` (0 to 900). */
  schedule(connectionId: string, delaySeconds: number): Promise<void>;
}

/**
 * Everything else a connection leaves in storage once its directory entry, keys, health, audit and pairs
 * are handled by their own stores: sync state (queued and parked messages, sequence numbers, field stamps,
 * object pairs), background jobs and their texts.
 */
export interface ConnectionData {
  /** Removes up to `limit` of the connection's remaining records; how many it removed (0: none are left). */
  removeSome(connectionId: string, limit: number): Promise<number>;
  /** Every connection this installation holds, whatever its project (the retention sweep visits each). */
  connectionIds(): Promise<string[]>;
}
