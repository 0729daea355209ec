/**
 * ConnectionDirectory over Forge KVS: summaries under `connection:<project>:<id>`, the partner's inbox URL
 * under `connection-endpoint:<id>`, signing keys in secret storage only: one secret per connection holding
 * its key ring (a plain key string, as first saved, until it is rotated), so a rotation step is one write.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { SyncConfig } from '../../domain/config/schema';
import { KeyRing, ringOf } from '../../domain/connections/key-ring';
import { ConnectionSummary, type ConnectionDirectory } from '../../ports/connections';
import { allWithPrefix } from './kvs-prefix';

export const connectionKey = (projectKey: string, id: string): string => `connection:${projectKey}:${id}`;
export const endpointKey = (id: string): string => `connection-endpoint:${id}`;
export const configKey = (id: string): string => `connection-config:${id}`;
/** Which project a connection belongs to, so it can be found by id alone. */
export const projectOfKey = (id: string): string => `connection-project:${id}`;
export const signingKeyKey = (id: string): string => `connection-signing-key:${id}`;

/** A key as first saved (a string) or a ring after a rotation. */
const StoredKeys = z.union([z.string().min(1).transform(ringOf), KeyRing]);

async function readRing(id: string): Promise<KeyRing | undefined> {
  const parsed = StoredKeys.safeParse(await kvs.getSecret(signingKeyKey(id)));
  // Never log the value: it is a secret.
  return parsed.success ? parsed.data : undefined;
}

const Endpoint = z.object({ partnerInboxUrl: z.url().nullable(), partnerConnectionId: z.string().min(1).optional() });

export const kvsConnections: ConnectionDirectory = {
  async listForProject(projectKey) {
    const out: ConnectionSummary[] = [];
    for (const item of await allWithPrefix(`connection:${projectKey}:`)) {
      const parsed = ConnectionSummary.safeParse(item.value);
      // A record this version cannot read is skipped with a log line, never shown half-parsed.
      if (parsed.success) out.push(parsed.data);
      else console.warn(`Skipping unreadable connection record ${item.key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return out;
  },
  async signingKey(id) {
    return (await readRing(id))?.current;
  },
  keyRing: readRing,
  async saveKeyRing(id, ring) {
    // Secrets cannot join a transaction: a ring is written only over an existing one, so a removed connection stays removed.
    if ((await readRing(id)) === undefined) return false;
    await kvs.setSecret(signingKeyKey(id), KeyRing.parse(ring));
    return true;
  },
  async partnerInboxUrl(id) {
    const parsed = Endpoint.safeParse(await kvs.get(endpointKey(id)));
    return parsed.success ? parsed.data.partnerInboxUrl : undefined;
  },
  async partnerConnectionId(id) {
    const parsed = Endpoint.safeParse(await kvs.get(endpointKey(id)));
    return parsed.success ? (parsed.data.partnerConnectionId ?? id) : undefined;
  },
  async save(summary, credentials) {
    const valid = ConnectionSummary.parse(summary);
    if (!credentials) {
      await kvs.transact().set(connectionKey(valid.localProjectKey, valid.id), valid).set(projectOfKey(valid.id), valid.localProjectKey).execute();
      return;
    }
    // Secrets cannot join a transaction, so the key goes first: a listed connection always has one.
    await kvs.setSecret(signingKeyKey(valid.id), credentials.signingKey);
    await kvs.transact()
      .set(connectionKey(valid.localProjectKey, valid.id), valid)
      .set(endpointKey(valid.id), { partnerInboxUrl: credentials.partnerInboxUrl, ...(credentials.partnerConnectionId ? { partnerConnectionId: credentials.partnerConnectionId } : {}) })
      .set(projectOfKey(valid.id), valid.localProjectKey)
      .execute();
  },
  async get(id) {
    const project = await kvs.get<string>(projectOfKey(id));
    if (typeof project !== 'string') return undefined;
    const parsed = ConnectionSummary.safeParse(await kvs.get(connectionKey(project, id)));
    return parsed.success ? parsed.data : undefined;
  },
  async config(id) {
    const raw = await kvs.get(configKey(id));
    if (raw === undefined) return undefined;
    const parsed = SyncConfig.safeParse(raw);
    if (!parsed.success) console.warn(`Ignoring unreadable configuration of ${id}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.success ? parsed.data : undefined;
  },
  async saveConfig(id, config) {
    await kvs.set(configKey(id), SyncConfig.parse(config));
  },
  async remove(id) {
    const project = await kvs.get<string>(projectOfKey(id));
    let tx = kvs.transact().delete(endpointKey(id)).delete(configKey(id)).delete(projectOfKey(id));
    if (typeof project === 'string') tx = tx.delete(connectionKey(project, id));
    await tx.execute();
    // The key goes last: a remove cut short leaves a key without records, and running remove again clears it.
    await kvs.deleteSecret(signingKeyKey(id));
  },
};
