/**
 * Jira metadata that changes rarely (who an email belongs to, the workflows), kept for a few minutes
 * per site so a burst of messages does not ask again for each one. A transport without a `site` is
 * never cached for: nothing says which site's answer it would be.
 */
import type { JiraTransport } from '../ports/jira';

export const META_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

interface Entry { value: unknown; expires: number }

/** Entries by `<site> <kind> <key>`; oldest dropped first once full. */
export class MetaCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now, private readonly ttlMs = META_TTL_MS, private readonly max = MAX_ENTRIES) {}

  /** The cached value, or the one `load` reads (then kept); nothing is kept for an uncacheable transport. */
  async get<V>(jira: JiraTransport, kind: string, key: string, load: () => Promise<V>): Promise<V> {
    if (!jira.site) return load();
    const id = `${jira.site} ${kind} ${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.expires > this.now()) return hit.value as V;
    const value = await load();
    this.entries.delete(id);
    this.entries.set(id, { value, expires: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets a site's entries of one kind: Jira refused something they said, so they may be stale. */
  invalidate(jira: JiraTransport, kind: string): void {
    if (!jira.site) return;
    const prefix = `${jira.site} ${kind} `;
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets everything, as a cold function instance starts. */
  clear(): void {
    this.entries.clear();
  }
}

/** The process's cache: on Forge a warm function instance keeps it between invocations. */
export const metaCache = new MetaCache();
