/**
 * PairStore over Forge custom entities: one `pair` entity per pair, keyed `<connectionId>:<localIssueId>`,
 * read by key for the local issue and through the `by-partner` and `by-status` indexes otherwise
 * (declared in manifest.yml; why entities and not Forge SQL: docs/decisions/0008-pairs-in-custom-entities.md).
 */
import { randomBytes } from 'node:crypto';
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, type BatchItemError, type ListResult } from '@forge/kvs';
import { z } from 'zod';
import { Pair, applyPatch, pageLimit, validPair, type PairPatch, type PairStore } from '../../ports/pairs';

export const PAIR_ENTITY = 'pair';
const INDEX = { connection: 'by-connection', partner: 'by-partner', status: 'by-status' } as const;
type IndexName = (typeof INDEX)[keyof typeof INDEX];

/** Forge's largest query page and batch ([query], [batch] in sandbox/forge/kvs/limits.ts). */
const FORGE_PAGE = 100;
const FORGE_BATCH = 25;
const UPDATE_ATTEMPTS = 5;
/** Connection ids go into entity keys, so only characters Forge keys allow; 400 keeps the key under 500. */
const STORABLE_CONNECTION_ID = /^[A-Za-z0-9:._#-]{1,400}$/;
const ISSUE_ID = /^\d{1,18}$/;

/** Fields that may be null or blank live in one `any` attribute: Forge's typed attributes refuse both. */
const Details = Pair.pick({ localIssueKey: true, partnerIssueKey: true, firstSyncAt: true, lastSentAt: true, lastReceivedAt: true, lastError: true });
const StoredPair = Pair.pick({ connectionId: true, localIssueId: true, partnerIssueId: true, status: true }).extend({
  localOrder: z.string(),
  rev: z.string(),
  details: Details,
});
type StoredPair = z.infer<typeof StoredPair>;

const pairs = () => kvs.entity<StoredPair>(PAIR_ENTITY);

export const kvsPairs: PairStore = {
  async put(pair) {
    const valid = validPair(pair);
    await pairs().set(keyFor(valid), toRecord(valid));
  },

  async putMany(many) {
    // Every pair is checked (and keyed) before any is written; a later pair for the same issue wins, as with `put`.
    const latest = new Map(many.map(validPair).map((p) => [keyFor(p), p] as const));
    const items = [...latest].map(([key, p]) => ({ key, value: toRecord(p), entityName: PAIR_ENTITY }));
    for (const chunk of chunksOf(items, FORGE_BATCH)) {
      const result = await kvs.batchSet(chunk);
      if (result.failedKeys.length > 0) throw batchError('store', result.failedKeys);
    }
  },

  async byLocal(connectionId, localIssueId) {
    const key = keyOf(connectionId, localIssueId);
    return key === undefined ? undefined : (await readByKey(key))?.pair;
  },

  async byPartner(connectionId, partnerIssueId) {
    if (!STORABLE_CONNECTION_ID.test(connectionId)) return undefined;
    let cursor: string | undefined;
    do {
      const page = await queryPage(INDEX.partner, [connectionId, partnerIssueId], FORGE_PAGE, cursor);
      for (const item of page.results) {
        const found = readRecord(item.key, item.value);
        if (found) return found.pair;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return undefined;
  },

  async update(connectionId, localIssueId, patch) {
    const key = keyOf(connectionId, localIssueId);
    if (key === undefined) return undefined;
    for (let attempt = 1; ; attempt++) {
      const current = await readByKey(key);
      if (!current) return undefined;
      const updated = validPair(applyPatch(current.pair, patch));
      try {
        // Written only if no one wrote the pair since we read it, so concurrent updates never undo each other.
        const unchanged = new Filter<StoredPair>().and('rev', FilterConditions.equalTo(current.rev));
        await kvs.transact().set(key, toRecord(updated), { entityName: PAIR_ENTITY, conditions: unchanged }).execute();
        return updated;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (attempt >= UPDATE_ATTEMPTS) throw new Error(`Pair ${key} kept changing while being updated; gave up after ${attempt} attempts`, { cause: error });
      }
    }
  },

  async list(connectionId, options = {}) {
    let remaining = pageLimit(options.limit);
    if (!STORABLE_CONNECTION_ID.test(connectionId)) return { pairs: [] };
    const [index, partition] = options.status === undefined ? [INDEX.connection, [connectionId]] : [INDEX.status, [connectionId, options.status]];
    const out: Pair[] = [];
    let cursor = options.cursor;
    // A Forge page holds at most 100 and may come back short, so one page of ours can take several queries.
    do {
      const page = await queryPage(index, partition, Math.min(remaining, FORGE_PAGE), cursor);
      for (const item of page.results) {
        const found = readRecord(item.key, item.value);
        if (found) out.push(found.pair);
      }
      remaining -= page.results.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined && remaining > 0);
    return { pairs: out, ...(cursor === undefined ? {} : { cursor }) };
  },

  async remove(connectionId, localIssueId) {
    const key = keyOf(connectionId, localIssueId);
    if (key !== undefined) await pairs().delete(key);
  },

  async removeSome(connectionId, limit) {
    let remaining = pageLimit(limit);
    if (!STORABLE_CONNECTION_ID.test(connectionId)) return 0;
    let removed = 0;
    while (remaining > 0) {
      // Always the first page: what we delete leaves the index, so no cursor is needed.
      const page = await queryPage(INDEX.connection, [connectionId], Math.min(remaining, FORGE_PAGE));
      if (page.results.length === 0) break;
      const gone = await deleteKeys(page.results.map((item) => item.key));
      removed += gone;
      remaining -= page.results.length;
      // Forge's index reads are eventually consistent: a round that removed nothing ends the call rather than spin.
      if (gone === 0) break;
    }
    return removed;
  },
};

/** The entity key of a pair about to be written; refuses a connection id that cannot be part of a Forge key. */
function keyFor(pair: Pair): string {
  const key = keyOf(pair.connectionId, pair.localIssueId);
  if (key === undefined) throw new Error(`Refusing pair of connection "${pair.connectionId}": a connection id must be 1 to 400 of A-Z a-z 0-9 : . _ # - to be part of a Forge entity key`);
  return key;
}

/** The entity key for these ids, or undefined when no stored pair can have them. */
function keyOf(connectionId: string, localIssueId: string): string | undefined {
  return STORABLE_CONNECTION_ID.test(connectionId) && ISSUE_ID.test(localIssueId) ? `${connectionId}:${localIssueId}` : undefined;
}

function toRecord(pair: Pair): StoredPair {
  const { connectionId, localIssueId, partnerIssueId, status, ...details } = pair;
  // Zero-padded to 18 digits so that string order is numeric order: Forge integers are 32-bit, issue ids run to 18 digits.
  const localOrder = localIssueId.padStart(18, '0');
  // A fresh token on every write lets `update` detect that someone else wrote in between.
  const rev = randomBytes(9).toString('base64url');
  return { connectionId, localIssueId, partnerIssueId, status, localOrder, rev, details };
}

/** A stored record as a pair (and its write token); one this version cannot read is skipped with a log line. */
function readRecord(key: string, value: unknown): { pair: Pair; rev: string } | undefined {
  const parsed = StoredPair.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.warn(`Skipping unreadable pair record ${key}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    return undefined;
  }
  const { localOrder: _order, rev, details, ...ids } = parsed.data;
  return { pair: { ...ids, ...details }, rev };
}

async function readByKey(key: string): Promise<{ pair: Pair; rev: string } | undefined> {
  const value = await pairs().get(key);
  return value === undefined ? undefined : readRecord(key, value);
}

async function queryPage(index: IndexName, partition: string[], limit: number, cursor?: string): Promise<ListResult<StoredPair>> {
  let query = pairs().query().index(index, { partition }).limit(limit);
  if (cursor !== undefined) query = query.cursor(cursor);
  return query.getMany();
}

/** Deletes entities in batches; returns how many existed. A key already gone is not an error. */
async function deleteKeys(keys: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const chunk of chunksOf(keys, FORGE_BATCH)) {
    const result = await kvs.batchDelete(chunk.map((key) => ({ key, entityName: PAIR_ENTITY })));
    const failed = result.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failed.length > 0) throw batchError('delete', failed);
    deleted += result.successfulKeys.length;
  }
  return deleted;
}

function batchError(verb: string, failed: readonly BatchItemError[]): Error {
  const sample = failed.slice(0, 3).map((f) => `${f.key} (${f.error.code}: ${f.error.message})`).join('; ');
  return new Error(`Forge could not ${verb} ${failed.length} pair record(s): ${sample}${failed.length > 3 ? '; …' : ''}`);
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && error.code === 'CONDITIONAL_CHECK_FAILED';
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

