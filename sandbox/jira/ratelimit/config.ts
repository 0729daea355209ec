/** Jira Cloud's rate limits as the emulator applies them (FORGE-NOTES.md): hourly points, per-second bursts, per-issue writes. */
export interface RateLimitConfig {
  enabled: boolean;
  /** Points a site may spend per clock hour (Tier 2 per-site quota). A request costs 1 + 1 per object returned. */
  hourlyPoints: number;
  /** `jira-quota-tenant-based` for a per-site quota, `jira-quota-global-based` for Tier 1's app-wide pool. */
  quotaReason: 'jira-quota-tenant-based' | 'jira-quota-global-based';
  /** Requests per second per endpoint and method, by method, with overrides keyed `METHOD /rest/api/3/...template`. */
  burstPerSecond: Record<string, number>;
  burstOverrides: Record<string, number>;
  /** Writes to one issue: at most `max` within each sliding `windowMs`. */
  perIssueWrite: { windowMs: number; max: number }[];
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: false,
  hourlyPoints: 65_000,
  quotaReason: 'jira-quota-tenant-based',
  burstPerSecond: { GET: 100, POST: 50, PUT: 50, DELETE: 50 },
  burstOverrides: { 'POST /rest/api/3/search/jql': 30, 'GET /rest/api/3/search/jql': 30, 'POST /rest/api/3/issue/bulk': 10, 'POST /rest/api/3/issue/bulkfetch': 20 },
  perIssueWrite: [{ windowMs: 2_000, max: 20 }, { windowMs: 30_000, max: 100 }],
};

export const RateLimitReason = {
  burst: 'jira-burst-based',
  perIssueWrite: 'jira-per-issue-on-write',
} as const;
