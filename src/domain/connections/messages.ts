/**
 * What two installations say to each other about a connection itself, apart from change notices: the
 * handshake that links them, and control messages (state changes, deletion). Requests carry the channel in
 * `x-lockstep-channel` so the web trigger can route them before the change-notice path sees them.
 */
import { z } from 'zod';
import { CONNECTION_ID, PUBLIC_KEY } from './keys';
import { InboxUrl, SiteIdentity } from './site';
import { CONNECTION_STATES } from './states';

export const CHANNEL_HEADER = 'x-lockstep-channel';
export const Channel = { handshake: 'handshake', control: 'control', rotate: 'rotate', catalog: 'catalog', index: 'index', snapshot: 'snapshot', apply: 'apply', pairs: 'pairs', create: 'create' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/** The same three headers change notices use; the signing key differs by channel. */
export const CONNECTION_HEADER = 'x-lockstep-connection';
export const TIMESTAMP_HEADER = 'x-lockstep-timestamp';
export const SIGNATURE_HEADER = 'x-lockstep-signature';
/**
 * A handshake's second signature over the same timestamp and body, made with the derived key: the inviter
 * checks it before using up the invitation, so a code whose public key was swapped fails there.
 */
export const KEY_PROOF_HEADER = 'x-lockstep-key-proof';

const Id = z.string().regex(CONNECTION_ID, 'letters, digits, - and _ only, at most 64');
const ProjectKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key');

/** The accepting side → the inviter, signed with the invitation token. */
export const HandshakeRequest = z.object({
  v: z.literal(1),
  type: z.literal('handshake-request'),
  connectionId: Id,
  publicKey: z.string().regex(PUBLIC_KEY, '32 bytes of base64url'),
  inboxUrl: InboxUrl,
  projectKey: ProjectKey,
  site: SiteIdentity,
}).strict();
export type HandshakeRequest = z.infer<typeof HandshakeRequest>;

/** The inviter's answer. It travels inside a SignedReply made with the derived key: proof the inviter holds it. */
export const HandshakeAccepted = z.object({
  v: z.literal(1),
  type: z.literal('handshake-accepted'),
  connectionId: Id,
  projectKey: ProjectKey,
}).strict();
export type HandshakeAccepted = z.infer<typeof HandshakeAccepted>;

/** A response body signed like a request: the exact message text, its timestamp and signature. */
export const SignedReply = z.object({
  message: z.string().max(10_000),
  timestamp: z.string(),
  signature: z.string(),
}).strict();
export type SignedReply = z.infer<typeof SignedReply>;

const ControlBase = {
  v: z.literal(1),
  connectionId: Id,
  messageId: Id,
  /** When the sender made the change (Unix ms): later changes win, earlier and replayed ones are ignored. */
  at: z.number().int().nonnegative(),
};

export const StateControl = z.object({ ...ControlBase, type: z.literal('connection-state'), state: z.enum(CONNECTION_STATES) }).strict();
export const DeletedControl = z.object({ ...ControlBase, type: z.literal('connection-deleted') }).strict();
export type StateControl = z.infer<typeof StateControl>;
export type DeletedControl = z.infer<typeof DeletedControl>;

/** Control messages: a union keyed on `type`, signed with the connection's key. */
export const ControlMessage = z.discriminatedUnion('type', [StateControl, DeletedControl]);
export type ControlMessage = z.infer<typeof ControlMessage>;

/** The receiver's answer to a control message. */
export const ControlAck = z.object({ accepted: Id, applied: z.boolean() });
export type ControlAck = z.infer<typeof ControlAck>;

