/**
 * The partner's side of a key rotation, on the `rotate` channel. An offer must be signed with a key still
 * trusted here (never one a rotation replaced): this side stages the key both derive, keeps signing with
 * the current one, and answers with its own public key signed with the new key. A commit signed with the
 * new key switches this side (authenticate promotes a staged key the moment it verifies a request).
 */
import { staged } from '../../domain/connections/key-ring';
import { deriveSigningKey, generateKeyPair } from '../../domain/connections/keys';
import type { SignedReply } from '../../domain/connections/messages';
import { RotationMessage, type RotationAck, type RotationAnswer, type RotationOffer } from '../../domain/connections/rotation';
import { sign } from '../../domain/signing';
import { rotationLockKey } from '../../ports/claims';
import { authenticate, isRefusal, reader, refuse } from '../partner-channel';
import { APP_ACTOR, audit, type ConnectionsDeps, type InboundRequest, type InboundResult } from './deps';
import { ROTATION_LOCK_MS } from './rotate';

const readRotation = reader(RotationMessage, 'key rotation message');

export async function receiveRotation(deps: ConnectionsDeps, req: InboundRequest): Promise<InboundResult> {
  const signed = await authenticate(deps, req, readRotation, { previous: false });
  if (isRefusal(signed)) return signed;
  const { connectionId, message, slot } = signed;
  if (message.type === 'key-commit') {
    // Signed with the staged key (now promoted) or, for a commit sent again, with the key already switched to.
    if (slot === 'next') await audit(deps, connectionId, APP_ACTOR, 'connection.key-rotated', 'The partner site switched to the new signing key; so did this side.');
    return { status: 200, body: { accepted: message.rotationId, switched: true } satisfies RotationAck };
  }
  return answerOffer(deps, connectionId, message);
}

async function answerOffer(deps: ConnectionsDeps, connectionId: string, offer: RotationOffer): Promise<InboundResult> {
  if (!(await deps.connections.partnerInboxUrl(connectionId))) return refuse(409, 'This connection has no partner site to rotate keys with.');
  const lock = rotationLockKey(connectionId);
  const now = deps.now();
  // Two rotations at once (one started here) would leave the sides with different keys: one of them is refused.
  if (!(await deps.claims.claim(lock, now + ROTATION_LOCK_MS, now))) return refuse(409, 'A key rotation of this sync is already under way here; try again in a few minutes.');
  try {
    const mine = generateKeyPair();
    const derived = deriveSigningKey(mine.privateKey, offer.publicKey, connectionId);
    if (!derived.ok) return refuse(422, `publicKey: ${derived.reason}`);
    // Read again: authenticating the offer may have promoted a staged key.
    const ring = await deps.connections.keyRing(connectionId);
    if (!ring || !(await deps.connections.saveKeyRing(connectionId, staged(ring, derived.signingKey, offer.rotationId, now)))) {
      return refuse(409, 'This connection was deleted here.');
    }
    await audit(deps, connectionId, APP_ACTOR, 'connection.key-rotated', 'The partner site started a key rotation: the new key is accepted now and used once the partner switches.');
    const answer: RotationAnswer = { v: 1, type: 'key-answer', connectionId, rotationId: offer.rotationId, publicKey: mine.publicKey };
    const text = JSON.stringify(answer);
    const timestamp = deps.now();
    return { status: 200, body: { message: text, timestamp: String(timestamp), signature: sign(derived.signingKey, timestamp, text) } satisfies SignedReply };
  } finally {
    await deps.claims.release(lock);
  }
}
