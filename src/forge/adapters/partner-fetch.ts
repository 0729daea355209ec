/**
 * PartnerTransport over @forge/api's fetch (Forge egress); a partner gets 20 s to answer. Only partner
 * web triggers are ever fetched: every URL is checked first (src/domain/connections/inbox-url.ts).
 */
import { fetch, webTrigger } from '@forge/api';
import { forgeWebTriggerProblem, partnerInboxProblem } from '../../domain/connections/inbox-url';
import type { PartnerTransport } from '../../ports/relay';
import { PARTNER_INBOX } from './local-site';

const TIMEOUT_MS = 20_000;

/** Refuses a URL that is not a partner web trigger; the refusal names the URL's problem, never a secret. */
export async function checkPartnerInboxUrl(url: string): Promise<void> {
  // A Forge URL passes without asking for our own; only the local runtime's URLs need it.
  if (forgeWebTriggerProblem(url) === undefined) return;
  const problem = partnerInboxProblem(url, await webTrigger.getUrl(PARTNER_INBOX));
  if (problem) throw new Error(`Lockstep only talks to partner web triggers, and ${url.slice(0, 120)} is not one: ${problem}.`);
}

export const partnerFetch: PartnerTransport = {
  async post(url, body, headers) {
    await checkPartnerInboxUrl(url);
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    const retryAfter = Number(res.headers.get('retry-after'));
    return { status: res.status, body: await res.text(), ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  },
};
