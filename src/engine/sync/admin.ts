/**
 * What a project admin reads and changes about one sync: its configuration (validated, audited), its
 * health, its error list and its audit log. The caller has been checked to administer the project;
 * here the connection is checked to belong to that project.
 */
import { parseSyncConfig, type ConfigProblem } from '../../domain/config/parse';
import { LockstepError } from '../../domain/errors';
import type { SyncConfig } from '../../domain/config/schema';
import { metaOf, type ProjectCatalog } from '../../domain/config/catalog';
import { suggestConfig } from '../../domain/config/suggest';
import { describeConfigChanges } from '../../domain/config/diff';
import { localCatalog, partnerCatalog } from './catalog';
import type { ConnectionHealth, AuditEntry } from '../../ports/health';
import type { ParkedMessage } from '../../ports/sync';
import type { ConnectionSummary } from '../../ports/connections';
import type { SyncDeps } from './deps';
import { listErrors, retryAllParked, retryParked, skipParked, type ErrorAction } from './errors';

export class NotThisProject extends Error {}

/** The sync, when it belongs to the project; another project's answers like a missing one (ids are not an oracle). */
export async function own(deps: Pick<SyncDeps, 'connections'>, projectKey: string, connectionId: string): Promise<ConnectionSummary> {
  const c = await deps.connections.get(connectionId);
  if (!c || c.localProjectKey !== projectKey) throw new NotThisProject(`No sync ${connectionId} in project ${projectKey}.`);
  return c;
}

/** No configuration saved, and none can be suggested: the editor needs the partner's catalog for that. */
export class NoSuggestion extends Error {}

/** The saved configuration, or (before the first save) one suggested from both projects' catalogs. */
export async function readConfig(deps: SyncDeps, projectKey: string, connectionId: string): Promise<{ config: SyncConfig; saved: boolean }> {
  await own(deps, projectKey, connectionId);
  const saved = await deps.connections.config(connectionId);
  if (saved) return { config: saved, saved: true };
  const catalogs = await readCatalogs(deps, projectKey, connectionId);
  if (!catalogs.partner) throw new NoSuggestion(`There is no configuration yet, and none can be suggested: ${catalogs.partnerError}`);
  const summary = (await deps.connections.get(connectionId))!;
  return { config: suggestConfig(metaOf(catalogs.local), metaOf(catalogs.partner), summary.partnerSite), saved: false };
}

/** Both projects' catalogs; the partner's is null (with the reason) when it cannot be had. */
export async function readCatalogs(deps: SyncDeps, projectKey: string, connectionId: string): Promise<{ local: ProjectCatalog; partner: ProjectCatalog | null; partnerError: string | null }> {
  await own(deps, projectKey, connectionId);
  const [local, partner] = await Promise.all([localCatalog(deps, projectKey), partnerCatalog(deps, connectionId)]);
  return 'catalog' in partner ? { local, partner: partner.catalog, partnerError: null } : { local, partner: null, partnerError: partner.error };
}

export async function writeConfig(deps: SyncDeps, projectKey: string, connectionId: string, raw: unknown, actor: string): Promise<{ saved: true; changes: string[] } | { problems: ConfigProblem[] }> {
  await own(deps, projectKey, connectionId);
  const parsed = parseSyncConfig(raw);
  if (!parsed.ok) return { problems: parsed.problems };
  if (parsed.config.local.projectKey !== projectKey) return { problems: [{ at: 'local.projectKey', message: `must be ${projectKey}, the project this sync belongs to` }] };
  const before = await deps.connections.config(connectionId);
  await deps.connections.saveConfig(connectionId, parsed.config);
  await configureMirror(deps, connectionId, actor);
  const changes = describeConfigChanges(before ?? null, parsed.config);
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor, action: 'config.changed', target: projectKey, detail: changes.join('; ').slice(0, 2000) || 'saved without changes' });
  return { saved: true, changes };
}


/**
 * A same-site sync is two mirrored connections, one per project. The first save on one side gives the other
 * side (which has none yet) the configuration suggested from both projects, so changes flow both ways at once;
 * its admin can still change it on that project's page.
 */
async function configureMirror(deps: SyncDeps, connectionId: string, actor: string): Promise<void> {
  if ((await deps.connections.partnerInboxUrl(connectionId)) !== null) return;
  const mirrorId = await deps.connections.partnerConnectionId(connectionId);
  const mirror = mirrorId ? await deps.connections.get(mirrorId) : undefined;
  if (!mirrorId || !mirror || (await deps.connections.config(mirrorId))) return;
  const [mine, theirs] = await Promise.all([localCatalog(deps, mirror.localProjectKey), localCatalog(deps, mirror.partnerProject)]);
  await deps.connections.saveConfig(mirrorId, suggestConfig(metaOf(mine), metaOf(theirs), 'same'));
  await deps.audit.record({ connectionId: mirrorId, at: new Date(deps.now()).toISOString(), actor, action: 'config.changed', target: mirror.localProjectKey, detail: `Configuration created, suggested by name, when ${mirror.partnerProject}'s side was first saved` });
}

export async function readHealth(deps: SyncDeps, projectKey: string, connectionId: string): Promise<ConnectionHealth & { openErrors: number }> {
  await own(deps, projectKey, connectionId);
  const [health, errors] = await Promise.all([deps.health.get(connectionId), deps.state.listParked(connectionId)]);
  return { ...health, openErrors: errors.length };
}

export interface ErrorRow extends Pick<ParkedMessage, 'direction' | 'reason' | 'at'> {
  messageId: string;
  issueKey: string;
  kind: string;
  firstAttemptAt: string;
  attempts: number;
}

export async function readErrors(deps: SyncDeps, projectKey: string, connectionId: string): Promise<ErrorRow[]> {
  await own(deps, projectKey, connectionId);
  return (await listErrors(deps, connectionId)).map((p) => ({
    direction: p.direction, reason: p.reason, at: p.at, messageId: p.message.messageId, issueKey: p.message.origin.issueKey, kind: p.message.change.kind,
    firstAttemptAt: p.firstAttemptAt ?? p.at, attempts: p.attempts ?? 1,
  }));
}

export async function retryAllErrors(deps: SyncDeps, projectKey: string, connectionId: string, actor: string): Promise<{ retried: number }> {
  await own(deps, projectKey, connectionId);
  return retryAllParked(deps, connectionId, actor);
}

export async function actOnError(deps: SyncDeps, projectKey: string, connectionId: string, action: 'retry' | 'skip', direction: 'in' | 'out', messageId: string, actor: string): Promise<ErrorAction> {
  await own(deps, projectKey, connectionId);
  return action === 'retry' ? retryParked(deps, connectionId, direction, messageId, actor) : skipParked(deps, connectionId, direction, messageId, actor);
}

export async function readAudit(deps: SyncDeps, projectKey: string, connectionId: string, cursor?: string): Promise<{ entries: AuditEntry[]; cursor?: string }> {
  await own(deps, projectKey, connectionId);
  try {
    return await deps.audit.list(connectionId, { limit: 50, ...(cursor ? { cursor } : {}) });
  } catch (error) {
    // A cursor the page made up (or kept too long) is the caller's to fix: a 400, not an unexpected 500.
    if (cursor) throw new LockstepError(400, 'cursor: not a cursor this audit log returned; open the log again.', 'bad-input', { cause: error });
    throw error;
  }
}

/** Pages read when counting a sync's pairs for the list; past this the count reads "at least". */
const MAX_PAIR_PAGES = 50;

/** A sync's live numbers for the settings list: active pairs, open errors, last activity either way. */
export async function liveCounts(deps: Pick<SyncDeps, 'pairs' | 'state' | 'health'>, connectionId: string): Promise<{ pairs: number; openErrors: number; lastActivity: string | null }> {
  let pairs = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAIR_PAGES; page++) {
    const got = await deps.pairs.list(connectionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    pairs += got.pairs.filter((p) => p.status !== 'deleted').length;
    cursor = got.cursor;
    if (!cursor) break;
  }
  const [parked, health] = await Promise.all([deps.state.listParked(connectionId), deps.health.get(connectionId)]);
  const times = [health.lastSentAt, health.lastAppliedAt].filter((t): t is string => t !== null).sort();
  return { pairs, openErrors: parked.length, lastActivity: times.at(-1) ?? null };
}
