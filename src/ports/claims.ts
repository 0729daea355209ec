/**
 * Keys that one caller claims for a while: the signatures of partner requests already received (replay
 * protection) and the short lock of a key rotation. A claim lapses at its `until` time by itself, so the
 * store never grows with old entries.
 */
export interface ClaimStore {
  /**
   * Claims `key` until `until` (Unix ms, after `now`): true for exactly one caller, even when two race;
   * false while an earlier claim holds. A lapsed claim counts as none.
   */
  claim(key: string, until: number, now: number): Promise<boolean>;
  /** Ends a claim before it lapses (a lock let go); a no-op when there is none. */
  release(key: string): Promise<void>;
}

/** The claim of one request signature: per connection, so two connections never collide. */
export const replayKey = (connectionId: string, signature: string): string => `replay:${connectionId}:${signature}`;

/** The lock of a connection's key rotation on this side. */
export const rotationLockKey = (connectionId: string): string => `key-rotation:${connectionId}`;
