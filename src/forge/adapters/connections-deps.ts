/** The connection use cases' ports, wired to Forge: KVS stores, partner fetch, the cleanup queue, this site. */
import type { ConnectionsDeps } from '../../engine/connections/deps';
import { forgeCleanupQueue } from './cleanup-queue';
import { kvsConnections } from './kvs-connections';
import { kvsAudit, kvsHealth } from './kvs-health';
import { kvsLinks } from './kvs-links';
import { kvsPairs } from './kvs-pairs';
import { forgeLocalSite } from './local-site';
import { partnerFetch } from './partner-fetch';

/** `installContext` comes from the invocation's context, which Forge sets (never from the browser's payload). */
export function forgeConnectionsDeps(installContext: unknown): ConnectionsDeps {
  let site: ReturnType<ConnectionsDeps['localSite']> | undefined;
  return {
    connections: kvsConnections,
    links: kvsLinks,
    partner: partnerFetch,
    pairs: kvsPairs,
    health: kvsHealth,
    audit: kvsAudit,
    cleanup: forgeCleanupQueue,
    // Looked up once per invocation, and only by the steps that need it.
    localSite: () => (site ??= forgeLocalSite(installContext)),
    now: Date.now,
  };
}
