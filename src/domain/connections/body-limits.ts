/**
 * The largest body each partner channel takes, so an oversized request is refused (413) by its length
 * alone, before any key is read, any HMAC computed or any JSON parsed. Each limit is what our own senders
 * can produce on that channel, rounded up; see docs/decisions/0015-web-trigger-hardening.md.
 */
import { Channel } from './messages';

const KiB = 1024;
/** Forge's invocation payload limit: nothing larger reaches a web trigger anyway. */
export const PLATFORM_BODY_LIMIT = 5 * 1024 * KiB;

/** The change-notice path: requests that name no channel. */
export const CHANGE_NOTICE = '';

const LIMITS: Readonly<Record<Channel | typeof CHANGE_NOTICE, number>> = {
  // Issue values (ADF documents) and, for attachments, the file itself: bounded only by the platform.
  [CHANGE_NOTICE]: PLATFORM_BODY_LIMIT,
  [Channel.create]: PLATFORM_BODY_LIMIT,
  [Channel.apply]: PLATFORM_BODY_LIMIT,
  // Up to 1,000 pairs of two ids and two keys (about 120 bytes each).
  [Channel.pairs]: 256 * KiB,
  // Up to 100 issue ids and 200 field ids.
  [Channel.snapshot]: 64 * KiB,
  // A handful of fields and ids; a cursor of at most 2,000 characters; a site identity.
  [Channel.index]: 16 * KiB,
  [Channel.catalog]: 16 * KiB,
  [Channel.control]: 16 * KiB,
  [Channel.rotate]: 16 * KiB,
  [Channel.handshake]: 16 * KiB,
};

/** The body limit of a channel header's value, or undefined when no such channel exists. */
export function bodyLimit(channel: string): number | undefined {
  return Object.hasOwn(LIMITS, channel) ? LIMITS[channel as keyof typeof LIMITS] : undefined;
}

/** UTF-8 length of a body, the unit the limits count in. */
export const bodyBytes = (body: string): number => Buffer.byteLength(body, 'utf8');
