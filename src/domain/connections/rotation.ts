/**
 * Key rotation between the two installations of a cross-site connection, on the `rotate` channel:
 * an offer (a fresh X25519 public key, signed with the current key), the partner's answer (its own fresh
 * public key, signed with the key both now derive), and a commit signed with the new key that tells the
 * partner to switch.
 */
import { z } from 'zod';
import { CONNECTION_ID, PUBLIC_KEY } from './keys';

const Id = z.string().regex(CONNECTION_ID, 'letters, digits, - and _ only, at most 64');
const PublicKey = z.string().regex(PUBLIC_KEY, '32 bytes of base64url');

export const RotationOffer = z.object({ v: z.literal(1), type: z.literal('key-offer'), connectionId: Id, rotationId: Id, publicKey: PublicKey }).strict();
export const RotationCommit = z.object({ v: z.literal(1), type: z.literal('key-commit'), connectionId: Id, rotationId: Id }).strict();
export type RotationOffer = z.infer<typeof RotationOffer>;
export type RotationCommit = z.infer<typeof RotationCommit>;

/** What arrives on the rotate channel: a union keyed on `type`. */
export const RotationMessage = z.discriminatedUnion('type', [RotationOffer, RotationCommit]);
export type RotationMessage = z.infer<typeof RotationMessage>;

/** The partner's answer to an offer; it travels inside a SignedReply made with the new key: proof it derived the same one. */
export const RotationAnswer = z.object({ v: z.literal(1), type: z.literal('key-answer'), connectionId: Id, rotationId: Id, publicKey: PublicKey }).strict();
export type RotationAnswer = z.infer<typeof RotationAnswer>;

/** The partner's answer to a commit. */
export const RotationAck = z.object({ accepted: Id, switched: z.boolean() });
export type RotationAck = z.infer<typeof RotationAck>;
