/**
 * What the Sync info panel shows and does for one issue: its pairs (with status and partner link), the
 * syncs it could join, and the actions Resync, Retry, Sync this issue and Pair with an existing issue.
 * The caller has checked the user's permission on the issue; here each sync is checked to cover it.
 */
import { matchesJql } from '../../jira/client';
import type { ConnectionSummary } from '../../ports/connections';
import type { JobStore } from '../../ports/jobs';
import { etaSeconds } from '../migration/jobs';
import { captureEvent, PairPending, type CaptureResult } from './capture';
import type { SyncDeps } from './deps';
import { retryParked } from './errors';
import { CopyNotRecorded } from './intents';

/** The issue as Jira described it to the server: never browser-supplied. */
export interface PanelIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
}

export interface IssueSyncView {
  syncId: string;
  partnerKey: string | null;
  partnerUrl: string | null;
  status: 'up-to-date' | 'pending' | 'error';
  lastSent: string | null;
  lastReceived: string | null;
  lastError: string | null;
  /** A resync job of this sync that has not reached this issue yet: its progress. */
  resync?: { jobId: string; done: number; total: number | null; etaSeconds: number | null };
}

export interface IssueSyncOffer {
  syncId: string;
  partnerSite: string;
  partnerProject: string;
}

/** A refusal the user can act on: the sync does not cover this issue, or is not running. */
export class CannotAct extends Error {}

/** Where the partner's issues open: its site URL, this site's for a same-site sync, or unknown. */
export async function partnerBrowseUrl(connection: ConnectionSummary, localBaseUrl: () => Promise<string | null>, key: string): Promise<string | null> {
  const base = connection.partnerSite === 'same' ? await localBaseUrl() : connection.partnerSiteUrl ?? (/^https?:\/\//.test(connection.partnerSite) ? connection.partnerSite : null);
  return base ? `${base.replace(/\/$/, '')}/browse/${encodeURIComponent(key)}` : null;
}

/** `localBaseUrl` is asked only when a same-site sync needs it: most panel loads never do. */
export async function issueSyncView(deps: SyncDeps, issue: PanelIssue, localBaseUrl: () => Promise<string | null>, jobs?: JobStore): Promise<{ syncs: IssueSyncView[]; offers: IssueSyncOffer[] }> {
  const syncs: IssueSyncView[] = [];
  const offers: IssueSyncOffer[] = [];
  for (const connection of await deps.connections.listForProject(issue.projectKey)) {
    const pair = await deps.pairs.byLocal(connection.id, issue.id);
    if (!pair) {
      if (await admits(deps, connection, issue)) offers.push({ syncId: connection.id, partnerSite: connection.partnerSite, partnerProject: connection.partnerProject });
      continue;
    }
    // One read of the error list answers both: a parked incoming message is what blocks the issue.
    const parked = await parkedFor(deps, connection.id, issue.id, pair.partnerIssueId);
    const failing = pair.status === 'error' || pair.lastError !== null || parked.length > 0;
    syncs.push({
      syncId: connection.id,
      partnerKey: pair.partnerIssueKey,
      partnerUrl: await partnerBrowseUrl(connection, localBaseUrl, pair.partnerIssueKey),
      status: failing ? 'error' : connection.state === 'running' ? 'up-to-date' : 'pending',
      lastSent: pair.lastSentAt,
      lastReceived: pair.lastReceivedAt,
      lastError: pair.lastError ?? parked[0]?.reason ?? null,
      ...(jobs ? await waitingResync(deps, jobs, connection.id, issue) : {}),
    });
  }
  return { syncs, offers };
}

/** A running resync of this sync that walks issues in key order and has not reached this one (and whose JQL takes it). */
async function waitingResync(deps: SyncDeps, jobs: JobStore, connectionId: string, issue: PanelIssue): Promise<Pick<IssueSyncView, 'resync'>> {
  const job = (await jobs.listUnfinished(connectionId)).find((j) => j.kind === 'resync');
  if (!job) return {};
  const lastKey = (job.cursor as { lastKey?: string | null } | null)?.lastKey ?? null;
  const number = (key: string) => Number(key.split('-')[1]);
  if (lastKey !== null && number(issue.key) <= number(lastKey)) return {};
  const jql = (job.params as { jql?: string } | null)?.jql?.trim() ?? '';
  if (jql && !(await matchesJql(deps.jira, issue.id, jql))) return {};
  return { resync: { jobId: job.id, done: job.done, total: job.total, etaSeconds: etaSeconds(job, deps.now()) } };
}

/** A running, configured sync whose issue types and filter take this issue. */
async function admits(deps: SyncDeps, connection: ConnectionSummary, issue: PanelIssue): Promise<boolean> {
  if (connection.state !== 'running') return false;
  const config = await deps.connections.config(connection.id);
  if (!config || !config.issueTypes.some((t) => t.local.id === issue.issueTypeId)) return false;
  return !config.advanced.jql.trim() || matchesJql(deps.jira, issue.id, config.advanced.jql);
}

/** Parked messages of this issue, either way. */
async function parkedFor(deps: SyncDeps, connectionId: string, localIssueId: string, partnerIssueId: string | undefined) {
  return (await deps.state.listParked(connectionId)).filter((p) =>
    (p.direction === 'out' && p.message.origin.issueId === localIssueId) || (p.direction === 'in' && p.message.origin.issueId === partnerIssueId));
}

async function connectionOf(deps: SyncDeps, syncId: string, issue: PanelIssue): Promise<ConnectionSummary> {
  const connection = await deps.connections.get(syncId);
  // Another project's sync answers like a missing one: ids are not an oracle.
  if (!connection || connection.localProjectKey !== issue.projectKey) throw new CannotAct(`No sync ${syncId} covers ${issue.key}.`);
  if (connection.state !== 'running') throw new CannotAct(`The sync with ${connection.partnerProject} is ${connection.state}; start it in project settings first.`);
  return connection;
}

function outcome(result: CaptureResult, done: string): string {
  if ('ignored' in result) throw new CannotAct(`Nothing was sent: ${result.ignored.replace(/^[^:]*: /, '')}.`);
  return done;
}

const synthetic = (issue: PanelIssue, eventType: string) => ({ eventType, issue: { id: issue.id, key: issue.key, fields: { project: { key: issue.projectKey } } } });

/** Sends every mapped field and the status again; newest-wins still keeps the partner's later edits. */
export async function resyncIssue(deps: SyncDeps, syncId: string, issue: PanelIssue): Promise<string> {
  const connection = await connectionOf(deps, syncId, issue);
  const pair = await deps.pairs.byLocal(connection.id, issue.id);
  if (!pair) throw new CannotAct(`${issue.key} is not paired in the sync with ${connection.partnerProject}.`);
  const result = await captureEvent(deps, synthetic(issue, 'avi:jira:updated:issue'), { connectionId: connection.id, full: true });
  return outcome(result, `Resync of ${issue.key} sent to ${pair.partnerIssueKey}.`);
}

/** Retries this issue's parked messages; with none parked, a failed pair is resynced. */
export async function retryIssue(deps: SyncDeps, syncId: string, issue: PanelIssue, actor: string): Promise<string> {
  const connection = await connectionOf(deps, syncId, issue);
  const pair = await deps.pairs.byLocal(connection.id, issue.id);
  const parked = await parkedFor(deps, connection.id, issue.id, pair?.partnerIssueId);
  for (const p of parked) await retryParked(deps, connection.id, p.direction, p.message.messageId, actor);
  if (parked.length > 0) return `${parked.length} failed change${parked.length === 1 ? '' : 's'} of ${issue.key} queued again.`;
  if (!pair) throw new CannotAct(`${issue.key} has nothing to retry.`);
  await deps.pairs.update(connection.id, issue.id, { lastError: null, status: 'active' });
  return resyncIssue(deps, syncId, issue);
}

/** Creates the partner issue now (the issue is not paired yet). */
export async function syncIssue(deps: SyncDeps, syncId: string, issue: PanelIssue): Promise<string> {
  const connection = await connectionOf(deps, syncId, issue);
  const pair = await deps.pairs.byLocal(connection.id, issue.id);
  if (pair) throw new CannotAct(`${issue.key} is already paired with ${pair.partnerIssueKey}.`);
  let result: CaptureResult;
  try {
    result = await captureEvent(deps, synthetic(issue, 'avi:jira:created:issue'), { connectionId: connection.id });
  } catch (error) {
    if (error instanceof CopyNotRecorded) throw new CannotAct(`${issue.key} is Lockstep's copy of a ${connection.partnerProject} issue; it is paired when its interrupted create is retried.`);
    if (error instanceof PairPending) throw new CannotAct(`${issue.key} is shared with ${connection.partnerProject} already; its pair is on its way back.`);
    throw error;
  }
  return outcome(result, `${issue.key} sent to ${connection.partnerProject}; its partner issue is being created.`);
}

/** Asks the partner to pair this issue with one of its issues; the partner's fields then take this issue's values. */
export async function pairIssue(deps: SyncDeps, syncId: string, issue: PanelIssue, partnerKey: string): Promise<string> {
  const connection = await connectionOf(deps, syncId, issue);
  if (!partnerKey.startsWith(`${connection.partnerProject}-`)) throw new CannotAct(`${partnerKey} is not an issue of ${connection.partnerProject}, the project this sync pairs with.`);
  const pair = await deps.pairs.byLocal(connection.id, issue.id);
  if (pair) throw new CannotAct(`${issue.key} is already paired with ${pair.partnerIssueKey}.`);
  const result = await captureEvent(deps, synthetic(issue, 'avi:jira:updated:issue'), { connectionId: connection.id, pairWith: partnerKey });
  return outcome(result, `Pairing ${issue.key} with ${partnerKey} requested; ${partnerKey} takes ${issue.key}'s values once the partner confirms.`);
}
