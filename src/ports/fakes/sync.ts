/** In-memory SyncState for the engine's unit tests. */
import type { FieldStamp } from '../../domain/sync/conflict';
import type { SyncMessage } from '../../domain/sync/message';
import type { ObjectKind, ParkedMessage, SyncState } from '../sync';

export class MemorySyncState implements SyncState {
  private readonly seqs = new Map<string, number>();
  readonly outgoing = new Map<string, SyncMessage>();
  readonly incoming = new Map<string, SyncMessage>();
  private readonly applied = new Map<string, number>();
  private readonly locks = new Set<string>();
  private readonly stampsOf = new Map<string, Record<string, FieldStamp>>();
  private readonly objects = new Map<string, string>();
  readonly parked = new Map<string, ParkedMessage>();

  async nextSeq(c: string, issue: string): Promise<number> {
    const n = (this.seqs.get(`${c}:${issue}`) ?? 0) + 1;
    this.seqs.set(`${c}:${issue}`, n);
    return n;
  }
  async putOutgoing(c: string, m: SyncMessage): Promise<void> { this.outgoing.set(`${c}:${m.messageId}`, structuredClone(m)); }
  async getOutgoing(c: string, id: string): Promise<SyncMessage | undefined> { return structuredClone(this.outgoing.get(`${c}:${id}`)); }
  async removeOutgoing(c: string, id: string): Promise<void> { this.outgoing.delete(`${c}:${id}`); }
  private readonly gaps = new Map<string, number>();
  private readonly cursors = new Map<string, number>();
  private readonly sweeps = new Map<string, string>();
  async catchUpCursor(c: string): Promise<number | undefined> { return this.cursors.get(c); }
  async setCatchUpCursor(c: string, at: number): Promise<void> { this.cursors.set(c, at); }
  async sweepCursor(c: string): Promise<string | undefined> { return this.sweeps.get(c); }
  async setSweepCursor(c: string, cursor: string | undefined): Promise<void> { if (cursor === undefined) this.sweeps.delete(c); else this.sweeps.set(c, cursor); }
  async hasIncomingAfter(c: string, origin: string, seq: number): Promise<boolean> {
    return [...this.incoming.values()].some((m) => m.connectionId === c && m.origin.issueId === origin && m.seq > seq);
  }
  async gapSince(c: string, origin: string, seq: number, now: number): Promise<number> {
    const k = `${c}:${origin}:${seq}`;
    if (!this.gaps.has(k)) this.gaps.set(k, now);
    return this.gaps.get(k)!;
  }
  readonly deferred = new Map<string, unknown>();
  async putDeferredEvent(id: string, event: unknown): Promise<void> { this.deferred.set(id, structuredClone(event)); }
  async getDeferredEvent(id: string): Promise<unknown> { return structuredClone(this.deferred.get(id)); }
  async removeDeferredEvent(id: string): Promise<void> { this.deferred.delete(id); }
  async pendingDeferredEvents(limit: number): Promise<string[]> { return [...this.deferred.keys()].slice(0, limit); }
  async pendingOutgoing(limit: number) { return [...this.outgoing].slice(0, limit).map(([k, message]) => ({ connectionId: k.slice(0, k.lastIndexOf(`:${message.messageId}`)), message: structuredClone(message) })); }
  async pendingIncoming(limit: number) { return [...this.incoming.values()].slice(0, limit).map((message) => ({ connectionId: message.connectionId, message: structuredClone(message) })); }

  async putIncoming(m: SyncMessage): Promise<'new' | 'duplicate'> {
    const k = `${m.connectionId}:${m.origin.issueId}:${m.seq}`;
    if (this.incoming.has(k) || m.seq <= (this.applied.get(`${m.connectionId}:${m.origin.issueId}`) ?? 0)) return 'duplicate';
    this.incoming.set(k, structuredClone(m));
    return 'new';
  }
  async getIncoming(c: string, origin: string, seq: number): Promise<SyncMessage | undefined> { return structuredClone(this.incoming.get(`${c}:${origin}:${seq}`)); }
  async removeIncoming(c: string, origin: string, seq: number): Promise<void> { this.incoming.delete(`${c}:${origin}:${seq}`); }
  async lastApplied(c: string, origin: string): Promise<number> { return this.applied.get(`${c}:${origin}`) ?? 0; }
  async setLastApplied(c: string, origin: string, seq: number): Promise<void> { this.applied.set(`${c}:${origin}`, seq); }

  async tryLock(c: string, origin: string): Promise<boolean> {
    const k = `${c}:${origin}`;
    if (this.locks.has(k)) return false;
    this.locks.add(k);
    return true;
  }
  async unlock(c: string, origin: string): Promise<void> { this.locks.delete(`${c}:${origin}`); }

  async stamps(c: string, issue: string): Promise<Record<string, FieldStamp>> { return structuredClone(this.stampsOf.get(`${c}:${issue}`) ?? {}); }
  async setStamps(c: string, issue: string, s: Record<string, FieldStamp>): Promise<void> { this.stampsOf.set(`${c}:${issue}`, structuredClone(s)); }

  async putObjectPair(c: string, kind: ObjectKind, local: string, partner: string): Promise<void> {
    this.objects.set(`${c}:${kind}:l:${local}`, partner);
    this.objects.set(`${c}:${kind}:p:${partner}`, local);
  }
  async localObject(c: string, kind: ObjectKind, partner: string): Promise<string | undefined> { return this.objects.get(`${c}:${kind}:p:${partner}`); }
  async partnerObject(c: string, kind: ObjectKind, local: string): Promise<string | undefined> { return this.objects.get(`${c}:${kind}:l:${local}`); }
  async removeObjectPair(c: string, kind: ObjectKind, local: string): Promise<void> {
    const partner = this.objects.get(`${c}:${kind}:l:${local}`);
    this.objects.delete(`${c}:${kind}:l:${local}`);
    if (partner) this.objects.delete(`${c}:${kind}:p:${partner}`);
  }

  private readonly attempts = new Map<string, { firstAttemptAt: string; attempts: number }>();
  async park(e: ParkedMessage): Promise<void> {
    const key = `${e.connectionId}:${e.direction}:${e.message.messageId}`;
    const before = this.attempts.get(key);
    this.attempts.delete(key);
    this.parked.set(key, structuredClone({ ...e, firstAttemptAt: before?.firstAttemptAt ?? e.at, attempts: (before?.attempts ?? 0) + 1 }));
  }
  async listParked(c: string): Promise<ParkedMessage[]> { return [...this.parked.values()].filter((p) => p.connectionId === c).map((p) => structuredClone(p)); }
  async getParked(c: string, d: 'out' | 'in', id: string): Promise<ParkedMessage | undefined> { return structuredClone(this.parked.get(`${c}:${d}:${id}`)); }
  async unpark(c: string, d: 'out' | 'in', id: string, retrying = false): Promise<void> {
    const key = `${c}:${d}:${id}`;
    const parked = this.parked.get(key);
    if (retrying && parked) this.attempts.set(key, { firstAttemptAt: parked.firstAttemptAt ?? parked.at, attempts: parked.attempts ?? 1 });
    else this.attempts.delete(key);
    this.parked.delete(key);
  }
  async isBlocked(c: string, origin: string): Promise<boolean> {
    return [...this.parked.values()].some((p) => p.direction === 'in' && p.connectionId === c && p.message.origin.issueId === origin);
  }
}
