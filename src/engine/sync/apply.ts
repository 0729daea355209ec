/**
 * Incoming side: one partner message applied to this site under this side's own mapping, as the app.
 * Transient Jira failures (429, 5xx, network) are thrown for the caller to retry; anything else comes
 * back as `failed` with a reason, for the error list. Jira cost of a single-field edit: 1 changelog read
 * (newer-here.ts) + 1 PUT. Comments, files and links are applied in apply-objects.ts.
 */
import { receives } from '../../domain/config/direction';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { textParagraph } from '../../domain/sync/adf';
import { incomingWins, type FieldStamp } from '../../domain/sync/conflict';
import type { IssueChange, PortableUser, SyncMessage } from '../../domain/sync/message';
import { emailsToResolve, userResolver } from '../../domain/sync/users';
import { defaultInput, localFieldId, toJiraInput } from '../../domain/sync/values';
import * as jira from '../../jira/client';
import { userByEmail } from '../../jira/cached';
import { JiraError } from '../../jira/errors';
import type { Pair } from '../../ports/pairs';
import { applied, audit, failed, incomingStamp, type ApplyContext, type ApplyOutcome, type ChangeOrigin } from './apply-context';
import { applyAttachment, applyAttachmentDelete, applyComment, applyCommentDelete, applyLink, applyLinkDelete } from './apply-objects';
import { backfillFields, backfillIssue, backfillPair } from './backfill';
import { sideOf, type SyncDeps } from './deps';
import { emit } from './emit';
import { beginCreate, createOrEnd, endCreate, findIssueCopies, originProperty, type IntentRef } from './intents';
import { moveToStatus, targetStatus } from './status';
import { changedHereSince } from './newer-here';

// Who imports the context's pieces from here keeps doing so.
export { incomingStamp, type ApplyContext, type ApplyOutcome, type ChangeOrigin };
type Ctx = ApplyContext;

export const applyContext = (deps: SyncDeps, connectionId: string, config: SyncConfig, message: ChangeOrigin): ApplyContext => ({ deps, connectionId, config, message, mappings: receiving(config) });

export async function applyMessage(deps: SyncDeps, connectionId: string, config: SyncConfig, message: SyncMessage): Promise<ApplyOutcome> {
  const ctx = applyContext(deps, connectionId, config, message);
  const pair = await knownPair(ctx);
  if (pair === 'crossed') return failed(`${message.target?.issueKey ?? 'the target issue'} is already paired with another partner issue, not ${message.origin.issueKey}`);
  const change = message.change;
  try {
    switch (change.kind) {
      case 'issue': return await applyIssue(ctx, change, pair);
      // The pair is complete here only now: what the issue gathered before it (comments, files, links) follows.
      case 'paired': return applied(pair ? `paired with ${pair.localIssueKey}${(await backfillPair(deps, connectionId, config, pair)).note}` : 'nothing to pair');
      case 'skipped': return applied('skipped by the partner');
      case 'issue-deleted': return pair ? await applyDelete(ctx, pair) : applied('issue was never synced here');
      case 'comment': return pair ? await applyComment(ctx, change, pair) : failed('the partner issue is not synced here yet');
      case 'comment-deleted': return pair ? await applyCommentDelete(ctx, change.objectId, pair) : applied('issue not synced');
      case 'attachment': return pair ? await applyAttachment(ctx, change, pair) : failed('the partner issue is not synced here yet');
      case 'attachment-deleted': return pair ? await applyAttachmentDelete(ctx, change.objectId, pair) : applied('issue not synced');
      case 'link': return await applyLink(ctx, change, pair);
      case 'link-deleted': return await applyLinkDelete(ctx, change, pair);
    }
  } catch (error) {
    if (error instanceof JiraError && !error.transient) return failed(error.message);
    throw error;
  }
}

/** The pair of the message's origin issue; a message naming its target teaches it when this side did not know. */
async function knownPair(ctx: Ctx): Promise<Pair | undefined | 'crossed'> {
  const { deps, connectionId, message } = ctx;
  const pair = await deps.pairs.byPartner(connectionId, message.origin.issueId);
  if (pair || !message.target) return pair;
  // Never re-point an issue already paired with another partner issue: that would cross two pairs.
  const taken = await deps.pairs.byLocal(connectionId, message.target.issueId);
  if (taken && taken.partnerIssueId !== message.origin.issueId) return 'crossed';
  const made: Pair = {
    connectionId, localIssueId: message.target.issueId, localIssueKey: message.target.issueKey,
    partnerIssueId: message.origin.issueId, partnerIssueKey: message.origin.issueKey,
    firstSyncAt: new Date(deps.now()).toISOString(), lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
  };
  await deps.pairs.put(made);
  return made;
}

/** Receiving mappings by the field id the partner keys values with (this side's field id). */
function receiving(config: SyncConfig): Map<string, FieldMapping> {
  return new Map(config.fields.filter((m) => receives(m.direction)).map((m) => [localFieldId(m), m]));
}

export type UserResolve = ReturnType<typeof userResolver>;

/** Resolves the people of the incoming values to accounts here; email matching costs one user search per distinct email. */
export async function resolverFor(deps: Pick<SyncDeps, 'jira'>, config: SyncConfig, people: PortableUser[]): Promise<UserResolve> {
  const byEmail = new Map<string, string | null>();
  for (const email of emailsToResolve(config.users, people)) byEmail.set(email, await userByEmail(deps.jira, email));
  return userResolver(config.users, byEmail);
}

export function usersIn(fields: Record<string, unknown>): PortableUser[] {
  return Object.values(fields).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && 'user' in v ? [(v as { user: PortableUser }).user] : []));
}

/**
 * The incoming values as Jira input under this side's receiving mappings, stamping each one taken. With
 * `newestWins` (the issue is paired), a value this side changed later than the partner stays.
 */
export function incomingInput(mappings: Map<string, FieldMapping>, values: IssueChange['fields'], resolve: UserResolve, stamps: Record<string, FieldStamp>, incoming: FieldStamp, newestWins: boolean): { input: Record<string, unknown>; skipped: string[] } {
  const input: Record<string, unknown> = {};
  const skipped: string[] = [];
  for (const [fieldId, value] of Object.entries(values)) {
    const m = mappings.get(fieldId);
    if (!m) continue;
    if (newestWins && !incomingWins(stamps[fieldId], incoming)) { skipped.push(fieldId); continue; }
    const v = toJiraInput(m, value, resolve);
    if (v === undefined) { skipped.push(`${fieldId} (unusable value)`); continue; }
    input[fieldId] = v;
    stamps[fieldId] = incoming;
  }
  return { input, skipped };
}

async function applyIssue(ctx: Ctx, change: IssueChange, known: Pair | undefined): Promise<ApplyOutcome> {
  const { deps, config, message, connectionId } = ctx;
  let pair = known;
  if (!pair && change.pairWith) {
    const paired = await pairWithExisting(ctx, change.pairWith);
    if ('reason' in paired) return failed(paired.reason);
    pair = paired.pair;
  }
  const resolve = await resolverFor(deps, config, usersIn(change.fields));
  const stamps = pair ? await deps.state.stamps(connectionId, pair.localIssueId) : {};
  const incoming = incomingStamp(message);
  const before = { ...stamps };
  // Newest wins per field: a change this side made later than the partner's stays.
  const { input, skipped } = incomingInput(ctx.mappings, change.fields, resolve, stamps, incoming, pair !== undefined);
  // A person's later change here whose event is still on its way wins too (src/engine/sync/newer-here.ts).
  const asked = [...Object.keys(input), ...(pair && change.status && incomingWins(stamps['status'], incoming) ? ['status'] : [])];
  const newerHere = pair && asked.length ? await changedHereSince(deps, pair.localIssueId, asked, incoming.changedAt) : new Map<string, number>();
  // Its stamp stays as it was: that change's own capture stamps it as it sends it, and should its event be lost, the
  // catch-up sweep sends it only while no stamp says it went (a stamp of it here would say so, and it never would).
  for (const fieldId of newerHere.keys()) {
    delete input[fieldId];
    if (before[fieldId]) stamps[fieldId] = before[fieldId]; else delete stamps[fieldId];
    if (fieldId !== 'status') skipped.push(fieldId);
  }
  if (!pair) {
    if (!config.advanced.accept.create) return failed(REFUSES_CREATE);
    const made = await createPartner(ctx, change, input, stamps, incoming, { tellPartner: true });
    return 'reason' in made ? failed(made.reason) : applied(made.detail);
  }
  if (!config.advanced.accept.update) return applied('this side does not accept updates');
  const notes: string[] = [];
  if (Object.keys(input).length > 0) {
    const dropped = await writeFields(ctx, input, (fields) => jira.editIssue(deps.jira, pair.localIssueId, fields));
    notes.push(`updated ${Object.keys(input).join(', ')}`, ...dropped);
    await audit(ctx, 'issue.updated', pair.localIssueKey, `from ${message.origin.issueKey}: ${Object.keys(input).join(', ')}${dropped.length ? `; ${dropped.join('; ')}` : ''}`);
  }
  if (change.status) {
    if (!newerHere.has('status') && incomingWins(stamps['status'], incoming)) {
      stamps['status'] = incoming;
      const moved = await moveToStatus(deps.jira, pair.localIssueId, targetStatus(config, change.status));
      notes.push('moved' in moved ? `status ${change.status.name} (${moved.moved} transitions)` : moved.unreachable);
      if ('moved' in moved && moved.moved > 0) await audit(ctx, 'issue.transitioned', pair.localIssueKey, `to match ${change.status.name} on ${message.origin.issueKey}`);
    } else skipped.push('status');
  }
  await deps.state.setStamps(connectionId, pair.localIssueId, stamps);
  await deps.pairs.update(connectionId, pair.localIssueId, { lastReceivedAt: new Date(deps.now()).toISOString(), partnerIssueKey: message.origin.issueKey, lastError: null, status: 'active' });
  if (skipped.length) notes.push(`kept newer here: ${skipped.join(', ')}`);
  return applied(notes.join('; ') || 'nothing to change');
}

/** Pairs the origin issue with an existing issue here, named by key; it must be in this sync's project and not paired yet. */
async function pairWithExisting(ctx: Ctx, key: string): Promise<{ pair: Pair } | { reason: string }> {
  const { deps, config, message, connectionId } = ctx;
  let issue: jira.IssueBean;
  try {
    // The backfill's fields ride on this read: a failure after the pair is stored would not read them again.
    issue = await jira.getIssue(deps.jira, key, ['project', ...backfillFields(config)]);
  } catch (error) {
    if (error instanceof JiraError && error.status === 404) return { reason: `${key} does not exist on this side, so ${message.origin.issueKey} cannot pair with it` };
    throw error;
  }
  const project = (issue.fields['project'] as { key?: string } | undefined)?.key;
  if (project !== config.local.projectKey) return { reason: `${issue.key} is not in ${config.local.projectKey}, the project this sync covers` };
  const existing = await deps.pairs.byLocal(connectionId, issue.id);
  if (existing) return { reason: `${issue.key} is already paired with ${existing.partnerIssueKey}` };
  // This side's own filter holds here too: an issue its admin left out of the sync is not paired at the partner's request.
  const filter = config.advanced.jql.trim();
  if (filter && !(await jira.matchesJql(deps.jira, issue.id, filter))) return { reason: `${issue.key} is outside this sync's filter here (${filter.slice(0, 200)}), so ${message.origin.issueKey} cannot pair with it` };
  const now = new Date(deps.now()).toISOString();
  const pair: Pair = {
    connectionId, localIssueId: issue.id, localIssueKey: issue.key, partnerIssueId: message.origin.issueId, partnerIssueKey: message.origin.issueKey,
    firstSyncAt: now, lastSentAt: now, lastReceivedAt: null, lastError: null, status: 'active',
  };
  await deps.pairs.put(pair);
  await audit(ctx, 'issue.updated', issue.key, `paired with ${message.origin.issueKey} at the partner's request; its fields take ${message.origin.issueKey}'s values`);
  await emit(deps, { connectionId, side: sideOf(config), issue: { id: issue.id, key: issue.key }, target: { issueId: message.origin.issueId, issueKey: message.origin.issueKey }, at: deps.now(), change: { kind: 'paired' } });
  // After `paired` in this issue's order, so the partner knows the pair before the existing issue's comments, files and links arrive.
  await backfillIssue(deps, connectionId, config, issue);
  return { pair };
}

export const REFUSES_CREATE = 'this side does not accept new issues from the partner';


/**
 * The fields of this side's new copy of the partner's issue: its values, the origin's key as the summary
 * when none came, this project, the mapped issue type, the parent and the correlation field.
 */
export function createFields(config: SyncConfig, change: IssueChange, originKey: string, input: Record<string, unknown>): { fields: Record<string, unknown>; typeId: string } | { reason: string } {
  const typeId = localTypeOf(config, change.issueType);
  if (!typeId) return { reason: `issue type ${change.issueType.name} is not mapped` };
  const fields: Record<string, unknown> = { summary: originKey, ...input, project: { key: config.local.projectKey }, issuetype: { id: typeId } };
  if (change.parentTargetId) fields['parent'] = { id: change.parentTargetId };
  if (config.advanced.correlationField) fields[config.advanced.correlationField.id] = originKey;
  return { fields, typeId };
}

/** This side's issue type for the partner's, by id, else by name. */
export function localTypeOf(config: SyncConfig, partnerType: { id: string; name: string }): string | undefined {
  return (config.issueTypes.find((t) => t.partner.id === partnerType.id) ?? config.issueTypes.find((t) => t.partner.name === partnerType.name))?.local.id;
}

export type Created = { id: string; key: string; detail: string; moved: boolean };

/**
 * Creates the copy one issue at a time, working around refused values (`refused`: what a bulk create
 * already said about these fields). `tellPartner` sends the pair back as a message; a bulk create answers it
 * instead, and holds the intent of its whole batch (`guarded: false`). A create message's own intent makes a
 * retry after a crash adopt the copy the dead attempt made (docs/decisions/0017-crash-safe-creates.md).
 */
export async function createPartner(ctx: Ctx, change: IssueChange, input: Record<string, unknown>, stamps: Record<string, FieldStamp>, incoming: FieldStamp, options: { tellPartner: boolean; refused?: JiraError; guarded?: boolean }): Promise<Created | { reason: string }> {
  const { deps, message, connectionId } = ctx;
  const made = createFields(ctx.config, change, message.origin.issueKey, input);
  if ('reason' in made) return made;
  const intent: IntentRef = { connectionId, kind: 'issue', id: message.origin.issueId };
  const guarded = options.guarded ?? true;
  let created = guarded ? (await beginCreate(deps, intent, async (left) => (await findIssueCopies(deps, ctx.config.local.projectKey, connectionId, new Set([intent.id]), [left])).get(intent.id))).adopted : undefined;
  const adopted = created !== undefined;
  // The origin rides on the create itself, so whoever finds the issue later knows what it copies.
  const write = () => writeFields(ctx, made.fields, async (f) => { created = await jira.createIssue(deps.jira, { fields: f, properties: [originProperty(connectionId, message.origin.issueId)] }); }, options.refused);
  const dropped = adopted ? [] : guarded ? await createOrEnd(deps, intent, write) : await write();
  if (!created) return { reason: 'Jira did not create the issue' };
  // Told before the pair is stored: a crash in between adopts the copy and tells again, and a second `paired` changes nothing there.
  if (options.tellPartner) await emit(deps, { connectionId, side: sideOf(ctx.config), issue: created, target: { issueId: message.origin.issueId, issueKey: message.origin.issueKey }, at: deps.now(), change: { kind: 'paired' } });
  await deps.pairs.put(createdPair(ctx, created, dropped));
  if (guarded) await endCreate(deps, intent);
  return afterCreate(ctx, change, created, made.typeId, dropped, stamps, incoming, { adopted });
}

/** This side's half of the pair of a new copy; a refused value left out is kept as the pair's last error. */
export function createdPair(ctx: Ctx, created: { id: string; key: string }, dropped: readonly string[]): Pair {
  const now = new Date(ctx.deps.now()).toISOString();
  return {
    connectionId: ctx.connectionId, localIssueId: created.id, localIssueKey: created.key, partnerIssueId: ctx.message.origin.issueId, partnerIssueKey: ctx.message.origin.issueKey,
    firstSyncAt: now, lastSentAt: now, lastReceivedAt: now, lastError: dropped.length ? dropped.join('; ').slice(0, 1000) : null, status: 'active',
  };
}

/** After a copy is made (or `adopted`: found, made by an attempt that died) and paired: the audit entry, the status walk, the stamps. */
export async function afterCreate(ctx: Ctx, change: IssueChange, created: { id: string; key: string }, typeId: string, dropped: readonly string[], stamps: Record<string, FieldStamp>, incoming: FieldStamp, options: { adopted: boolean }): Promise<Created> {
  const { deps, message, connectionId } = ctx;
  const how = options.adopted ? '; found the copy an interrupted attempt made' : '';
  await audit(ctx, 'issue.created', created.key, `from ${message.origin.issueKey}${how}${dropped.length ? `; ${dropped.join('; ')}` : ''}`);
  const status = await statusOfNew(ctx, change, created.id, typeId, stamps, incoming);
  await deps.state.setStamps(connectionId, created.id, stamps);
  return { id: created.id, key: created.key, detail: `${options.adopted ? 'adopted' : 'created'} ${created.key}${dropped.length ? `; ${dropped.join('; ')}` : ''}${status.note}`, moved: status.moved };
}

/** A new issue starts in its workflow's initial status, a 'new' one: only another category is walked to. */
export async function statusOfNew(ctx: Ctx, change: IssueChange, issueId: string, typeId: string | undefined, stamps: Record<string, FieldStamp>, incoming: FieldStamp): Promise<{ moved: boolean; note: string }> {
  if (!change.status || change.status.category === 'new') return { moved: false, note: '' };
  stamps['status'] = incoming;
  const moved = await moveToStatus(ctx.deps.jira, issueId, targetStatus(ctx.config, change.status, typeId));
  return 'moved' in moved ? { moved: moved.moved > 0, note: `; status ${change.status.name} (${moved.moved} transitions)` } : { moved: false, note: `; ${moved.unreachable}` };
}

/**
 * Writes fields; when Jira refuses some (a name unknown here), uses the mapping's default, creates the
 * missing component or version when asked to, or leaves the field out — and tries again, at most twice.
 * `refused` is Jira's answer to an earlier write of the same fields (a bulk create). Returns what it had to leave out.
 */
async function writeFields(ctx: Ctx, fields: Record<string, unknown>, write: (fields: Record<string, unknown>) => Promise<void>, refused?: JiraError): Promise<string[]> {
  const { mappings } = ctx;
  const dropped: string[] = [];
  const created = new Set<string>();
  let last = refused;
  for (let fixes = 0; ; ) {
    if (last) {
      const errors = last.status === 400 ? Object.entries(last.fieldErrors) : [];
      if (fixes >= 2 || errors.length === 0 || errors.some(([f]) => !(f in fields))) throw last;
      fixes++;
      for (const [f, why] of errors) {
        const m = mappings.get(f);
        if (m?.kind === 'system' && m.createMissing && !created.has(f) && Array.isArray(fields[f])) {
          created.add(f);
          await createMissing(ctx, f, fields[f] as Array<{ name: string }>);
          continue;
        }
        const fallback = m ? defaultInput(m) : undefined;
        if (fallback !== undefined && JSON.stringify(fallback) !== JSON.stringify(fields[f])) { fields[f] = fallback; dropped.push(`${f}: ${why} (default used)`); continue; }
        if (f === 'summary') throw last;
        delete fields[f];
        dropped.push(`${f}: ${why} (left out)`);
      }
    }
    try {
      await write(fields);
      return dropped;
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      last = error;
    }
  }
}

async function createMissing(ctx: Ctx, fieldId: string, values: Array<{ name: string }>): Promise<void> {
  const { deps, config } = ctx;
  for (const { name } of values) {
    try {
      if (fieldId === 'components') await jira.createComponent(deps.jira, config.local.projectKey, name);
      else await jira.createVersion(deps.jira, config.local.projectKey, name);
    } catch (error) {
      // Already there (another value of the list was the unknown one): fine.
      if (!(error instanceof JiraError) || error.transient) throw error;
    }
  }
}

async function applyDelete(ctx: Ctx, pair: Pair): Promise<ApplyOutcome> {
  const { deps, config, connectionId, message } = ctx;
  await deps.pairs.update(connectionId, pair.localIssueId, { status: 'deleted', lastReceivedAt: new Date(deps.now()).toISOString() });
  if (!config.advanced.accept.delete || config.advanced.deletePolicy === 'ignore') return applied(`kept ${pair.localIssueKey}: deletes are not followed`);
  if (config.advanced.deletePolicy === 'delete') {
    await jira.deleteIssue(deps.jira, pair.localIssueId);
    await audit(ctx, 'issue.deleted', pair.localIssueKey, `${message.origin.issueKey} was deleted on the partner`);
    return applied(`deleted ${pair.localIssueKey}`);
  }
  await jira.addComment(deps.jira, pair.localIssueId, { type: 'doc', version: 1, content: [textParagraph(`The partner issue ${message.origin.issueKey} was deleted. Lockstep no longer syncs this issue.`, true)] });
  await audit(ctx, 'comment.created', pair.localIssueKey, `marked: ${message.origin.issueKey} was deleted on the partner`);
  return applied(`marked ${pair.localIssueKey}`);
}
