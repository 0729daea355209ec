/**
 * IntentStore over Forge KVS: one record per intent under `intent:<connection>:<kind>:<id>`, written with
 * FAIL_IF_EXISTS (so a leftover is found by the write itself: a create costs one set and one delete, no
 * read) and a TTL (so an intent nobody ended goes away by itself).
 */
import { kvs } from '@forge/kvs';
import { CreateIntent, INTENT_TTL_DAYS, type IntentKind, type IntentStore } from '../../ports/intents';
import { allWithPrefix } from './kvs-prefix';

export const intentKey = (c: string, kind: IntentKind, id: string): string => `intent:${c}:${kind}:${id}`;

const TTL = { ttl: { value: INTENT_TTL_DAYS, unit: 'DAYS' } } as const;

function read(value: unknown): CreateIntent | undefined {
  const parsed = CreateIntent.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export const kvsIntents: IntentStore = {
  async begin(intent) {
    const key = intentKey(intent.connectionId, intent.kind, intent.id);
    // A second attempt only when the record vanished between the refused write and the read.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await kvs.set(key, CreateIntent.parse(intent), { keyPolicy: 'FAIL_IF_EXISTS', ...TTL });
        return undefined;
      } catch (error) {
        const there = await kvs.get(key);
        // A leftover this code cannot read still says a create may have happened: it counts as started now.
        if (there !== undefined) return read(there) ?? intent;
        if ((error as { code?: unknown }).code !== 'KEY_CONFLICT') throw error;
      }
    }
    throw new Error(`The intent ${key} could neither be written nor read`);
  },
  async renew(intent) {
    await kvs.set(intentKey(intent.connectionId, intent.kind, intent.id), CreateIntent.parse(intent), TTL);
  },
  async list(connectionId, kind) {
    return (await allWithPrefix(intentKey(connectionId, kind, ''))).flatMap((r) => read(r.value) ?? []);
  },
  async end(connectionId, kind, id) {
    await kvs.delete(intentKey(connectionId, kind, id));
  },
};
