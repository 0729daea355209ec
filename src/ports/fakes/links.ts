/** In-memory LinkStore for tests and the engine's unit suites. */
import type { LinkStore, PendingInvitation } from '../links';

export class MemoryLinks implements LinkStore {
  private readonly invitations = new Map<string, PendingInvitation>();
  private readonly claims = new Set<string>();
  private readonly stamps = new Map<string, number>();

  async saveInvitation(invitation: PendingInvitation): Promise<void> {
    this.invitations.set(invitation.connectionId, { ...invitation });
  }

  async invitation(connectionId: string): Promise<PendingInvitation | undefined> {
    const found = this.invitations.get(connectionId);
    return found && { ...found };
  }

  async claimInvitation(connectionId: string): Promise<boolean> {
    if (this.claims.has(connectionId)) return false;
    this.claims.add(connectionId);
    return true;
  }

  async dropInvitation(connectionId: string): Promise<void> {
    this.invitations.delete(connectionId);
  }

  async stateChangedAt(connectionId: string): Promise<number | undefined> {
    return this.stamps.get(connectionId);
  }

  async setStateChangedAt(connectionId: string, at: number): Promise<void> {
    this.stamps.set(connectionId, at);
  }

  async forget(connectionId: string): Promise<void> {
    this.invitations.delete(connectionId);
    this.claims.delete(connectionId);
    this.stamps.delete(connectionId);
  }
}
