/**
 * Atlassian's personal data reporting API, as the local runtime serves it to the real `privacy.reportPersonalData`
 * of @forge/api (which POSTs `{ accounts }` to `/app/report-accounts` through `__forge_fetch__` as the app,
 * remote `stargate`). Held to Atlassian's reference (user-privacy-guidelines, "Personal data reporting API
 * reference"): at most 90 accounts per request, each an accountId (1-128 of letters, digits, `-`, `:`) and an
 * RFC 3339 `updatedAt`; 200 with `{ accounts: [{ accountId, status }] }` when something must be erased or
 * refreshed, 204 when nothing, 400 `{ errorType, errorMessage }` for a malformed request, 429 with
 * `Retry-After` (seconds) when rate-limited. Atlassian publishes no rate, so 429 comes only when a test asks.
 *
 * Accounts are Atlassian's, not a site's: one registry serves every installation. Closing an account also
 * shows it on each emulated site as Jira shows a closed one: inactive, "Former user", no email.
 */
import { z } from 'zod';
import type { Emulator } from '../jira/emulator';

/** The path @forge/api posts to (its privacy module's URL); the reference writes it with a trailing slash. */
export const REPORT_ACCOUNTS_PATH = /^\/app\/report-accounts\/?$/;
const LIMIT = 90;

const ReportBody = z.object({
  accounts: z.array(z.object({
    accountId: z.string().regex(/^[A-Za-z0-9:-]{1,128}$/, 'an accountId of 1-128 letters, digits, - and :'),
    updatedAt: z.iso.datetime({ offset: true }),
  }).strict()).min(1, 'at least one account').max(LIMIT, `at most ${LIMIT} accounts per request`),
}).strict();

/** One request as the API saw it, for tests: which installation, what it sent, what it answered. */
export interface ReportRequest {
  installation: string;
  accounts: Array<{ accountId: string; updatedAt: string }>;
  status: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export class AccountPrivacy {
  private readonly closed = new Map<string, number>();
  private readonly changed = new Map<string, number>();
  /** Answers queued for the next requests instead of serving them: 429s, or another failure a test asks for. */
  private readonly failures: Array<{ status: number; retryAfterSeconds: number | undefined }> = [];
  /** Every request served, oldest first. */
  readonly requests: ReportRequest[] = [];

  constructor(private readonly emulator: Emulator, private readonly now: () => number) {}

  /** Closes the account: every report of it answers `closed` from now on, and the sites show a former user. */
  close(accountId: string): void {
    this.closed.set(accountId, this.now());
    for (const site of this.emulator.sites.values()) {
      const user = site.users.get(accountId);
      if (user) site.users.set(accountId, { ...user, active: false, displayName: 'Former user', emailAddress: null, apiToken: null });
    }
  }

  /** The account's profile changed at `at` (default now): a report with an older `updatedAt` answers `updated`. */
  changeProfile(accountId: string, at = this.now()): void {
    this.changed.set(accountId, at);
  }

  /** The next `times` requests answer 429 with this Retry-After. */
  throttleNext(retryAfterSeconds: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failNext(429, retryAfterSeconds);
  }

  /** The next well-formed request answers `status` (400, 500, 503…), with a Retry-After when given. */
  failNext(status: number, retryAfterSeconds?: number): void {
    this.failures.push({ status, retryAfterSeconds });
  }

  /** Serves one POST from an installation's invocation. */
  serve(installation: string, method: string, body: unknown): Response {
    if (method !== 'POST') return this.answer(installation, [], json(405, { errorType: 'METHOD_NOT_ALLOWED', errorMessage: `${method} is not allowed; POST the accounts` }));
    const parsed = ReportBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.answer(installation, [], json(400, { errorType: 'BAD_REQUEST', errorMessage: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` }));
    }
    const { accounts } = parsed.data;
    const failure = this.failures.shift();
    if (failure) {
      const errorType = failure.status === 429 ? 'RATE_LIMITED' : failure.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST';
      const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
      return this.answer(installation, accounts, json(failure.status, { errorType, errorMessage: failure.status === 429 ? 'Too many requests' : `a ${failure.status} the test asked for` }, headers));
    }
    const updates = accounts.flatMap(({ accountId, updatedAt }) => {
      if (this.closed.has(accountId)) return [{ accountId, status: 'closed' }];
      const changedAt = this.changed.get(accountId);
      return changedAt !== undefined && changedAt > Date.parse(updatedAt) ? [{ accountId, status: 'updated' }] : [];
    });
    return this.answer(installation, accounts, updates.length > 0 ? json(200, { accounts: updates }) : new Response(null, { status: 204 }));
  }

  private answer(installation: string, accounts: ReportRequest['accounts'], response: Response): Response {
    this.requests.push({ installation, accounts: structuredClone(accounts), status: response.status });
    return response;
  }
}
