/** A Jira answer the engine cannot use, with what it needs to decide: retry later, fix the field, or give up. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    /** Jira's `errorMessages` and `errors` (field id → message), when it sent them. */
    readonly messages: string[],
    readonly fieldErrors: Record<string, string>,
    /** Seconds from Retry-After, and the RateLimit-Reason header, on 429 and 503. */
    readonly retryAfterSeconds?: number,
    readonly rateLimitReason?: string,
  ) {
    super(`Jira answered ${status}${messages.length || Object.keys(fieldErrors).length ? `: ${[...messages, ...Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`)].join('; ')}` : ''}`);
    this.name = 'JiraError';
  }

  /** Worth trying again later: rate limited, or Jira itself failing. */
  get transient(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** Jira's search may not show the creates of the last few seconds yet: look again shortly, conclude nothing now. */
export class SearchNotSettled extends Error {
  override readonly name = 'SearchNotSettled';
}

/** Network failures and an unsettled search are transient too; anything else that is not a JiraError is a bug. */
export function isTransient(error: unknown): boolean {
  if (error instanceof JiraError) return error.transient;
  return error instanceof TypeError || error instanceof SearchNotSettled; // TypeError: fetch's network errors
}
