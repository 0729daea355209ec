/** How long to wait before trying again: the partner's or Jira's Retry-After when given, else exponential, with jitter. */
export function retryDelaySeconds(retryCount: number, random: () => number, retryAfterSeconds?: number): number {
  const base = retryAfterSeconds ?? Math.min(900, 15 * 2 ** retryCount);
  // Up to 20% more, so messages that failed together do not all come back in the same second.
  return Math.min(900, Math.ceil(base * (1 + 0.2 * random())));
}

/** Forge retries an invocation at most 4 times; past this many, a fresh delayed queue event takes over, so nothing is dropped. */
export const REQUEUE_AFTER_RETRIES = 3;
