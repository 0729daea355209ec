/**
 * An admin rotates a sync's signing key. Same-site, both mirrored connections switch to a fresh random key
 * at once. Cross-site, this side offers a fresh X25519 public key (signed with the current key), the
 * partner stages the key both derive and answers with its public key (signed with the new key), this side
 * switches, and a commit signed with the new key switches the partner. Each side accepts the replaced key
 * for ROTATION_GRACE_MS, so messages signed before the switch still verify. See decision 0015.
 */
import { promoted, replaced, ROTATION_GRACE_MS, type KeyRing } from '../../domain/connections/key-ring';
import { deriveSigningKey, generateKeyPair, newConnectionId, randomSecret, type KeyPair } from '../../domain/connections/keys';
import { Channel, SignedReply } from '../../domain/connections/messages';
import { RotationAck, RotationAnswer, type RotationCommit, type RotationOffer } from '../../domain/connections/rotation';
import { badInput, LockstepError, upstream } from '../../domain/errors';
import { verify } from '../../domain/signing';
import { rotationLockKey } from '../../ports/claims';
import type { PartnerReply } from '../../ports/relay';
import { signedHeaders } from '../partner-channel';
import type { PartnerNotified } from './control';
import { audit, type ConnectionsDeps } from './deps';

/** How long one side's rotation holds its lock: longer than a resolver may run. */
export const ROTATION_LOCK_MS = 2 * 60_000;

export interface RotationResult {
  connectionId: string;
  /** This side signs with the new key from now on. */
  switched: boolean;
  /** Until when the replaced key still verifies here (ISO). */
  previousKeyAcceptedUntil: string;
  /** Whether the partner confirmed its switch; if not, it switches with the first message signed with the new key. */
  partner: PartnerNotified;
}

interface Target {
  connectionId: string;
  /** The project the admin was checked against: the connection must belong to it. */
  projectKey: string;
  actor: string;
}

export async function rotateSigningKey(deps: ConnectionsDeps, target: Target): Promise<RotationResult> {
  const summary = await deps.connections.get(target.connectionId);
  // Another project's connection answers like a missing one, so its id stays hidden.
  if (!summary || summary.localProjectKey !== target.projectKey) throw badInput(`Project ${target.projectKey} has no connection ${target.connectionId}.`);
  const [url, ring] = await Promise.all([deps.connections.partnerInboxUrl(target.connectionId), deps.connections.keyRing(target.connectionId)]);
  if (url === undefined || !ring) throw badInput('This sync is not linked to a partner yet: it has no key to rotate.');
  if (url === null) return rotateSameSite(deps, target);
  const lock = rotationLockKey(target.connectionId);
  const now = deps.now();
  if (!(await deps.claims.claim(lock, now + ROTATION_LOCK_MS, now))) {
    throw new LockstepError(409, 'A key rotation of this sync is already under way. Try again in a few minutes.', 'conflict');
  }
  try {
    return await rotateCrossSite(deps, target, url, ring);
  } finally {
    await deps.claims.release(lock);
  }
}

/** Both mirrors share one key in this installation's own store: they switch together, nothing is in flight between them. */
async function rotateSameSite(deps: ConnectionsDeps, target: Target): Promise<RotationResult> {
  const mirrorId = await deps.connections.partnerConnectionId(target.connectionId);
  const key = randomSecret();
  const now = deps.now();
  for (const id of new Set([target.connectionId, mirrorId ?? target.connectionId])) {
    const ring = await deps.connections.keyRing(id);
    if (ring && (await deps.connections.saveKeyRing(id, replaced(ring, key, now)))) await audited(deps, id, target.actor, now, 'The signing key was rotated (same-site sync).');
  }
  return { connectionId: target.connectionId, switched: true, previousKeyAcceptedUntil: graceEnd(now), partner: { notified: true } };
}

async function rotateCrossSite(deps: ConnectionsDeps, target: Target, url: string, ring: KeyRing): Promise<RotationResult> {
  const partnerId = (await deps.connections.partnerConnectionId(target.connectionId)) ?? target.connectionId;
  const mine = generateKeyPair();
  const offer: RotationOffer = { v: 1, type: 'key-offer', connectionId: partnerId, rotationId: newConnectionId(), publicKey: mine.publicKey };
  const offered = await sendOffer(deps, url, ring, offer);
  const newKey = readAnswer(offered.reply, mine, offer, deps.now());

  const now = deps.now();
  const latest = (await deps.connections.keyRing(target.connectionId)) ?? ring;
  // Offered with a key staged in the partner's own earlier rotation: that key is the partner's now, and the one to keep in grace.
  const base = offered.withNext && latest.next?.key === ring.next?.key ? promoted(latest, now) : latest;
  if (!(await deps.connections.saveKeyRing(target.connectionId, replaced(base, newKey, now)))) throw badInput('This sync was deleted while its key was being rotated.');
  await audited(deps, target.connectionId, target.actor, now, 'The signing key was rotated with the partner site.');

  const commit: RotationCommit = { v: 1, type: 'key-commit', connectionId: partnerId, rotationId: offer.rotationId };
  return { connectionId: target.connectionId, switched: true, previousKeyAcceptedUntil: graceEnd(now), partner: await sendCommit(deps, url, newKey, commit) };
}

/**
 * Posts the offer signed with the current key; when this side holds a key staged by the partner's own
 * rotation, with that one first (the partner may already sign with it). A 401 for one key tries the other.
 */
async function sendOffer(deps: ConnectionsDeps, url: string, ring: KeyRing, offer: RotationOffer): Promise<{ reply: PartnerReply; withNext: boolean }> {
  const text = JSON.stringify(offer);
  const keys = ring.next ? [{ key: ring.next.key, withNext: true }, { key: ring.current, withNext: false }] : [{ key: ring.current, withNext: false }];
  let reply: PartnerReply | undefined;
  for (const { key, withNext } of keys) {
    try {
      reply = await deps.partner.post(url, text, signedHeaders(key, offer.connectionId, text, deps.now(), Channel.rotate));
    } catch (error) {
      throw upstream('The partner site could not be reached. Nothing changed; try again.', error);
    }
    if (reply.status !== 401) return { reply, withNext };
  }
  return { reply: reply!, withNext: false };
}

/** The key both sides derive, once the partner's answer proves it derived it too; every failure leaves this side unchanged. */
function readAnswer(reply: PartnerReply, mine: KeyPair, offer: RotationOffer, now: number): string {
  if (reply.status !== 200) throw upstream(`The partner site refused the key rotation (HTTP ${reply.status}: ${errorOf(reply.body)}). Nothing changed.`);
  const unverified = upstream('The partner site\'s answer to the key rotation could not be verified. Nothing changed; try again.');
  const envelope = SignedReply.safeParse(parsed(reply.body));
  if (!envelope.success) throw unverified;
  const answer = RotationAnswer.safeParse(parsed(envelope.data.message));
  if (!answer.success || answer.data.connectionId !== offer.connectionId || answer.data.rotationId !== offer.rotationId) throw unverified;
  const derived = deriveSigningKey(mine.privateKey, answer.data.publicKey, offer.connectionId);
  if (!derived.ok || !verify(derived.signingKey, envelope.data.timestamp, envelope.data.message, envelope.data.signature, now).ok) throw unverified;
  return derived.signingKey;
}

/** Tells the partner to switch; a lost commit is not fatal: the partner switches with our next message anyway. */
async function sendCommit(deps: ConnectionsDeps, url: string, key: string, commit: RotationCommit): Promise<PartnerNotified> {
  const text = JSON.stringify(commit);
  try {
    const reply = await deps.partner.post(url, text, signedHeaders(key, commit.connectionId, text, deps.now(), Channel.rotate));
    if (reply.status !== 200) return { notified: false, reason: `the partner site answered HTTP ${reply.status}` };
    const ack = RotationAck.safeParse(parsed(reply.body));
    return ack.success && ack.data.accepted === commit.rotationId && ack.data.switched ? { notified: true } : { notified: false, reason: 'the partner site did not confirm the switch' };
  } catch (error) {
    return { notified: false, reason: `the partner site could not be reached (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function audited(deps: ConnectionsDeps, connectionId: string, actor: string, now: number, what: string): Promise<void> {
  await audit(deps, connectionId, actor, 'connection.key-rotated', `${what} The previous key is accepted until ${graceEnd(now)}.`);
}

const graceEnd = (now: number): string => new Date(now + ROTATION_GRACE_MS).toISOString();

function parsed(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** The `error` text of a partner's refusal, shortened: it is shown to the admin. */
function errorOf(body: string): string {
  const error = (parsed(body) as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error.slice(0, 300) : 'no reason given';
}
