/** Stored items, TTL expiry, and the `{ key, value, …metadata }` shape reads answer with. */
import type { MetadataField } from './schemas';

/** One stored value with its metadata; times are Unix milliseconds (Forge answers `createdAt` in ms, [kvs-api] example). */
export interface StoredItem {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** When the TTL runs out; absent = never. */
  expireAt?: number;
}

/** Whether an item is still there at `now`: an expired item reads as absent. */
export function isLive(item: StoredItem, now: number): boolean {
  return item.expireAt === undefined || item.expireAt > now;
}

/**
 * What a read returns for an item: key and value, plus only the metadata asked for
 * (`expireTime` as ISO-8601, and only when the item has a TTL).
 */
export function itemView(key: string, item: StoredItem, fields: readonly MetadataField[] | undefined): Record<string, unknown> {
  const view: Record<string, unknown> = { key, value: item.value };
  if (fields?.includes('CREATED_AT')) view['createdAt'] = item.createdAt;
  if (fields?.includes('UPDATED_AT')) view['updatedAt'] = item.updatedAt;
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== undefined) view['expireTime'] = new Date(item.expireAt).toISOString();
  return view;
}

/** One keyspace (the KVS, the secrets, or one custom entity); expired items are dropped when met. */
export class Namespace {
  private readonly items = new Map<string, StoredItem>();

  /** The live item under `key`, if any. */
  get(key: string, now: number): StoredItem | undefined {
    const item = this.items.get(key);
    if (item && !isLive(item, now)) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  /** Stores an item under `key`, replacing whatever was there. */
  set(key: string, item: StoredItem): void {
    this.items.set(key, item);
  }

  /** Removes a key; true if a live item was there. */
  delete(key: string, now: number): boolean {
    const live = this.get(key, now) !== undefined;
    this.items.delete(key);
    return live;
  }

  /** Every live item, in no particular order. */
  live(now: number): Array<[string, StoredItem]> {
    const out: Array<[string, StoredItem]> = [];
    for (const [key, item] of this.items) {
      if (isLive(item, now)) out.push([key, item]);
      else this.items.delete(key);
    }
    return out;
  }

  /** Drops everything (used when loading a file). */
  clear(): void {
    this.items.clear();
  }
}
