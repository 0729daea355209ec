/** MessageStore over Forge KVS: `outbox:`, `inbox:` and `parked:` records keyed by connection and message id. */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { ChangeNotice } from '../../domain/notices';
import type { MessageStore } from '../../ports/relay';
import { allWithPrefix } from './kvs-prefix';

const key = (kind: 'outbox' | 'inbox' | 'parked', connectionId: string, messageId: string): string => `${kind}:${connectionId}:${messageId}`;
const Parked = z.object({ notice: ChangeNotice, reason: z.string() });

/** Reads a stored record; one this version cannot read counts as absent, with a log line. */
function read<T>(schema: z.ZodType<T>, value: unknown, where: string): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) console.warn(`Ignoring unreadable record ${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? parsed.data : undefined;
}

export const kvsMessages: MessageStore = {
  async putOutgoing(notice) {
    await kvs.set(key('outbox', notice.connectionId, notice.messageId), notice);
  },
  async getOutgoing(c, m) {
    const k = key('outbox', c, m);
    return read(ChangeNotice, await kvs.get(k), k);
  },
  async removeOutgoing(c, m) {
    await kvs.delete(key('outbox', c, m));
  },
  async park(notice, reason) {
    await kvs.set(key('parked', notice.connectionId, notice.messageId), { notice, reason });
  },
  async listParked(c) {
    const out: Array<{ notice: ChangeNotice; reason: string }> = [];
    for (const item of await allWithPrefix(`parked:${c}:`)) {
      const p = read(Parked, item.value, item.key);
      if (p) out.push(p);
    }
    return out;
  },
  async recordIncoming(notice) {
    const k = key('inbox', notice.connectionId, notice.messageId);
    try {
      // FAIL_IF_EXISTS makes "first delivery wins" atomic, even when two deliveries race.
      await kvs.set(k, notice, { keyPolicy: 'FAIL_IF_EXISTS' });
      return 'new';
    } catch (error) {
      if ((await kvs.get(k)) !== undefined) return 'duplicate';
      throw error;
    }
  },
  async getIncoming(c, m) {
    const k = key('inbox', c, m);
    return read(ChangeNotice, await kvs.get(k), k);
  },
};
