/**
 * Crash-safe creates (docs/decisions/0017-crash-safe-creates.md). Before Lockstep asks Jira to create an
 * issue, comment or attachment for a partner object it writes an intent; once the record that pairs the two
 * is stored the intent is ended. An attempt that finds an intent left by one that died in between looks in
 * Jira for what that one may have made and adopts it instead of creating a second copy.
 * Cost: one KVS set and one delete per create; Jira is read only on recovery.
 */
import { z } from 'zod';
import { searchWithProperty } from '../../jira/bulk';
import { ownAccountId } from '../../jira/cached';
import { commentsNewestFirst, issueAttachments, issueProperty, uploadedName, type AttachmentMeta, type CommentPage } from '../../jira/client';
import { JiraError, SearchNotSettled } from '../../jira/errors';
import { jiraTime } from '../../domain/sync/event';
import type { CreateIntent } from '../../ports/intents';
import type { ObjectKind } from '../../ports/sync';
import type { SyncDeps } from './deps';

/** The issue property every copy Lockstep creates carries from its create on: which connection and partner issue it copies. */
export const ORIGIN_PROPERTY = 'lockstep.origin';
const OriginMark = z.object({ connectionId: z.string(), issueId: z.string() });

export const originProperty = (connectionId: string, originIssueId: string): { key: string; value: z.infer<typeof OriginMark> } =>
  ({ key: ORIGIN_PROPERTY, value: { connectionId, issueId: originIssueId } });

/** How far Jira's clock may be from Forge's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** The longest a Forge function runs (a consumer's 900 s): a create asked for after `since` was made before this. */
export const LONGEST_INVOCATION_MS = 900_000;
/** Jira's search may miss a create for a few seconds: a younger intent that finds nothing is looked at again later. */
export const SEARCH_SETTLE_MS = 60_000;

export type IntentRef = Omit<CreateIntent, 'since'>;
type IntentDeps = Pick<SyncDeps, 'intents' | 'now'>;

/**
 * Writes the intent of a create. With none left over, answers `{}`: go on and create. With one left by an
 * attempt that died, asks `recover` for what that attempt made: found, it is `adopted`; not found, the
 * intent is renewed (the next search starts from now) and the caller creates.
 */
export async function beginCreate<T>(deps: IntentDeps, ref: IntentRef, recover: (leftover: CreateIntent) => Promise<T | undefined>): Promise<{ adopted?: T }> {
  const fresh: CreateIntent = { ...ref, since: deps.now() };
  const leftover = await deps.intents.begin(fresh);
  if (!leftover) return {};
  const found = await recover(leftover);
  if (found !== undefined) return { adopted: found };
  await deps.intents.renew(fresh);
  return {};
}

/** The create's record is stored: its intent is no longer needed. */
export const endCreate = (deps: IntentDeps, ref: IntentRef): Promise<void> => deps.intents.end(ref.connectionId, ref.kind, ref.id);

/** Runs the create; when Jira refuses it (4xx: nothing was made), its intent ends, so a retry does not look for it. */
export async function createOrEnd<T>(deps: IntentDeps, ref: IntentRef, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof JiraError && !error.transient) await endCreate(deps, ref);
    throw error;
  }
}

/** Epoch ms between which Jira stamped any create the intents' attempts made. */
export function searchWindow(intents: ReadonlyArray<Pick<CreateIntent, 'since'>>): { from: number; to: number } {
  const since = intents.map((i) => i.since);
  return { from: Math.min(...since) - CLOCK_SKEW_MS, to: Math.max(...since) + LONGEST_INVOCATION_MS + CLOCK_SKEW_MS };
}

/** The issues of a project created inside a window, oldest first. */
export const createdJql = (projectKey: string, window: { from: number; to: number }): string =>
  `project = "${projectKey}" AND created >= ${Math.floor(window.from)} AND created <= ${Math.ceil(window.to)} ORDER BY created ASC`;

/** The origin a copy's property names, when it is this connection's. */
export function originOf(value: unknown, connectionId: string): string | undefined {
  const mark = OriginMark.safeParse(value);
  return mark.success && mark.data.connectionId === connectionId ? mark.data.issueId : undefined;
}

/**
 * Copies of these partner issues that interrupted attempts made here: issues of the project created in the
 * intents' window whose origin property names one of them, the oldest for each, and that no other partner
 * issue is paired with. An intent younger than the search index's lag that finds fewer than it looks for
 * throws SearchNotSettled, to look again shortly.
 */
export async function findIssueCopies(deps: Pick<SyncDeps, 'jira' | 'now' | 'pairs'>, projectKey: string, connectionId: string, origins: ReadonlySet<string>, intents: readonly CreateIntent[]): Promise<Map<string, { id: string; key: string }>> {
  const found = new Map<string, { id: string; key: string }>();
  const jql = createdJql(projectKey, searchWindow(intents));
  let token: string | undefined;
  do {
    const page = await searchWithProperty(deps.jira, jql, ORIGIN_PROPERTY, token);
    for (const issue of page.issues) {
      const origin = originOf(issue.value, connectionId);
      if (origin === undefined || !origins.has(origin) || found.has(origin)) continue;
      // Adopting re-pairs the issue: one paired with another partner issue would be taken from that pair.
      const pair = await deps.pairs.byLocal(connectionId, issue.id);
      if (pair && pair.partnerIssueId !== origin) continue;
      found.set(origin, { id: issue.id, key: issue.key });
    }
    token = page.nextPageToken;
  } while (token && found.size < origins.size);
  const youngest = Math.max(...intents.map((i) => i.since));
  if (found.size < origins.size && deps.now() - youngest < SEARCH_SETTLE_MS) throw new SearchNotSettled(`Looking for copies an interrupted create may have made: Jira's search may not show them yet`);
  return found;
}

/**
 * An event about this connection's copy whose pair is not stored yet: a create that died (or is still running)
 * before its record. Captured now, it would share the copy back as a person's new issue and the partner would
 * pair that echo with it; so the event waits (a passing error: retried, then deferred) until the create's
 * retry has adopted the copy, and then carries the person's change like any edit of a paired issue.
 */
export class CopyNotRecorded extends Error {
  override readonly name = 'CopyNotRecorded';
}

/**
 * What an unpaired issue is to this connection: not its copy (a person's issue, another app's, another sync's
 * copy), its copy whose create is still to be recorded (an intent for its origin is there), or its copy that
 * no create will record (the intent ended: another copy was made, or the create was given up). Lockstep's
 * copies are the app's, so a person's issue (named by the creator, as events and reads carry it) costs no
 * request; an app's costs one property read, and one of this sync's copies two KVS queries.
 */
export async function copyState(deps: Pick<SyncDeps, 'jira' | 'intents' | 'pairs'>, connectionId: string, issueId: string, creator: unknown): Promise<'not-a-copy' | 'unrecorded' | 'abandoned'> {
  const type = (creator as { accountType?: unknown } | null | undefined)?.accountType;
  if (type !== undefined && type !== 'app') return 'not-a-copy';
  const origin = originOf(await issueProperty(deps.jira, issueId, ORIGIN_PROPERTY), connectionId);
  if (origin === undefined) return 'not-a-copy';
  const [single, batches] = await Promise.all([deps.intents.list(connectionId, 'issue'), deps.intents.list(connectionId, 'bulk')]);
  if (single.some((i) => i.id === origin) || batches.some((i) => i.origins?.includes(origin))) return 'unrecorded';
  // A create stores the pair before it ends its intent: paired by now, the event goes through on its retry.
  return (await deps.pairs.byLocal(connectionId, issueId)) ? 'unrecorded' : 'abandoned';
}

/** The same document whatever the order of its object keys. */
export function sameDoc(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Comments of a page the app wrote at or after `from` with exactly this body, newest first. */
export function commentCandidates(page: CommentPage['comments'], appAccountId: string, body: unknown, from: number): string[] {
  return page.filter((c) => c.author?.accountId === appAccountId && (jiraTime(c.created) ?? 0) >= from && sameDoc(c.body, body)).map((c) => c.id);
}

/** Attachments the app uploaded at or after `from` under this name and size, newest first. */
export function attachmentCandidates(list: readonly AttachmentMeta[], appAccountId: string, filename: string, size: number, from: number): string[] {
  const name = uploadedName(filename);
  return list
    .filter((a) => a.author?.accountId === appAccountId && a.filename === name && a.size === size && (jiraTime(a.created) ?? 0) >= from)
    .sort((a, b) => (jiraTime(b.created) ?? 0) - (jiraTime(a.created) ?? 0))
    .map((a) => a.id);
}

type FindDeps = Pick<SyncDeps, 'jira' | 'state'>;

/** The first of `ids` not paired with a partner object yet: one already paired is another partner object's copy. */
async function firstUnpaired(deps: FindDeps, connectionId: string, kind: ObjectKind, ids: readonly string[]): Promise<string | undefined> {
  for (const id of ids) if ((await deps.state.partnerObject(connectionId, kind, id)) === undefined) return id;
  return undefined;
}

/** The comment an interrupted attempt added to an issue: the app's, since the intent, with exactly this body. */
export async function findComment(deps: FindDeps, connectionId: string, issueId: string, body: unknown, intent: CreateIntent): Promise<string | undefined> {
  const from = intent.since - CLOCK_SKEW_MS;
  const app = await ownAccountId(deps.jira);
  for (let startAt = 0; ;) {
    const page = await commentsNewestFirst(deps.jira, issueId, startAt);
    const id = await firstUnpaired(deps, connectionId, 'comment', commentCandidates(page.comments, app, body, from));
    if (id) return id;
    startAt += page.comments.length;
    const oldest = page.comments.at(-1);
    // Newest first: once a page reaches back before the window, older pages cannot hold it.
    if (!oldest || startAt >= page.total || (jiraTime(oldest.created) ?? 0) < from) return undefined;
  }
}

/** The file an interrupted attempt attached to an issue: the app's, since the intent, with this name and size. */
export async function findAttachment(deps: FindDeps, connectionId: string, issueId: string, file: { filename: string; size: number }, intent: CreateIntent): Promise<string | undefined> {
  const app = await ownAccountId(deps.jira);
  const ids = attachmentCandidates(await issueAttachments(deps.jira, issueId), app, file.filename, file.size, intent.since - CLOCK_SKEW_MS);
  return firstUnpaired(deps, connectionId, 'attachment', ids);
}
