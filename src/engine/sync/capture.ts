/**
 * Outgoing side: a product event on a synced project becomes messages for each running connection —
 * only the mapped fields the changelog says changed, read from the event where it carries them.
 * Jira cost: 0 requests when the event holds every changed value, else 1 GET (+1 JQL check on a create
 * when the sync has a filter; +1 property read for an unpaired issue an app made, see intents.ts copyState).
 */
import { sends } from '../../domain/config/direction';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { portableAdf } from '../../domain/sync/adf';
import { outgoingChanges } from '../../domain/sync/changes';
import type { FieldStamp } from '../../domain/sync/conflict';
import { SyncEvent, isoTime, jiraTime, type EventIssue } from '../../domain/sync/event';
import { changeFields, issueChange, parentToPair, sendingMappings } from '../../domain/sync/issue-change';
import { AdfDoc, type Change } from '../../domain/sync/message';
import { portableUser } from '../../domain/sync/values';
import { getIssue, matchesJql } from '../../jira/client';
import { linkType } from '../../jira/cached';
import type { ConnectionSummary } from '../../ports/connections';
import type { Pair } from '../../ports/pairs';
import { sideOf, type SyncDeps } from './deps';
import { emit } from './emit';
import { copyState, CopyNotRecorded } from './intents';
import { lastLinkChange } from './link-times';

export type CaptureResult = { ignored: string } | { sent: Array<{ connectionId: string; messageId: string; kind: Change['kind'] }> };

/** Reads issue fields once per event, however many connections need them. */
class IssueReader {
  private fetched: Record<string, unknown> | undefined;
  constructor(private readonly deps: SyncDeps, readonly issue: EventIssue) {}
  async fields(ids: readonly string[]): Promise<Record<string, unknown>> {
    const have = { ...this.issue.fields, ...this.fetched };
    const missing = ids.filter((id) => !(id in have));
    if (missing.length === 0) return have;
    // One snapshot of values, never a mix of the event's older ones and fresh ones.
    const bean = await getIssue(this.deps.jira, this.issue.id, [...new Set([...ids, 'updated'])]);
    this.fetched = { ...this.fetched, ...bean.fields };
    // But stamped with the event's time, never the later read's: Lockstep's own writes since then move `updated`,
    // and a stamp newer than the change would beat a partner's genuinely later edit. Newer values under an older
    // stamp are safe: their own event follows with its own time.
    const eventTime = this.issue.fields['updated'];
    return { ...this.issue.fields, ...this.fetched, ...(eventTime === undefined ? {} : { updated: eventTime }) };
  }
}

/**
 * `connectionId` limits the capture to one sync; `full` sends every mapped field of a paired issue
 * (a resync); `pairWith` makes an unpaired issue's full state a pairing request for that partner issue.
 */
export interface CaptureOptions {
  connectionId?: string;
  full?: boolean;
  pairWith?: string;
}

export async function captureEvent(deps: SyncDeps, raw: unknown, options: CaptureOptions = {}): Promise<CaptureResult> {
  const parsed = SyncEvent.safeParse(raw);
  // A payload we cannot read is logged and dropped: retrying it would fail the same way.
  if (!parsed.success) return { ignored: `unreadable event: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const event = parsed.data;
  let issue = event.issue;
  if (!issue && event.issueLink) {
    // Link events name issue ids only; the source issue tells which project (and so which syncs) it concerns.
    const bean = await getIssue(deps.jira, event.issueLink.sourceIssueId, ['project']);
    issue = { id: bean.id, key: bean.key, fields: bean.fields };
  }
  if (!issue) return { ignored: `${event.eventType} names no issue` };
  const project = (issue.fields['project'] as { key?: string } | undefined)?.key ?? issue.key.split('-')[0]!;
  const running = (await deps.connections.listForProject(project)).filter((c) => c.state === 'running' && (options.connectionId === undefined || c.id === options.connectionId));
  if (running.length === 0) return { ignored: options.connectionId ? `the sync is not running` : `no running sync for ${project}` };
  const reader = new IssueReader(deps, issue);
  const sent: Array<{ connectionId: string; messageId: string; kind: Change['kind'] }> = [];
  const why: string[] = [];
  for (const connection of running) {
    const config = await deps.connections.config(connection.id);
    if (!config) { why.push(`${connection.id} has no configuration`); continue; }
    const out = await captureFor(deps, connection, config, event, reader, options);
    if (typeof out === 'string') why.push(`${connection.id}: ${out}`);
    else sent.push(...out.map((m) => ({ connectionId: connection.id, messageId: m.messageId, kind: m.kind })));
  }
  return sent.length ? { sent } : { ignored: why.join('; ') || 'nothing to send' };
}

export type Emitted = { messageId: string; kind: Change['kind'] };

/**
 * One parsed event for one sync, exactly as `captureEvent` takes it for each running sync, about `issue`:
 * how a new pair's backfill (backfill.ts) sends what the events before the pairing could not.
 */
export async function captureForSync(deps: SyncDeps, connectionId: string, config: SyncConfig, event: SyncEvent, issue: EventIssue): Promise<Emitted[] | string> {
  return captureFor(deps, { id: connectionId }, config, event, new IssueReader(deps, issue), {});
}

async function captureFor(deps: SyncDeps, connection: Pick<ConnectionSummary, 'id'>, config: SyncConfig, event: SyncEvent, reader: IssueReader, options: CaptureOptions): Promise<Emitted[] | string> {
  const issue = reader.issue;
  const pair = await deps.pairs.byLocal(connection.id, issue.id);
  const side = sideOf(config);
  const base = { connectionId: connection.id, side, issue: { id: issue.id, key: issue.key }, target: pair ? { issueId: pair.partnerIssueId, issueKey: pair.partnerIssueKey } : undefined };
  const send = async (change: Change, at: number): Promise<Emitted[]> => {
    const m = await emit(deps, { ...base, at, change });
    return [{ messageId: m.messageId, kind: change.kind }];
  };
  const now = deps.now();
  switch (event.eventType) {
    case 'avi:jira:created:issue':
    case 'avi:jira:updated:issue':
      return issueMessage(deps, connection, config, event, reader, pair, side, send, options);
    case 'avi:jira:deleted:issue':
      if (!pair) return 'issue not synced';
      await deps.pairs.update(connection.id, issue.id, { status: 'deleted' });
      return send({ kind: 'issue-deleted', objectId: issue.id }, now);
    case 'avi:jira:commented:issue':
    case 'avi:jira:updated:comment':
    case 'avi:jira:deleted:comment': {
      const c = event.comment;
      if (!pair || !c) return 'issue not synced';
      if (!sends(config.comments.direction)) return 'comments are not sent';
      if (event.eventType === 'avi:jira:deleted:comment') {
        if (!config.comments.followDeletes) return 'comment deletes are not followed';
        return forgetSent(deps, connection.id, issue.id, objectStamp('comment', c.id), await send({ kind: 'comment-deleted', objectId: c.id }, now));
      }
      if (event.eventType === 'avi:jira:updated:comment' && !config.comments.followEdits) return 'comment edits are not followed';
      if (c.visibility && !config.comments.includeRestricted) return 'restricted comment stays here';
      const body = AdfDoc.safeParse(c.body);
      if (!body.success) return 'comment without a document body';
      const at = jiraTime(c.updated) ?? now;
      return markSent(deps, connection.id, issue.id, objectStamp('comment', c.id), { changedAt: at, site: side }, await send({ kind: 'comment', commentId: c.id, author: portableUser(c.author) ?? null, created: isoTime(c.created, now), body: portableAdf(body.data) }, at));
    }
    case 'avi:jira:created:attachment':
    case 'avi:jira:deleted:attachment': {
      const a = event.attachment;
      if (!pair || !a) return 'issue not synced';
      if (!sends(config.attachments.direction)) return 'attachments are not sent';
      if (event.eventType === 'avi:jira:deleted:attachment') {
        return forgetSent(deps, connection.id, issue.id, objectStamp('attachment', a.id), await send({ kind: 'attachment-deleted', objectId: a.id }, now));
      }
      const refused = attachmentFilter(config, a);
      if (refused) return refused;
      return markSent(deps, connection.id, issue.id, objectStamp('attachment', a.id), { changedAt: now, site: side }, await send({ kind: 'attachment', attachmentId: a.id, filename: a.filename, mimeType: a.mimeType, size: a.size, author: portableUser(a.author) ?? null, created: isoTime(a.created, now) }, now));
    }
    case 'avi:jira:created:issuelink':
    case 'avi:jira:deleted:issuelink': {
      const l = event.issueLink;
      if (!l) return 'link event without a link';
      if (!sends(config.links.direction)) return 'links are not sent';
      if (config.links.types.length > 0 && !config.links.types.includes(l.issueLinkType.name)) return `link type ${l.issueLinkType.name} is not synced`;
      const source = pair;
      const destination = await deps.pairs.byLocal(connection.id, l.destinationIssueId);
      if (!source || !destination) return 'only links between synced issues are carried';
      const ends = { typeName: l.issueLinkType.name, inwardTargetId: source.partnerIssueId, outwardTargetId: destination.partnerIssueId };
      const deleted = event.eventType === 'avi:jira:deleted:issuelink';
      // When Jira's history says it happened, which the partner weighs against its own links' history (link-times.ts).
      const at = (await lastLinkChange(deps, issue.id, destination.localIssueKey, await linkType(deps.jira, l.issueLinkType.name), deleted ? 'removed' : 'made')) ?? now;
      if (deleted) return forgetSent(deps, connection.id, issue.id, objectStamp('link', l.id), await send({ kind: 'link-deleted', ...ends }, at));
      // Noted with its ends: should its deletion's event be lost, the deletion sweep can still name the link.
      const stamp = { changedAt: at, site: side, link: { type: l.issueLinkType.name, outward: l.destinationIssueId } };
      return markSent(deps, connection.id, issue.id, objectStamp('link', l.id), stamp, await send({ kind: 'link', linkId: l.id, ...ends }, at));
    }
    default:
      return `${event.eventType} is not synced`;
  }
}

function attachmentFilter(config: SyncConfig, a: NonNullable<SyncEvent['attachment']>): string | undefined {
  const f = config.attachments;
  if (a.size > f.maxBytes) return `attachment ${a.filename} is larger than ${f.maxBytes} bytes`;
  if (f.mimeTypes.length > 0 && !f.mimeTypes.some((p) => (p.endsWith('/*') ? a.mimeType.startsWith(p.slice(0, -1)) : a.mimeType === p))) return `attachment type ${a.mimeType} is not synced`;
  if (f.fileNamePattern) {
    let re: RegExp | undefined;
    try { re = new RegExp(f.fileNamePattern); } catch { re = undefined; }
    if (re && !re.test(a.filename)) return `attachment ${a.filename} does not match the file name pattern`;
  }
  return undefined;
}

async function issueMessage(
  deps: SyncDeps, connection: Pick<ConnectionSummary, 'id'>, config: SyncConfig, event: SyncEvent, reader: IssueReader,
  pair: Pair | undefined, side: string, send: (c: Change, at: number) => Promise<Emitted[]>, options: CaptureOptions = {},
): Promise<Emitted[] | string> {
  const issue = reader.issue;
  if (options.pairWith && pair) return `already paired with ${pair.partnerIssueKey}`;
  if (options.full && !pair) return 'issue not synced';
  // An issue not yet paired is shared whole, as a create (or as a pairing request); a paired one sends only what changed, or everything on a resync.
  const create = !pair && !options.pairWith;
  // Shared already, its pair on the way back: a later change waits for the pair rather than go as a second,
  // whole-issue create whose every field would claim this moment (and beat the partner's newer edits).
  if (create && (await deps.state.stamps(connection.id, issue.id))[SHARED] !== undefined) {
    throw new PairPending(`${issue.key} was shared and its pair is on its way back: its change goes once the pair is known`);
  }
  let mappings: FieldMapping[];
  let statusChanged: boolean;
  if (!pair || options.full) {
    mappings = sendingMappings(config);
    statusChanged = true;
  } else {
    const changed = outgoingChanges(config, event.changelog?.items ?? []);
    mappings = changed.flatMap((c) => (c.kind === 'field' ? [c.mapping] : []));
    statusChanged = changed.some((c) => c.kind === 'status');
    if (mappings.length === 0 && !statusChanged) return 'no mapped field changed';
  }
  // A create reads the creator too (events carry it): it tells a person's new issue from Lockstep's own copy.
  const fields = await reader.fields(create ? [...changeFields(mappings, create), 'creator'] : changeFields(mappings, create));
  const copy = create ? await copyState(deps, connection.id, issue.id, fields['creator']) : 'not-a-copy';
  if (copy === 'unrecorded') throw new CopyNotRecorded(`${issue.key} is a copy this sync made whose pair is not stored yet: its change goes once the create's retry pairs it`);
  if (copy === 'abandoned') return 'a copy this sync made that another copy replaced: it is not shared';
  const parentTargetId = create ? await parentTarget(deps, connection.id, config, fields) : undefined;
  const built = issueChange(config, fields, { mappings, create, status: statusChanged, parentTargetId, pairWith: options.pairWith }, deps.now());
  if ('skip' in built) return built.skip;
  if (!pair && config.advanced.jql.trim() && !(await matchesJql(deps.jira, issue.id, config.advanced.jql))) return 'issue is outside the sync filter';
  // This side's own change of these fields is now the newest it knows of (newest-wins compares against it).
  await stampSent(deps, connection.id, issue.id, built.stamped, { changedAt: built.at, site: side });
  const sent = await send(built.change, built.at);
  // Noted after the message is stored: a capture killed before that shares the issue again on its retry.
  if (create) await stampSent(deps, connection.id, issue.id, [SHARED], { changedAt: built.at, site: side });
  return sent;
}

/** The stamp key noting that an unpaired issue was shared (its create message is stored). */
export const SHARED = 'sent:create';

/** A change of an issue shared but not yet paired: retried (capture-retry.ts) until its pair is known. */
export class PairPending extends Error {
  override readonly name = 'PairPending';
}

/** The partner's id of the issue's parent, when a create carries it and the parent is paired. */
export async function parentTarget(deps: Pick<SyncDeps, 'pairs'>, connectionId: string, config: SyncConfig, fields: Record<string, unknown>): Promise<string | undefined> {
  const parentId = parentToPair(config, fields);
  return parentId ? (await deps.pairs.byLocal(connectionId, parentId))?.partnerIssueId : undefined;
}

/** The stamp key under which the sender notes a comment, file or link it sent, so the catch-up sweep knows it went. */
export const objectStamp = (kind: 'comment' | 'attachment' | 'link', id: string): string => `sent:${kind}:${id}`;

/** Notes an object as sent (at the version and with the ends in `stamp`), then answers what was emitted. */
async function markSent(deps: Pick<SyncDeps, 'state'>, connectionId: string, issueId: string, key: string, stamp: FieldStamp, emitted: Emitted[]): Promise<Emitted[]> {
  await stampSent(deps, connectionId, issueId, [key], stamp);
  return emitted;
}

/**
 * Forgets an object's `sent:` note once its deletion went, then answers what was emitted: the sweeps must not
 * take a file for one whose deletion was lost, nor send a deletion twice (or, for a link made again, wrongly).
 */
export async function forgetSent<T>(deps: Pick<SyncDeps, 'state'>, connectionId: string, issueId: string, key: string, emitted: T): Promise<T> {
  const stamps = await deps.state.stamps(connectionId, issueId);
  if (key in stamps) { delete stamps[key]; await deps.state.setStamps(connectionId, issueId, stamps); }
  return emitted;
}

/** Records `stamp` as this side's latest change of the sent fields, so newest-wins compares against it. */
export async function stampSent(deps: Pick<SyncDeps, 'state'>, connectionId: string, issueId: string, fieldIds: readonly string[], stamp: FieldStamp): Promise<void> {
  const stamps = await deps.state.stamps(connectionId, issueId);
  for (const id of fieldIds) stamps[id] = stamp;
  await deps.state.setStamps(connectionId, issueId, stamps);
}
