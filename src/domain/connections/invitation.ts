/**
 * Invitation codes: what the inviting side hands its partner's admin (by copy and paste) so the partner's
 * installation can complete the handshake. `LSI1.<payload>.<check>`: a version tag, the payload as
 * base64url JSON, and a short checksum that catches a code damaged in transit.
 *
 * The checksum is not a signature — whoever holds a code can accept it. What makes an altered code
 * useless is the handshake: the token must match what the inviter keeps, and the inviter's answer is
 * signed with a key only the holder of the inviting private key can derive.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CONNECTION_ID, PUBLIC_KEY } from './keys';
import { InboxUrl, SiteIdentity } from './site';

export const INVITATION_VERSION = 1;
/** How long a code can be accepted: a day covers "send it to the other admin", no more. */
export const INVITATION_TTL_MS = 24 * 60 * 60_000;

const PREFIX = `LSI${INVITATION_VERSION}`;
const CODE = /^LSI(\d{1,3})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
/** Longest code we read: far above a real one (~700 characters), far below anything harmful. */
const MAX_CODE_LENGTH = 4000;

export const Invitation = z.object({
  v: z.literal(INVITATION_VERSION),
  connectionId: z.string().regex(CONNECTION_ID, 'letters, digits, - and _ only, at most 64'),
  /** The inviting installation's partner-inbox web trigger. */
  inboxUrl: InboxUrl,
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key'),
  site: SiteIdentity,
  /** Authenticates the handshake request: a one-time bearer secret. */
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes of base64url'),
  publicKey: z.string().regex(PUBLIC_KEY, '32 bytes of base64url'),
  expiresAt: z.iso.datetime(),
}).strict();
export type Invitation = z.infer<typeof Invitation>;

const checksum = (taggedPayload: string): string => createHash('sha256').update(taggedPayload).digest().subarray(0, 9).toString('base64url');

/** Encodes an invitation as a code (the payload is validated first: a bad one is a bug here, not input). */
export function encodeInvitation(invitation: Invitation): string {
  const payload = Buffer.from(JSON.stringify(Invitation.parse(invitation))).toString('base64url');
  return `${PREFIX}.${payload}.${checksum(`${PREFIX}.${payload}`)}`;
}

export type InvitationProblem = 'missing' | 'not-a-code' | 'version' | 'damaged' | 'malformed' | 'expired';
export type ParsedInvitation = { ok: true; invitation: Invitation } | { ok: false; problem: InvitationProblem; message: string };

const fail = (problem: InvitationProblem, message: string): ParsedInvitation => ({ ok: false, problem, message });

/** Reads a pasted code; every refusal says what is wrong in words an admin can act on. */
export function parseInvitation(input: unknown, now: number): ParsedInvitation {
  if (typeof input !== 'string' || input.trim() === '') return fail('missing', 'Paste the invitation code from the partner project\'s Lockstep settings.');
  // Codes get wrapped and indented by mail clients: whitespace is never part of one.
  const code = input.replace(/\s+/g, '');
  if (code.length > MAX_CODE_LENGTH) return fail('not-a-code', 'This is not a Lockstep invitation code: it is far too long.');
  const match = CODE.exec(code);
  if (!match) return fail('not-a-code', `This is not a Lockstep invitation code: a code starts with ${PREFIX}. and has three parts separated by dots.`);
  const [, version, payload, check] = match as unknown as [string, string, string, string];
  if (Number(version) !== INVITATION_VERSION) {
    return fail('version', `This invitation code is version ${version}; this Lockstep reads version ${INVITATION_VERSION}. Update Lockstep on both sites to the same version.`);
  }
  if (check !== checksum(`${PREFIX}.${payload}`)) return fail('damaged', 'The invitation code is damaged or was altered: copy it again, in full.');
  let json: unknown;
  try { json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')); } catch { return fail('malformed', 'The invitation code is malformed: its payload is not JSON.'); }
  const parsed = Invitation.safeParse(json);
  if (!parsed.success) {
    return fail('malformed', `The invitation code is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'code'}: ${i.message}`).join('; ')}.`);
  }
  if (Date.parse(parsed.data.expiresAt) <= now) {
    return fail('expired', `This invitation code expired at ${parsed.data.expiresAt}. Ask the partner project's admin for a new one.`);
  }
  return { ok: true, invitation: parsed.data };
}
