/**
 * Resolvers of the Sync info issue panel. Every one starts by checking, as the calling user, that they
 * may browse the issue; actions also need Edit issues. The issue comes from the context and is read back
 * from Jira as the user: the browser names it, Jira vouches for it.
 */
// makeResolver, not the default export: Node's ESM loader (the sandbox) does not unwrap CommonJS defaults as bundlers do.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import { badInput, forbidden, LockstepError } from '../../domain/errors';
import { parseIssueKey, type IssueKey } from '../../domain/ids';
import type { JobStore } from '../../ports/jobs';
import { kvsJobs } from '../adapters/kvs-jobs';
import type { SyncDeps } from '../../engine/sync/deps';
import { CannotAct, issueSyncView, pairIssue, resyncIssue, retryIssue, syncIssue, type IssueSyncOffer, type IssueSyncView, type PanelIssue } from '../../engine/sync/issue-actions';
import { userHasIssuePermission } from '../../jira/permissions';
import { route } from '../../jira/route';
import type { JiraTransport } from '../../ports/jira';
import { asUser } from '../adapters/jira-transport';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { licenseAllowsWork } from '../../domain/license';
import { licenseOf } from '../license';
import { callerOf } from './caller';
import { readPayload } from './connections';
import { respond } from './respond';

export interface PanelDeps {
  asUser: JiraTransport;
  /** The sync engine; absent in tests that check the permission gate only. */
  sync?: SyncDeps;
  /** Background jobs, so an issue waiting for a resync can say so. */
  jobs?: JobStore;
}

const PanelContext = z.object({ extension: z.object({ issue: z.object({ key: z.string() }) }) });
const IssueRef = z.object({ id: z.string(), key: z.string(), fields: z.object({ project: z.object({ key: z.string() }), issuetype: z.object({ id: z.string() }) }) });
const ServerInfo = z.object({ baseUrl: z.string() });
const SyncId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a sync id');
const ForSync = z.object({ syncId: SyncId });
const PairPayload = ForSync.extend({ partnerKey: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{1,9}-\d{1,18}$/, 'an issue key such as DEV-12') });

export async function requireBrowsableIssue(deps: PanelDeps, context: unknown): Promise<IssueKey> {
  // Who first: an anonymous visitor gets a 401, not a Jira call made as nobody.
  callerOf(context);
  const parsed = PanelContext.safeParse(context);
  const key = parsed.success ? parseIssueKey(parsed.data.extension.issue.key) : undefined;
  if (!key) throw badInput('Open the Sync info panel from an issue.');
  if (!(await userHasIssuePermission(deps.asUser, key, 'BROWSE_PROJECTS'))) throw forbidden('You do not have permission to see this issue.');
  return key;
}

/** The issue as Jira shows it to the user (id, project, type): 1 request. */
async function readIssue(deps: PanelDeps, key: IssueKey): Promise<PanelIssue> {
  const res = await deps.asUser.requestJira(route`/rest/api/3/issue/${key}?fields=project,issuetype`);
  const issue = IssueRef.safeParse(res.ok ? await res.json() : undefined);
  if (!issue.success) throw new LockstepError(404, `${key} could not be read.`, 'not-found');
  return { id: issue.data.id, key: issue.data.key, projectKey: issue.data.fields.project.key, issueTypeId: issue.data.fields.issuetype.id };
}

/** The panel's view: one entry per sync that pairs the issue, and the syncs it could join. */
export async function getIssueSync(deps: PanelDeps, context: unknown): Promise<{ issue: { key: string }; syncs: IssueSyncView[]; offers: IssueSyncOffer[]; canAct: boolean }> {
  const key = await requireBrowsableIssue(deps, context);
  if (!deps.sync) return { issue: { key }, syncs: [], offers: [], canAct: false };
  const [issue, canAct] = await Promise.all([readIssue(deps, key), userHasIssuePermission(deps.asUser, key, 'EDIT_ISSUES')]);
  let base: Promise<string | null> | undefined;
  const siteUrl = () => (base ??= deps.asUser.requestJira(route`/rest/api/3/serverInfo`).then(async (r) => {
    const info = r.ok ? ServerInfo.safeParse(await r.json()) : undefined;
    return info?.success ? info.data.baseUrl : null;
  }));
  const view = await issueSyncView(deps.sync, issue, siteUrl, deps.jobs);
  return { issue: { key }, ...view, canAct };
}

/** An action on the issue: Browse, then Edit issues, both as the user, before the app acts. */
async function act<T extends { syncId: string }>(deps: PanelDeps, context: unknown, payload: unknown, schema: z.ZodType<T>, run: (sync: SyncDeps, issue: PanelIssue, input: T, actor: string) => Promise<string>): Promise<{ outcome: string }> {
  const key = await requireBrowsableIssue(deps, context);
  if (!(await userHasIssuePermission(deps.asUser, key, 'EDIT_ISSUES'))) throw forbidden('You need permission to edit this issue to change how it syncs.');
  const actor = callerOf(context);
  if (!deps.sync) throw new LockstepError(503, 'The sync engine is not available.', 'unavailable');
  const issue = await readIssue(deps, key);
  const input = readPayload(schema, payload);
  // Another project's sync answers exactly like a missing one: sync ids are not an oracle.
  const connection = await deps.sync.connections.get(input.syncId);
  if (!connection || connection.localProjectKey !== issue.projectKey) throw new LockstepError(404, `No sync ${input.syncId} covers ${issue.key}.`, 'not-found');
  try {
    return { outcome: await run(deps.sync, issue, input, actor) };
  } catch (error) {
    if (error instanceof CannotAct) throw new LockstepError(409, error.message, 'conflict');
    throw error;
  }
}

export const resyncIssueFor = (deps: PanelDeps, context: unknown, payload: unknown) => act(deps, context, payload, ForSync, (sync, issue, input) => resyncIssue(sync, input.syncId, issue));
export const retryIssueSyncFor = (deps: PanelDeps, context: unknown, payload: unknown) => act(deps, context, payload, ForSync, (sync, issue, input, actor) => retryIssue(sync, input.syncId, issue, actor));
export const syncThisIssueFor = (deps: PanelDeps, context: unknown, payload: unknown) => act(deps, context, payload, ForSync, (sync, issue, input) => syncIssue(sync, input.syncId, issue));
export const pairWithExistingIssueFor = (deps: PanelDeps, context: unknown, payload: unknown) => act(deps, context, payload, PairPayload, (sync, issue, input) => pairIssue(sync, input.syncId, issue, input.partnerKey));

const live = (): PanelDeps => ({ asUser: asUser(), sync: forgeSyncDeps(), jobs: kvsJobs });

export const panelResolver = makeResolver({
  // `licensed` shows the panel's "syncing is paused" banner; the license is the platform's (see getSettings), never the browser's.
  getIssueSync: ({ context }) => respond(async () => ({ ...(await getIssueSync(live(), context)), licensed: licenseAllowsWork(licenseOf(context)) })),
  resyncIssue: ({ payload, context }) => respond(() => resyncIssueFor(live(), context, payload)),
  retryIssueSync: ({ payload, context }) => respond(() => retryIssueSyncFor(live(), context, payload)),
  syncThisIssue: ({ payload, context }) => respond(() => syncThisIssueFor(live(), context, payload)),
  pairWithExistingIssue: ({ payload, context }) => respond(() => pairWithExistingIssueFor(live(), context, payload)),
});
