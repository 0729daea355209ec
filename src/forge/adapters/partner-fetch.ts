/** PartnerTransport over @forge/api's fetch (Forge egress); a partner gets 20 s to answer. */
import { fetch } from '@forge/api';
import type { PartnerTransport } from '../../ports/relay';

const TIMEOUT_MS = 20_000;

export const partnerFetch: PartnerTransport = {
  async post(url, body, headers) {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const retryAfter = Number(res.headers.get('retry-after'));
    return { status: res.status, body: await res.text(), ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  },
};
