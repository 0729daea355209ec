/** Resolvers of the project settings page. Every one starts by checking that the caller administers the project. */
// makeResolver, not the default export: Node's ESM loader (the sandbox) does not unwrap CommonJS defaults as bundlers do.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import { badInput, forbidden } from '../../domain/errors';
import { parseProjectKey, type ProjectKey } from '../../domain/ids';
import { userHasProjectPermission } from '../../jira/permissions';
import { route } from '../../jira/route';
import { directionSummary } from '../../domain/config/direction';
import type { JiraTransport } from '../../ports/jira';
import type { ConnectionDirectory, ConnectionSummary } from '../../ports/connections';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import { connectionResolvers } from './connections';
import { syncAdminResolvers } from './sync-admin';
import { migrationResolvers } from './migration';
import { rotateSigningKeyResolver } from './keys';
import { respond } from './respond';
import { callerOf } from './caller';
import { liveCounts } from '../../engine/sync/admin';
import type { SyncDeps } from '../../engine/sync/deps';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { licenseAllowsWork } from '../../domain/license';
import { licenseOf } from '../license';

export interface SettingsDeps {
  asUser: JiraTransport;
  connections: ConnectionDirectory;
  /** Stores the list's live numbers come from; without them the stored summary's numbers are shown. */
  live?: Pick<SyncDeps, 'pairs' | 'state' | 'health'>;
}

/** The browser may alter `extension.project`; it is only a hint, checked against the user's own permissions. */
const SettingsContext = z.object({ extension: z.object({ project: z.object({ key: z.string() }) }) });
const ProjectBean = z.object({ key: z.string(), name: z.string() });

export async function requireProjectAdmin(deps: SettingsDeps, context: unknown): Promise<ProjectKey> {
  // Who first: an anonymous visitor gets a 401, not a Jira call made as nobody.
  callerOf(context);
  const parsed = SettingsContext.safeParse(context);
  const key = parsed.success ? parseProjectKey(parsed.data.extension.project.key) : undefined;
  if (!key) throw badInput('Open Lockstep from a project\'s settings.');
  if (!(await userHasProjectPermission(deps.asUser, key, 'ADMINISTER_PROJECTS'))) {
    throw forbidden('Only administrators of this project can configure Lockstep.');
  }
  return key;
}

export async function getSettings(deps: SettingsDeps, context: unknown): Promise<{ project: { key: string; name: string }; syncs: Array<ConnectionSummary & { direction: string | null }> }> {
  const key = await requireProjectAdmin(deps, context);
  const res = await deps.asUser.requestJira(route`/rest/api/3/project/${key}`);
  const project = ProjectBean.safeParse(res.ok ? await res.json() : undefined);
  const syncs = await deps.connections.listForProject(key);
  const rows = await Promise.all(syncs.map(async (c) => {
    const [config, counts] = await Promise.all([deps.connections.config(c.id), deps.live ? liveCounts(deps.live, c.id) : undefined]);
    return { ...c, ...counts, direction: config ? directionSummary(config) : null };
  }));
  return { project: project.success ? project.data : { key, name: key }, syncs: rows };
}

export const settingsResolver = makeResolver({
  // `licensed` tells the page to show its "syncing is paused" banner; read from the platform's license, which @forge/resolver puts over any the browser sends.
  getSettings: ({ context }) => respond(async () => ({ ...(await getSettings({ asUser: asUser(), connections: kvsConnections, live: forgeSyncDeps() }, context)), licensed: licenseAllowsWork(licenseOf(context)) })),
  // createInvitation, acceptInvitation, createSameSiteConnection, setConnectionState, deleteConnection.
  ...connectionResolvers(requireProjectAdmin),
  // getSyncConfig, saveSyncConfig, getSyncHealth, listSyncErrors, actOnSyncError, listSyncAudit.
  ...syncAdminResolvers(requireProjectAdmin),
  // exportSyncConfig, importSyncConfig, exportPairs, uploadPairFile, pair preview/apply, resync, reconciliation, jobs, migration status.
  ...migrationResolvers(requireProjectAdmin),
  rotateSigningKey: rotateSigningKeyResolver(requireProjectAdmin),
});
