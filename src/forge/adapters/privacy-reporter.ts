/**
 * PersonalDataReporter over Forge's privacy API: `privacy.reportPersonalData` from @forge/api, which POSTs
 * `{ accounts }` to Atlassian's `/app/report-accounts` as the app. The SDK splits a longer list into
 * parallel requests of 90 and rejects with the raw Response on anything but 200 or 204, losing the answers
 * of the other requests; so one batch of at most 90 goes per call, and the rejection is read here:
 * 429 and 5xx say when to try again (Retry-After), 400 says the batch itself is wrong.
 */
import { privacy } from '@forge/api';
import { z } from 'zod';
import { AccountUpdate, ReportBatch, type PersonalDataReporter, type ReportAnswer } from '../../ports/privacy';

/** Waits when the API says nothing of how long: a 429 without Retry-After, an unavailable service, anything else. */
const RATE_LIMITED_S = 60;
const UNAVAILABLE_S = 300;
const OTHER_FAILURE_S = 3600;

/** How long Retry-After asks to wait, in seconds: a number of seconds or an HTTP date (RFC 9110). */
export function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  // An HTTP date names its day and month; Date.parse would also take '-5' as a year.
  const date = /[A-Za-z]/.test(header) ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The SDK rejects with the fetch Response itself; read by shape, as it may come from another realm. */
const isResponse = (value: unknown): value is Response =>
  typeof value === 'object' && value !== null && typeof (value as Response).status === 'number' && typeof (value as Response).headers?.get === 'function';

async function bodyText(response: Response): Promise<string> {
  try { return (await response.text()).slice(0, 300); } catch { return ''; }
}

/** What a failed request means for the batch. */
async function answerOf(error: unknown): Promise<ReportAnswer> {
  if (isResponse(error)) {
    const after = retryAfterSeconds(error.headers.get('retry-after'), Date.now());
    const body = await bodyText(error);
    const reason = body ? `HTTP ${error.status}: ${body}` : `HTTP ${error.status}`;
    if (error.status === 429) return { kind: 'retry', afterSeconds: after ?? RATE_LIMITED_S, reason };
    if (error.status === 400) return { kind: 'refused', reason };
    return { kind: 'retry', afterSeconds: after ?? (error.status >= 500 ? UNAVAILABLE_S : OTHER_FAILURE_S), reason };
  }
  // The Forge proxy's own refusals (ProxyRequestError) and network failures: nothing was learnt, try again later.
  return { kind: 'retry', afterSeconds: OTHER_FAILURE_S, reason: error instanceof Error ? error.message.slice(0, 300) : String(error) };
}

export const forgeReporter: PersonalDataReporter = {
  async report(accounts) {
    const batch = ReportBatch.parse(accounts);
    let answered: unknown;
    try {
      answered = await privacy.reportPersonalData(batch);
    } catch (error) {
      return answerOf(error);
    }
    const updates = z.array(AccountUpdate).safeParse(answered);
    // An answer that cannot be read teaches nothing: the batch goes again.
    if (!updates.success) return { kind: 'retry', afterSeconds: UNAVAILABLE_S, reason: `unreadable answer: ${updates.error.issues[0]?.message ?? 'invalid'}` };
    return { kind: 'answered', updates: updates.data };
  },
};
