/** Resolvers of the Sync info issue panel. Every one starts by checking that the caller may browse the issue. */
// makeResolver, not the default export: Node's ESM loader (the sandbox) does not unwrap CommonJS defaults as bundlers do.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import { badInput, forbidden } from '../../domain/errors';
import { parseIssueKey, type IssueKey } from '../../domain/ids';
import { userHasIssuePermission } from '../../jira/permissions';
import { route } from '../../jira/route';
import type { ConnectionDirectory } from '../../ports/connections';
import type { JiraTransport } from '../../ports/jira';
import type { PairStore } from '../../ports/pairs';
import type { SyncState } from '../../ports/sync';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import { kvsPairs } from '../adapters/kvs-pairs';
import { kvsSyncState } from '../adapters/kvs-sync-state';
import { respond } from './respond';

export interface PanelDeps {
  asUser: JiraTransport;
  connections?: ConnectionDirectory;
  pairs?: PairStore;
  state?: SyncState;
}

const PanelContext = z.object({ extension: z.object({ issue: z.object({ key: z.string() }) }) });
const IssueRef = z.object({ id: z.string(), key: z.string(), fields: z.object({ project: z.object({ key: z.string() }) }) });

export async function requireBrowsableIssue(deps: PanelDeps, context: unknown): Promise<IssueKey> {
  const parsed = PanelContext.safeParse(context);
  const key = parsed.success ? parseIssueKey(parsed.data.extension.issue.key) : undefined;
  if (!key) throw badInput('Open the Sync info panel from an issue.');
  if (!(await userHasIssuePermission(deps.asUser, key, 'BROWSE_PROJECTS'))) throw forbidden('You do not have permission to see this issue.');
  return key;
}

export interface IssueSyncView {
  syncId: string;
  partnerKey: string | null;
  partnerUrl: string | null;
  status: 'up-to-date' | 'pending' | 'error';
  lastSent: string | null;
  lastReceived: string | null;
  lastError: string | null;
}

/** The panel's view of an issue: one entry per sync of its project that pairs it with a partner issue. */
export async function getIssueSync(deps: PanelDeps, context: unknown): Promise<{ issue: { key: string }; syncs: IssueSyncView[] }> {
  const key = await requireBrowsableIssue(deps, context);
  if (!deps.connections || !deps.pairs || !deps.state) return { issue: { key }, syncs: [] };
  // Read as the user: the id and project come from Jira, never from the browser.
  const res = await deps.asUser.requestJira(route`/rest/api/3/issue/${key}?fields=project`);
  const issue = IssueRef.safeParse(res.ok ? await res.json() : undefined);
  if (!issue.success) return { issue: { key }, syncs: [] };
  const syncs: IssueSyncView[] = [];
  for (const connection of await deps.connections.listForProject(issue.data.fields.project.key)) {
    const pair = await deps.pairs.byLocal(connection.id, issue.data.id);
    if (!pair) continue;
    const blocked = await deps.state.isBlocked(connection.id, pair.partnerIssueId);
    syncs.push({
      syncId: connection.id,
      partnerKey: pair.partnerIssueKey,
      partnerUrl: null,
      status: pair.status === 'error' || pair.lastError || blocked ? 'error' : connection.state === 'running' ? 'up-to-date' : 'pending',
      lastSent: pair.lastSentAt,
      lastReceived: pair.lastReceivedAt,
      lastError: pair.lastError ?? (blocked ? 'A change from the partner could not be applied; see the error list in project settings.' : null),
    });
  }
  return { issue: { key }, syncs };
}

export const panelResolver = makeResolver({
  getIssueSync: ({ context }) => respond(() => getIssueSync({ asUser: asUser(), connections: kvsConnections, pairs: kvsPairs, state: kvsSyncState }, context)),
});
