/**
 * Sets up a running sync between two projects in the local runtime, as an admin would end up with it:
 * both sides' connection records and credentials, and a configuration suggested from each project's
 * own metadata (read through the app's Jira identity). Cross-site both sides share one connection id;
 * a same-site sync is two mirrored connections on one installation.
 */
import { randomBytes } from 'node:crypto';
import { webTrigger } from '@forge/api';
import type { ForgeRuntime } from '../forge/runtime';
import { suggestConfig } from '../../src/domain/config/suggest';
import { asApp } from '../../src/forge/adapters/jira-transport';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { metaOf } from '../../src/domain/config/catalog';
import { readProjectCatalog } from '../../src/jira/catalog';
import type { ConnectionSummary } from '../../src/ports/connections';

export interface SyncEnd {
  site: string;
  project: string;
}

export interface LinkedSync {
  /** The connection id on each end (equal cross-site). */
  a: string;
  b: string;
}

/** `configure: false` leaves both sides without a configuration (as a fresh invitation does); `state` defaults to running. */
export async function linkProjects(runtime: ForgeRuntime, id: string, a: SyncEnd, b: SyncEnd, options: { signingKey?: string; configure?: boolean; state?: ConnectionSummary['state'] } = {}): Promise<LinkedSync> {
  const sameSite = a.site === b.site;
  const ids = { a: id, b: sameSite ? `${id}-r` : id };
  const existing = await runtime.runAs(a.site, () => kvsConnections.signingKey(ids.a));
  const signingKey = options.signingKey ?? existing ?? randomBytes(32).toString('base64url');
  const metaA = await runtime.runAs(a.site, async () => metaOf(await readProjectCatalog(asApp(), a.project, 'same')));
  const metaB = await runtime.runAs(b.site, async () => metaOf(await readProjectCatalog(asApp(), b.project, 'same')));
  const inboxA = sameSite ? null : await runtime.runAs(a.site, () => webTrigger.getUrl('partner-inbox'));
  const inboxB = sameSite ? null : await runtime.runAs(b.site, () => webTrigger.getUrl('partner-inbox'));
  const side = async (end: SyncEnd, other: SyncEnd, myId: string, otherId: string, inbox: string | null, config: ReturnType<typeof suggestConfig>) => {
    await runtime.runAs(end.site, async () => {
      const kept = await kvsConnections.get(myId);
      const fresh: ConnectionSummary = { id: myId, localProjectKey: end.project, partnerSite: sameSite ? 'same' : other.site, partnerProject: other.project, state: options.state ?? 'running', pairs: 0, lastActivity: null, openErrors: 0 };
      // The sandbox names sites; their URLs (for links to partner issues) follow wherever the emulator listens now.
      const partnerSiteUrl = sameSite ? undefined : runtime.emulator.sites.get(other.site)?.baseUrl || undefined;
      const summary: ConnectionSummary = { ...(kept ?? fresh), ...(partnerSiteUrl ? { partnerSiteUrl } : {}) };
      await kvsConnections.save(summary, { signingKey, partnerInboxUrl: inbox, ...(sameSite ? { partnerConnectionId: otherId } : {}) });
      if (options.configure !== false && !(await kvsConnections.config(myId))) await kvsConnections.saveConfig(myId, config);
    });
  };
  await side(a, b, ids.a, ids.b, inboxB, suggestConfig(metaA, metaB, sameSite ? 'same' : b.site));
  await side(b, a, ids.b, ids.a, inboxA, suggestConfig(metaB, metaA, sameSite ? 'same' : a.site));
  return ids;
}
