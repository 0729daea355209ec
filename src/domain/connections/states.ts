/**
 * The life of a connection. `draft`: created, being configured, nothing syncs (an invited connection is
 * draft and "awaiting partner" until the handshake links it). `running`: changes flow. `paused`: changes
 * are held and flow again on resume. `stopped`: the sync is off, e.g. for a migration; starting it again
 * is followed by a resync.
 */

/** The four states, as the connection summary stores them. */
export const CONNECTION_STATES = ['draft', 'running', 'paused', 'stopped'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** What a connection's partner fields hold until the handshake names the partner. */
export const PENDING_PARTNER = 'pending';
/** The partner site of a same-site connection, as the sync configuration names it (`partner.site`). */
export const SAME_SITE = 'same';

/** Which state a state may move to. Nothing goes back to draft; delete is not a state. */
export const TRANSITIONS: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  draft: ['running'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
  stopped: ['running'],
};

export type TransitionCheck = { ok: true; changes: boolean } | { ok: false; message: string };

/**
 * Whether an admin may move a connection from one state to another. Asking for the current state is
 * allowed and changes nothing (the partner is told again, which mends a side that missed a message).
 */
export function checkTransition(from: ConnectionState, to: ConnectionState, linked: boolean): TransitionCheck {
  if (from === to) return { ok: true, changes: false };
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    return { ok: false, message: `A ${from} connection cannot become ${to}; it can become ${allowed.join(' or ')}.` };
  }
  if (to === 'running' && !linked) return { ok: false, message: 'This connection is still waiting for its partner to accept the invitation; it can start once they have.' };
  return { ok: true, changes: true };
}

/** True for a connection whose invitation has not been accepted yet. */
export const isAwaitingPartner = (summary: { partnerSite: string; partnerProject: string }): boolean =>
  summary.partnerSite === PENDING_PARTNER && summary.partnerProject === PENDING_PARTNER;
