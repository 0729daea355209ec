/** Background work on a deleted connection's data, a round at a time (Forge async events in production). */
export interface CleanupQueue {
  /** Runs a cleanup round for the connection after `delaySeconds` (0 to 900). */
  schedule(connectionId: string, delaySeconds: number): Promise<void>;
}
