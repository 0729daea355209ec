/**
 * SyncState over Forge KVS. Keys (connection ids are [A-Za-z0-9_-], issue ids digits, so no escaping):
 * seq:<c>:<issue> (hint) + seqclaim:<c>:<issue>:<n> (the claim that makes a number unique),
 * out:<c>:<messageId>, in:<c>:<origin>:<seq> (+ inblob:…:<i> for carried files), applied:<c>:<origin>,
 * lock:<c>:<origin>, stamps:<c>:<issue>, deferred:<id> (a product event whose capture waits for a retry), gap:<c>:<origin>:<seq> (when a missing message was first missed), catchup:<c> (the catch-up sweep's cursor), obj:<c>:<kind>:l|p:<id>, parked:<c>:<in|out>:<messageId>, attempts:<c>:<in|out>:<messageId> (a retried message's count, 30 days).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { SyncMessage } from '../../domain/sync/message';
import type { FieldStamp } from '../../domain/sync/conflict';
import type { ObjectKind, ParkedMessage, SyncState } from '../../ports/sync';
import { allWithPrefix } from './kvs-prefix';

/** A claimed sequence number outlives any lag of the hint by far; claims then expire on their own. */
const CLAIM_TTL = { value: 30, unit: 'DAYS' } as const;
/** A gap is decided within the hour; its first sighting need not outlive a day. */
const GAP_TTL = { value: 1, unit: 'DAYS' } as const;
/** Carried files are split so every record stays under Forge's 240 KiB value limit. */
const CHUNK_CHARS = 180_000;

const Stamps = z.record(z.string(), z.object({ changedAt: z.number(), site: z.string(), link: z.object({ type: z.string(), outward: z.string() }).optional() }));
const Parked = z.object({ connectionId: z.string(), direction: z.enum(['in', 'out']), message: SyncMessage, reason: z.string(), at: z.string(), firstAttemptAt: z.string().optional(), attempts: z.number().int().positive().optional() });
const Attempts = z.object({ firstAttemptAt: z.string(), attempts: z.number().int().positive() });
/** How long a retried message's attempt count waits for it to fail again. */
const ATTEMPTS_TTL = { value: 30, unit: 'DAYS' } as const;
const Stored = SyncMessage.and(z.object({ chunks: z.number().int().positive().optional() }));

function read<T>(schema: z.ZodType<T>, value: unknown, where: string): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) console.warn(`Ignoring unreadable record ${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? parsed.data : undefined;
}

/** Sets a key only if it does not exist; false when it does (Forge answers KEY_CONFLICT). */
async function claim(key: string, value: unknown, ttl?: { value: number; unit: 'SECONDS' | 'DAYS' }): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...(ttl ? { ttl } : {}) });
    return true;
  } catch (error) {
    if ((await kvs.get(key)) !== undefined) return false;
    throw error;
  }
}

const inKey = (c: string, origin: string, seq: number) => `in:${c}:${origin}:${seq}`;

/** Up to `limit` stored messages under `out:` or `in:`, with the connection their key names (`<prefix><connection>:…`). */
async function pending(prefix: 'out:' | 'in:', limit: number): Promise<Array<{ connectionId: string; message: SyncMessage }>> {
  return (await allWithPrefix(prefix, limit)).flatMap((item) => {
    // Carried files stay out: the sweep only needs the message's identity and time.
    const stored = read(Stored, item.value, item.key);
    if (!stored) return [];
    const { chunks: _, ...message } = stored;
    return [{ connectionId: item.key.split(':')[1]!, message }];
  });
}

export const kvsSyncState: SyncState = {
  async nextSeq(c, issue) {
    const hintKey = `seq:${c}:${issue}`;
    let n = (Number(await kvs.get(hintKey)) || 0) + 1;
    while (!(await claim(`seqclaim:${c}:${issue}:${n}`, 1, CLAIM_TTL))) n++;
    // Racing writers may leave the hint behind: callers skip claimed numbers, and the highest hint is put back here.
    let written = n;
    let previous = Number((await kvs.set<number>(hintKey, written, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }))?.value) || 0;
    while (previous > written) {
      written = previous;
      previous = Number((await kvs.set<number>(hintKey, written, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }))?.value) || 0;
    }
    return n;
  },

  async putOutgoing(c, m) { await kvs.set(`out:${c}:${m.messageId}`, m); },
  async getOutgoing(c, id) { const k = `out:${c}:${id}`; return read(SyncMessage, await kvs.get(k), k); },
  async removeOutgoing(c, id) { await kvs.delete(`out:${c}:${id}`); },
  // An event no retry could capture in 30 days is stale: the catch-up sweep has carried its change meanwhile.
  async putDeferredEvent(id, event) { await kvs.set(`deferred:${id}`, event, { ttl: { value: 30, unit: 'DAYS' } }); },
  async getDeferredEvent(id) { return kvs.get(`deferred:${id}`); },
  async removeDeferredEvent(id) { await kvs.delete(`deferred:${id}`); },
  async pendingDeferredEvents(limit) { return (await allWithPrefix('deferred:', limit)).map((r) => r.key.slice('deferred:'.length)); },
  async pendingOutgoing(limit) { return pending('out:', limit); },
  async pendingIncoming(limit) { return pending('in:', limit); },

  async putIncoming(m) {
    const c = m.connectionId;
    if (m.seq <= (await this.lastApplied(c, m.origin.issueId))) return 'duplicate';
    let record: unknown = m;
    if (m.change.kind === 'attachment' && (m.change.contentBase64?.length ?? 0) > CHUNK_CHARS) {
      const content = m.change.contentBase64!;
      const chunks = Math.ceil(content.length / CHUNK_CHARS);
      for (let i = 0; i < chunks; i++) await kvs.set(`inblob:${c}:${m.origin.issueId}:${m.seq}:${i}`, content.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS));
      const { contentBase64: _, ...rest } = m.change;
      record = { ...m, change: rest, chunks };
    }
    return (await claim(inKey(c, m.origin.issueId, m.seq), record)) ? 'new' : 'duplicate';
  },
  async getIncoming(c, origin, seq) {
    const k = inKey(c, origin, seq);
    const stored = read(Stored, await kvs.get(k), k);
    if (!stored) return undefined;
    const { chunks, ...message } = stored;
    if (!chunks || message.change.kind !== 'attachment') return message;
    const parts: string[] = [];
    for (let i = 0; i < chunks; i++) parts.push(String(await kvs.get(`inblob:${c}:${origin}:${seq}:${i}`) ?? ''));
    return { ...message, change: { ...message.change, contentBase64: parts.join('') } };
  },
  async removeIncoming(c, origin, seq) {
    const stored = read(Stored, await kvs.get(inKey(c, origin, seq)), inKey(c, origin, seq));
    for (let i = 0; i < (stored?.chunks ?? 0); i++) await kvs.delete(`inblob:${c}:${origin}:${seq}:${i}`);
    await kvs.delete(inKey(c, origin, seq));
  },
  async catchUpCursor(c) { const v = await kvs.get(`catchup:${c}`); return typeof v === 'number' ? v : undefined; },
  async setCatchUpCursor(c, at) { await kvs.set(`catchup:${c}`, at); },
  async sweepCursor(c) { const v = await kvs.get(`sweep:${c}`); return typeof v === 'string' ? v : undefined; },
  async setSweepCursor(c, cursor) { if (cursor === undefined) await kvs.delete(`sweep:${c}`); else await kvs.set(`sweep:${c}`, cursor); },
  async hasIncomingAfter(c, origin, seq) {
    // Keys sort as text, so read the issue's few waiting messages and compare numbers.
    const page = await kvs.query().where('key', WhereConditions.beginsWith(`in:${c}:${origin}:`)).limit(20).getMany();
    return page.results.some((r) => Number(r.key.slice(r.key.lastIndexOf(':') + 1)) > seq);
  },
  async gapSince(c, origin, seq, now) {
    const k = `gap:${c}:${origin}:${seq}`;
    if (await claim(k, now, GAP_TTL)) return now;
    return Number(await kvs.get(k)) || now;
  },
  async lastApplied(c, origin) { return Number(await kvs.get(`applied:${c}:${origin}`)) || 0; },
  async setLastApplied(c, origin, seq) { await kvs.set(`applied:${c}:${origin}`, seq); },

  async tryLock(c, origin, ttlSeconds) { return claim(`lock:${c}:${origin}`, Date.now(), { value: ttlSeconds, unit: 'SECONDS' }); },
  async unlock(c, origin) { await kvs.delete(`lock:${c}:${origin}`); },

  async stamps(c, issue) { const k = `stamps:${c}:${issue}`; return (read(Stamps, await kvs.get(k), k) ?? {}) as Record<string, FieldStamp>; },
  async setStamps(c, issue, stamps) { await kvs.set(`stamps:${c}:${issue}`, stamps); },

  async putObjectPair(c, kind: ObjectKind, local, partner) {
    await kvs.transact().set(`obj:${c}:${kind}:l:${local}`, partner).set(`obj:${c}:${kind}:p:${partner}`, local).execute();
  },
  async localObject(c, kind, partner) { const v = await kvs.get(`obj:${c}:${kind}:p:${partner}`); return typeof v === 'string' ? v : undefined; },
  async partnerObject(c, kind, local) { const v = await kvs.get(`obj:${c}:${kind}:l:${local}`); return typeof v === 'string' ? v : undefined; },
  async removeObjectPair(c, kind, local) {
    const partner = await this.partnerObject(c, kind, local);
    await kvs.delete(`obj:${c}:${kind}:l:${local}`);
    if (partner) await kvs.delete(`obj:${c}:${kind}:p:${partner}`);
  },

  async park(e: ParkedMessage) {
    const id = `${e.connectionId}:${e.direction}:${e.message.messageId}`;
    const before = read(Attempts, await kvs.get(`attempts:${id}`), `attempts:${id}`);
    await kvs.set(`parked:${id}`, { ...e, firstAttemptAt: before?.firstAttemptAt ?? e.at, attempts: (before?.attempts ?? 0) + 1 });
    if (before) await kvs.delete(`attempts:${id}`);
  },
  async listParked(c) {
    return (await allWithPrefix(`parked:${c}:`)).flatMap((item) => { const p = read(Parked, item.value, item.key); return p ? [p] : []; });
  },
  async getParked(c, d, id) { const k = `parked:${c}:${d}:${id}`; return read(Parked, await kvs.get(k), k); },
  async unpark(c, d, id, retrying = false) {
    const parked = retrying ? await this.getParked(c, d, id) : undefined;
    if (parked) await kvs.set(`attempts:${c}:${d}:${id}`, { firstAttemptAt: parked.firstAttemptAt ?? parked.at, attempts: parked.attempts ?? 1 }, { ttl: ATTEMPTS_TTL });
    else await kvs.delete(`attempts:${c}:${d}:${id}`);
    await kvs.delete(`parked:${c}:${d}:${id}`);
  },
  async isBlocked(c, origin) {
    // messageId is `<origin>-<seq>`, so one prefix finds an issue's parked incoming messages.
    const page = await kvs.query().where('key', WhereConditions.beginsWith(`parked:${c}:in:${origin}-`)).limit(1).getMany();
    return page.results.length > 0;
  },
};
