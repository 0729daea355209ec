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

/** How many derived values (distinct query shapes) one namespace keeps; the least recently used goes first. */
const MAX_DERIVED = 8;

/**
 * One keyspace (the KVS, the secrets, or one custom entity); expired items are dropped when met.
 *
 * Queries keep what they derive from the items (such as an index's sorted rows) through `derived`, so
 * paging does not rescan and resort the namespace for every page. Every change to the items — set,
 * delete, an expired item dropped, clear — drops everything derived.
 */
export class Namespace {
  private readonly items = new Map<string, StoredItem>();
  private readonly cache = new Map<string, { value: unknown }>();
  /** No item expires before this (a lower bound: an item that set it may since be gone). */
  private nextExpiry = Number.POSITIVE_INFINITY;

  /** The live item under `key`, if any. */
  get(key: string, now: number): StoredItem | undefined {
    const item = this.items.get(key);
    if (item && !isLive(item, now)) {
      this.items.delete(key);
      this.changed();
      return undefined;
    }
    return item;
  }

  /** Stores an item under `key`, replacing whatever was there. */
  set(key: string, item: StoredItem): void {
    this.items.set(key, item);
    if (item.expireAt !== undefined && item.expireAt < this.nextExpiry) this.nextExpiry = item.expireAt;
    this.changed();
  }

  /** Removes a key; true if a live item was there. */
  delete(key: string, now: number): boolean {
    const live = this.get(key, now) !== undefined;
    if (this.items.delete(key)) this.changed();
    return live;
  }

  /** Every live item, in no particular order. */
  live(now: number): Array<[string, StoredItem]> {
    const out: Array<[string, StoredItem]> = [];
    let dropped = false;
    let nextExpiry = Number.POSITIVE_INFINITY;
    for (const [key, item] of this.items) {
      if (isLive(item, now)) {
        out.push([key, item]);
        if (item.expireAt !== undefined && item.expireAt < nextExpiry) nextExpiry = item.expireAt;
      } else {
        this.items.delete(key);
        dropped = true;
      }
    }
    this.nextExpiry = nextExpiry;
    if (dropped) this.changed();
    return out;
  }

  /** Drops everything (used when loading a file). */
  clear(): void {
    this.items.clear();
    this.nextExpiry = Number.POSITIVE_INFINITY;
    this.changed();
  }

  /**
   * What `build` derives from the live items for one query shape: built on first use, then reused until
   * the items change. Like every query, it first drops the items expired at `now` — a change, so whatever
   * held them is rebuilt. One value per shape; at most `MAX_DERIVED` shapes are kept.
   */
  derived<T>(shape: string, now: number, build: (live: Array<[string, StoredItem]>) => T): T {
    let entry = this.cache.get(shape);
    if (entry === undefined || now >= this.nextExpiry) {
      const live = this.live(now);
      entry = this.cache.get(shape);
      if (entry === undefined) entry = { value: build(live) };
    }
    // (Re-)insert last: the map's order is least recently used first.
    this.cache.delete(shape);
    this.cache.set(shape, entry);
    if (this.cache.size > MAX_DERIVED) this.cache.delete(this.cache.keys().next().value as string);
    return entry.value as T;
  }

  /** Anything derived may now be wrong: drop it. */
  private changed(): void {
    if (this.cache.size > 0) this.cache.clear();
  }
}
