/** The connection use cases' ports, wired to Forge: KVS stores, partner fetch, the cleanup queue, this site. */
import { badInput } from '../../domain/errors';
import type { ConnectionsDeps } from '../../engine/connections/deps';
import type { ConnectionDirectory } from '../../ports/connections';
import { forgeCleanupQueue } from './cleanup-queue';
import { kvsClaims } from './kvs-claims';
import { kvsConnectionData } from './kvs-connection-data';
import { kvsConnections } from './kvs-connections';
import { kvsAudit, kvsHealth } from './kvs-health';
import { kvsLinks } from './kvs-links';
import { kvsPairs } from './kvs-pairs';
import { forgeLocalSite } from './local-site';
import { checkPartnerInboxUrl, partnerFetch } from './partner-fetch';

/** The directory, refusing to store a partner inbox that is not a partner web trigger (the URL came from a stranger's code or request). */
const checkedConnections: ConnectionDirectory = {
  ...kvsConnections,
  async save(summary, credentials) {
    if (credentials?.partnerInboxUrl) {
      try {
        await checkPartnerInboxUrl(credentials.partnerInboxUrl);
      } catch (error) {
        throw badInput(error instanceof Error ? error.message : String(error));
      }
    }
    return kvsConnections.save(summary, credentials);
  },
};

/** `installContext` comes from the invocation's context, which Forge sets (never from the browser's payload). */
export function forgeConnectionsDeps(installContext: unknown): ConnectionsDeps {
  let site: ReturnType<ConnectionsDeps['localSite']> | undefined;
  return {
    connections: checkedConnections,
    links: kvsLinks,
    partner: partnerFetch,
    pairs: kvsPairs,
    health: kvsHealth,
    audit: kvsAudit,
    cleanup: forgeCleanupQueue,
    claims: kvsClaims,
    data: kvsConnectionData,
    // Looked up once per invocation, and only by the steps that need it.
    localSite: () => (site ??= forgeLocalSite(installContext)),
    now: Date.now,
  };
}
