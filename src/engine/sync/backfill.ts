/**
 * Backfill: the comments, attachments and links an issue gathered before its pair existed. Their events
 * came while the issue was unpaired (for a link, while either end was), so capture let them go; when the
 * pair forms, the issue's current ones are read and sent through capture, as if their events came now.
 * A repeat is harmless on the receiving side: a comment it already paired is updated, a file it already
 * paired is kept, and Jira answers a link that already exists as created without making a second one.
 * Jira cost per pairing: 1 GET of the issue (+1 per 100 comments past what Jira puts in it); none when the
 * sync sends none of the three, or when a search already read them (the initial sync). Telling the app's
 * own comments and files from another app's adds a cached `GET /myself`, only when an app wrote one.
 */
import { sends } from '../../domain/config/direction';
import type { SyncConfig } from '../../domain/config/schema';
import { SyncEvent, type EventIssue } from '../../domain/sync/event';
import { ownAccountId } from '../../jira/cached';
import { JiraError } from '../../jira/errors';
import { completeComments, issueObjects, ObjectField, readIssueObjects, type IssueComment, type IssueLinkEntry, type IssueObjects } from '../../jira/issue-objects';
import type { Pair } from '../../ports/pairs';
import { captureForSync } from './capture';
import type { SyncDeps } from './deps';

export interface Backfilled {
  sent: { comments: number; attachments: number; links: number };
  /** One line for the outcome of whatever formed the pair, e.g. "; backfilled 2 comments, 1 link". */
  note: string;
}

const NOTHING: Backfilled = { sent: { comments: 0, attachments: 0, links: 0 }, note: '' };

/** The issue fields a backfill reads under this configuration: only those of what this side sends. */
export function backfillFields(config: SyncConfig): ObjectField[] {
  return [
    ...(sends(config.comments.direction) ? [ObjectField.comments] : []),
    ...(sends(config.attachments.direction) ? [ObjectField.attachments] : []),
    ...(sends(config.links.direction) ? [ObjectField.links] : []),
  ];
}

/** Reads the newly paired local issue's comments, attachments and links in one GET and sends them. */
export async function backfillPair(deps: SyncDeps, connectionId: string, config: SyncConfig, pair: Pair): Promise<Backfilled> {
  const fields = backfillFields(config);
  if (fields.length === 0 || pair.status === 'deleted') return NOTHING;
  let read: Awaited<ReturnType<typeof readIssueObjects>>;
  try {
    read = await readIssueObjects(deps.jira, pair.localIssueId, fields);
  } catch (error) {
    // Deleted here meanwhile: there is nothing left to send, and its delete event tells the partner.
    if (error instanceof JiraError && error.status === 404) return NOTHING;
    throw error;
  }
  return sendObjects(deps, connectionId, config, { id: pair.localIssueId, key: read.key }, read.objects);
}

/**
 * The same for an issue whose fields a search already read (with `backfillFields`): no GET. `complete`
 * passes its objects when the caller already completed its comments, so they are not read twice.
 */
export async function backfillIssue(deps: SyncDeps, connectionId: string, config: SyncConfig, issue: { id: string; key: string; fields: Record<string, unknown> }, only?: ObjectFilter, complete?: IssueObjects): Promise<Backfilled> {
  if (backfillFields(config).length === 0) return NOTHING;
  const objects = complete ?? (await completeComments(deps.jira, issue.id, issueObjects(issue.fields)));
  if (!only) return sendObjects(deps, connectionId, config, { id: issue.id, key: issue.key }, objects);
  // The catch-up sweep sends only what its window says may have been missed.
  const chosen: IssueObjects = {
    ...objects,
    comments: objects.comments.filter((c) => only('comment', c)),
    attachments: objects.attachments.filter((a) => only('attachment', a)),
    links: objects.links.filter((l) => only('link', l)),
  };
  return sendObjects(deps, connectionId, config, { id: issue.id, key: issue.key }, chosen);
}

/** Which of an issue's objects to send: the catch-up sweep's choice. */
export type ObjectFilter = (kind: 'comment' | 'attachment' | 'link', object: { id: string; created?: string | undefined; updated?: string | undefined; outwardIssue?: unknown }) => boolean;

async function sendObjects(deps: SyncDeps, connectionId: string, config: SyncConfig, issue: { id: string; key: string }, objects: IssueObjects): Promise<Backfilled> {
  const here: EventIssue = { ...issue, fields: {} };
  const capture = async (raw: Record<string, unknown>, about: EventIssue = here): Promise<number> => {
    const event = SyncEvent.safeParse(raw);
    // One that would not make a valid event (an author without an id, say) is left out, as capture would leave out that event.
    if (!event.success) return 0;
    const out = await captureForSync(deps, connectionId, config, event.data, about);
    return typeof out === 'string' ? 0 : out.length;
  };
  const sent = { comments: 0, attachments: 0, links: 0 };
  for (const comment of objects.comments) {
    if ((await byThisApp(deps, comment.author)) || (await deps.state.partnerObject(connectionId, 'comment', comment.id))) continue;
    sent.comments += await capture({ eventType: 'avi:jira:commented:issue', issue: here, comment });
  }
  for (const attachment of objects.attachments) {
    if ((await byThisApp(deps, attachment.author)) || (await deps.state.partnerObject(connectionId, 'attachment', attachment.id))) continue;
    sent.attachments += await capture({ eventType: 'avi:jira:created:attachment', issue: here, attachment });
  }
  for (const link of objects.links) {
    const ends = linkEnds(here, link);
    // Capture carries it only when both ends are paired; if the other pairs later, its own backfill sends it then.
    if (ends) sent.links += await capture({ eventType: 'avi:jira:created:issuelink', issueLink: { id: link.id, sourceIssueId: ends.source.id, destinationIssueId: ends.destination.id, issueLinkType: link.type } }, ends.source);
  }
  return { sent, note: describe(sent) };
}

/**
 * Whether Lockstep itself wrote it (a partner's comment or file copied here, or its own note): `ignoreSelf`
 * never sends those either. Another app's (an automation's) go, as their events do; telling them apart
 * reads the app's own account, once per site and ten minutes, and only when an app wrote something.
 */
async function byThisApp(deps: SyncDeps, author: IssueComment['author']): Promise<boolean> {
  return author?.accountType === 'app' && author.accountId === (await ownAccountId(deps.jira));
}

/**
 * A link as its created event names it: the source is the inward end, which sees the other as its
 * `outwardIssue` (the emulator's and capture's reading of Jira's link events).
 */
function linkEnds(here: EventIssue, link: IssueLinkEntry): { source: EventIssue; destination: EventIssue } | undefined {
  if (link.outwardIssue) return { source: here, destination: { ...link.outwardIssue, fields: {} } };
  if (link.inwardIssue) return { source: { ...link.inwardIssue, fields: {} }, destination: here };
  return undefined;
}

function describe(sent: Backfilled['sent']): string {
  const parts = [[sent.comments, 'comment'], [sent.attachments, 'attachment'], [sent.links, 'link']] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  return said.length ? `; backfilled ${said.join(', ')}` : '';
}
