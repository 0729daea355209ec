/**
 * ConnectionData over Forge KVS: the per-connection key families of kvs-sync-state.ts and kvs-jobs.ts,
 * removed by prefix, and the list of connections from kvs-connections.ts's `connection-project:` index.
 * test/integration/data-protection.test.ts lists every key after a deletion, so a family added to those
 * stores and missing here fails there.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { CONNECTION_ID } from '../../domain/connections/keys';
import type { ConnectionData } from '../../ports/cleanup';
import { allWithPrefix } from './kvs-prefix';

/**
 * Key families holding one connection's data (`<family>:<connection id>:…`): sync state (gaps too), create intents
 * (kvs-intents.ts), jobs, the jobs' texts (TextName), and the replay claims of its partner requests
 * (kvs-claims.ts; they lapse on their own within minutes, removed here so a deletion is complete at once).
 */
const FAMILIES = [
  'out', 'in', 'inblob', 'parked', 'attempts', 'seq', 'seqclaim', 'applied', 'lock', 'stamps', 'obj', 'intent', 'gap',
  'job', 'job-open',
  'text:upload', 'text:preview', 'text:preview-pairs', 'text:work', 'text:report',
  'claim:replay',
] as const;

/** Single keys of one connection (`<name>:<connection id>`, no trailing part): as prefixes they would match `<id>-r` too. */
const SINGLES = ['catchup', 'sweep'] as const;

const PROJECT_INDEX = 'connection-project:';
/** Forge's largest query page, and most operations in one transaction. */
const PAGE = 100;
const TRANSACTION_MAX = 25;

export const kvsConnectionData: ConnectionData = {
  async removeSome(connectionId, limit) {
    // Ids are [A-Za-z0-9_-], so `<family>:<id>:` never prefixes another connection's keys.
    if (!CONNECTION_ID.test(connectionId)) return 0;
    let removed = 0;
    for (const name of SINGLES) {
      const key = `${name}:${connectionId}`;
      if (removed >= limit || (await kvs.get(key)) === undefined) continue;
      await kvs.delete(key);
      removed += 1;
    }
    for (const family of FAMILIES) {
      while (removed < limit) {
        // Always the first page: what is deleted leaves the listing, so no cursor is needed.
        const page = await kvs.query().where('key', WhereConditions.beginsWith(`${family}:${connectionId}:`)).limit(Math.min(PAGE, limit - removed)).getMany<unknown>();
        if (page.results.length === 0) break;
        await deleteKeys(page.results.map((r) => r.key));
        removed += page.results.length;
      }
      if (removed >= limit) break;
    }
    return removed;
  },
  async connectionIds() {
    return (await allWithPrefix(PROJECT_INDEX)).map((item) => item.key.slice(PROJECT_INDEX.length)).filter((id) => CONNECTION_ID.test(id));
  },
};

/** Deletes in transactions of at most 25; a key that expired meanwhile is fine. */
async function deleteKeys(keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += TRANSACTION_MAX) {
    const tx = kvs.transact();
    for (const key of keys.slice(i, i + TRANSACTION_MAX)) tx.delete(key);
    await tx.execute();
  }
}
