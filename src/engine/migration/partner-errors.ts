/**
 * What a failed partner request means for the work that asked: asking the same again later can succeed
 * (the partner is unreachable, failing, busy, or saw the same signature twice), or it cannot until
 * someone acts (the partner no longer knows the sync, cannot read the request, or refuses it for a
 * reason it names). A refusal says which partner, what it said and what an admin can do about it.
 * See docs/decisions/0020-partner-refusals.md.
 */
import { z } from 'zod';
import { PENDING_PARTNER, SAME_SITE } from '../../domain/connections/states';
import type { ConnectionSummary } from '../../ports/connections';

/** The partner could not be asked, or refused; asking the same again cannot help unless `transient`. */
export class PartnerUnavailable extends Error {
  override readonly name: string = 'PartnerUnavailable';
  constructor(message: string, readonly status?: number) {
    super(message);
  }

  get transient(): boolean {
    return false;
  }
}

/** The partner could not answer now: the same request may succeed later, after `retryAfterSeconds` when it said so. */
export class PartnerBusy extends PartnerUnavailable {
  override readonly name: string = 'PartnerBusy';
  constructor(message: string, status?: number, readonly retryAfterSeconds?: number) {
    super(message, status);
  }

  override get transient(): boolean {
    return true;
  }
}

/**
 * A refusal's body as the answering side sends it. `retry: false` marks a refusal that no retry can
 * mend even where its status alone would be retried (a 409 that is not a replayed signature).
 */
export const RefusalBody = z.object({ error: z.string(), retry: z.boolean().optional() });
export type RefusalBody = z.infer<typeof RefusalBody>;

/**
 * Whether the same request may succeed later: 408, 429 and 5xx, and 409, which the channel answers to a
 * signature it saw before (src/engine/partner-channel.ts REPLAYED; a retry is signed anew). Every other
 * answer is the partner's final word on this request, as is any refusal marked `retry: false`.
 */
export function isRetryable(status: number, body?: Pick<RefusalBody, 'retry'>): boolean {
  if (body?.retry === false) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The refusal in a reply body, when it is one; anything else (a platform's HTML page) says nothing. */
export function refusalOf(body: unknown): RefusalBody | undefined {
  const parsed = RefusalBody.safeParse(body);
  return parsed.success ? { ...parsed.data, error: oneLine(parsed.data.error, 300) } : undefined;
}

/** How a request of each kind is named to an admin. */
export const REQUEST_NAMES = {
  index: 'request for its list of issues',
  snapshot: 'request for the values of paired issues',
  apply: 'request to write values to paired issues',
  pairs: 'request to store pairs',
  create: 'request to create copies of issues',
} as const;
export type RequestName = (typeof REQUEST_NAMES)[keyof typeof REQUEST_NAMES];

/** "DEV on beta.example.net", "QA on this site", or "The partner site" when the sync no longer says. */
export function partnerName(summary: Pick<ConnectionSummary, 'partnerSite' | 'partnerProject'> | undefined): string {
  if (!summary || summary.partnerProject === PENDING_PARTNER) return 'The partner site';
  return `${summary.partnerProject} on ${summary.partnerSite === SAME_SITE ? 'this site' : siteName(summary.partnerSite)}`;
}

/** The error a failed request becomes: busy when retrying can help, else a refusal an admin can act on. */
export function partnerFailure(partner: string, request: RequestName, status: number, refusal: RefusalBody | undefined, retryAfterSeconds?: number): PartnerUnavailable {
  const said = `HTTP ${status}${refusal?.error ? `: ${refusal.error.replace(/\.$/, '')}` : ''}`;
  if (isRetryable(status, refusal)) return new PartnerBusy(`${partner} could not answer the ${request} now (${said}).`, status, retryAfterSeconds);
  return new PartnerUnavailable(`${partner} refused the ${request} (${said}). ${remedy(status, partner)}`, status);
}

/** What an admin can do about a final refusal, by what its status means on the partner channel. */
function remedy(status: number, partner: string): string {
  // The channel answers an unknown connection, a deleted one and a bad signature alike (401); a missing web trigger is a 404.
  if (status === 401 || status === 404 || status === 410) {
    return `${partner} no longer knows this sync: it was deleted there (or Lockstep was uninstalled there, or the two sides' signing keys no longer match). Delete this sync here, or connect the projects again with a new invitation.`;
  }
  if (status === 403) return `${partner} does not let this site in: check that Lockstep is installed there and the sync still exists there; if not, delete this sync here or connect the projects again.`;
  if (status === 409) return `Fix that in the sync's settings of ${partner}, then run this again.`;
  if (status === 413) return `The request was larger than ${partner} takes: that is a fault in Lockstep, please report it with this message.`;
  if (status === 400 || status === 405 || status === 415 || status === 422) {
    return `${partner} could not take the request: fix the setting it names, if any, and check that both sites run the current version of Lockstep; then run this again.`;
  }
  return `Asking again will not help until that is fixed on ${partner}'s side; then run this again.`;
}

/** A site URL as its host, a name as is: short enough for a one-line message. */
function siteName(site: string): string {
  try {
    return new URL(site).host || site;
  } catch {
    return site;
  }
}

/** Words from another site, shown to an admin: one line, bounded. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
