/**
 * LinkStore over Forge KVS: an invitation's token and private key in secret storage only
 * (`invitation-secret:<id>`, lapsing a week after the invitation expires), the one-time claim as a
 * plain record written with FAIL_IF_EXISTS, and the time of the last state change.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { PendingInvitation, type LinkStore } from '../../ports/links';

export const invitationSecretKey = (id: string): string => `invitation-secret:${id}`;
export const invitationClaimKey = (id: string): string => `invitation-claim:${id}`;
export const stateChangedAtKey = (id: string): string => `connection-state-at:${id}`;

/** How long an expired invitation is still known, so its refusal says "expired" rather than "unknown". */
const LAPSE_AFTER_EXPIRY_S = 7 * 24 * 60 * 60;
/** Forge's longest TTL. */
const MAX_TTL_S = 365 * 24 * 60 * 60;

const Stamp = z.number().int().nonnegative();

export const kvsLinks: LinkStore = {
  async saveInvitation(invitation) {
    const valid = PendingInvitation.parse(invitation);
    const seconds = Math.min(MAX_TTL_S, Math.max(1, Math.ceil((valid.expiresAt - Date.now()) / 1000)) + LAPSE_AFTER_EXPIRY_S);
    await kvs.setSecret(invitationSecretKey(valid.connectionId), valid, { ttl: { value: seconds, unit: 'SECONDS' } });
  },
  async invitation(id) {
    const parsed = PendingInvitation.safeParse(await kvs.getSecret(invitationSecretKey(id)));
    // Never log the value: it is a secret.
    return parsed.success ? parsed.data : undefined;
  },
  async claimInvitation(id) {
    try {
      // FAIL_IF_EXISTS makes the claim atomic: of two racing handshakes exactly one writes it.
      await kvs.set(invitationClaimKey(id), { claimedAt: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'KEY_CONFLICT' || (await kvs.get(invitationClaimKey(id))) !== undefined) return false;
      throw error;
    }
  },
  async dropInvitation(id) {
    await kvs.deleteSecret(invitationSecretKey(id));
  },
  async stateChangedAt(id) {
    const parsed = Stamp.safeParse(await kvs.get(stateChangedAtKey(id)));
    return parsed.success ? parsed.data : undefined;
  },
  async setStateChangedAt(id, at) {
    await kvs.set(stateChangedAtKey(id), Stamp.parse(at));
  },
  async forget(id) {
    await kvs.transact().delete(invitationClaimKey(id)).delete(stateChangedAtKey(id)).execute();
    await kvs.deleteSecret(invitationSecretKey(id));
  },
};
