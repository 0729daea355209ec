/**
 * What links a connection to its partner besides the ConnectionDirectory: the secrets of an invitation
 * that has not been accepted yet, the mark that it was used, and when its state last changed.
 */
import { z } from 'zod';

/** The inviting side's half of a handshake; every field but the expiry is secret. */
export const PendingInvitation = z.object({
  connectionId: z.string().min(1),
  /** The invitation token the accepting side must sign its handshake with. */
  token: z.string().min(1),
  /** The inviter's X25519 private key, PKCS#8 DER base64url. */
  privateKey: z.string().min(1),
  /** Unix ms after which the invitation is refused. */
  expiresAt: z.number().int().nonnegative(),
});
export type PendingInvitation = z.infer<typeof PendingInvitation>;

export interface LinkStore {
  /** Keeps an invitation's secrets until dropped; a store may let them lapse a while (days) after they expire. */
  saveInvitation(invitation: PendingInvitation): Promise<void>;
  /** The invitation of a connection, expired or not; undefined when there is none (never made, dropped, lapsed). */
  invitation(connectionId: string): Promise<PendingInvitation | undefined>;
  /** Marks the invitation used; true for exactly one caller, even when two handshakes race. */
  claimInvitation(connectionId: string): Promise<boolean>;
  /** Forgets the invitation's secrets (the claim stays). */
  dropInvitation(connectionId: string): Promise<void>;
  /** Unix ms of the connection's last state change, made here or learnt from the partner. */
  stateChangedAt(connectionId: string): Promise<number | undefined>;
  setStateChangedAt(connectionId: string, at: number): Promise<void>;
  /** Removes everything this store holds for the connection. */
  forget(connectionId: string): Promise<void>;
}
