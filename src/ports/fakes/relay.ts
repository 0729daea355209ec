/** In-memory MessageStore and WorkQueue for the relay's unit tests. */
import type { ChangeNotice } from '../../domain/notices';
import type { QueueEnvelope } from '../../domain/messages';
import type { MessageStore, WorkQueue } from '../relay';

const id = (connectionId: string, messageId: string): string => `${connectionId}/${messageId}`;

export class MemoryMessages implements MessageStore {
  private readonly outgoing = new Map<string, ChangeNotice>();
  private readonly incoming = new Map<string, ChangeNotice>();
  private readonly parked = new Map<string, { notice: ChangeNotice; reason: string }>();

  async putOutgoing(notice: ChangeNotice): Promise<void> { this.outgoing.set(id(notice.connectionId, notice.messageId), structuredClone(notice)); }
  async getOutgoing(c: string, m: string): Promise<ChangeNotice | undefined> { const n = this.outgoing.get(id(c, m)); return n && structuredClone(n); }
  async removeOutgoing(c: string, m: string): Promise<void> { this.outgoing.delete(id(c, m)); }
  async park(notice: ChangeNotice, reason: string): Promise<void> { this.parked.set(id(notice.connectionId, notice.messageId), { notice: structuredClone(notice), reason }); }
  async listParked(c: string): Promise<Array<{ notice: ChangeNotice; reason: string }>> {
    return [...this.parked.values()].filter((p) => p.notice.connectionId === c).map((p) => structuredClone(p));
  }
  async recordIncoming(notice: ChangeNotice): Promise<'new' | 'duplicate'> {
    const k = id(notice.connectionId, notice.messageId);
    if (this.incoming.has(k)) return 'duplicate';
    this.incoming.set(k, structuredClone(notice));
    return 'new';
  }
  async getIncoming(c: string, m: string): Promise<ChangeNotice | undefined> { const n = this.incoming.get(id(c, m)); return n && structuredClone(n); }
}

export class MemoryQueue implements WorkQueue {
  readonly pushed: QueueEnvelope[] = [];
  async push(envelopes: QueueEnvelope[]): Promise<void> { this.pushed.push(...envelopes.map((e) => ({ ...e }))); }
}
