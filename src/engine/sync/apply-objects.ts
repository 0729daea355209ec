/**
 * Applying the partner's comments, attachments and links to their paired issue here: each made once
 * (under an intent, so a retry after a crash adopts what the dead attempt made), newest wins against a
 * later change here, and deletions followed as the configuration says.
 */
import { receives } from '../../domain/config/direction';
import { textParagraph } from '../../domain/sync/adf';
import { incomingWins } from '../../domain/sync/conflict';
import type { Change } from '../../domain/sync/message';
import { authorLine } from '../../domain/sync/users';
import * as jira from '../../jira/client';
import { linkType } from '../../jira/cached';
import { JiraError } from '../../jira/errors';
import type { Pair } from '../../ports/pairs';
import { applied, audit, incomingStamp, type ApplyContext as Ctx, type ApplyOutcome } from './apply-context';
import { forgetSent, objectStamp, stampSent } from './capture';
import type { SyncDeps } from './deps';
import { beginCreate, createOrEnd, endCreate, findAttachment, findComment, type IntentRef } from './intents';
import { lastLinkChange, symmetric } from './link-times';

export async function applyComment(ctx: Ctx, change: Extract<Change, { kind: 'comment' }>, pair: Pair): Promise<ApplyOutcome> {
  const { deps, config, connectionId } = ctx;
  if (!receives(config.comments.direction)) return applied('comments are not received');
  const body = { type: 'doc', version: 1, content: [textParagraph(authorLine(change.author, change.created), true), ...change.body.content] };
  const existing = await deps.state.localObject(connectionId, 'comment', change.commentId);
  // Newest wins per comment too: a late or repeated copy of an older version must not undo a later edit.
  const stampKey = `comment:${change.commentId}`;
  const stamps = await deps.state.stamps(connectionId, pair.localIssueId);
  const incoming = incomingStamp(ctx.message);
  // (A deleted comment leaves its stamp behind, so a late copy does not bring it back.)
  if (!incomingWins(stamps[stampKey], incoming)) return applied(existing ? `kept comment ${existing}: a later version of it is here already` : `comment ${change.commentId} was deleted after this version`);
  await stampSent(deps, connectionId, pair.localIssueId, [stampKey], incoming);
  if (existing) {
    await jira.editComment(deps.jira, pair.localIssueId, existing, body);
    await audit(ctx, 'comment.updated', pair.localIssueKey, `comment ${existing} follows partner comment ${change.commentId}`);
    return applied(`updated comment ${existing}`);
  }
  // Under an intent: a retry after a crash adopts the comment the dead attempt added (docs/decisions/0017-crash-safe-creates.md).
  const intent: IntentRef = { connectionId, kind: 'comment', id: change.commentId };
  const found = (await beginCreate(deps, intent, (left) => findComment(deps, connectionId, pair.localIssueId, body, left))).adopted;
  const id = found ?? (await createOrEnd(deps, intent, () => jira.addComment(deps.jira, pair.localIssueId, body))).id;
  await deps.state.putObjectPair(connectionId, 'comment', id, change.commentId);
  await endCreate(deps, intent);
  await audit(ctx, 'comment.created', pair.localIssueKey, `comment ${id} from partner comment ${change.commentId}${found ? ' (found, added by an interrupted attempt)' : ''}`);
  return applied(`${found ? 'adopted' : 'added'} comment ${id}`);
}

export async function applyCommentDelete(ctx: Ctx, partnerCommentId: string, pair: Pair): Promise<ApplyOutcome> {
  const { deps, config, connectionId } = ctx;
  if (!receives(config.comments.direction) || !config.comments.followDeletes) return applied('comment deletes are not followed');
  const local = await deps.state.localObject(connectionId, 'comment', partnerCommentId);
  // A tombstone: a copy of the comment that arrives late (a delayed event on the partner) stays deleted.
  await stampSent(deps, connectionId, pair.localIssueId, [`comment:${partnerCommentId}`], incomingStamp(ctx.message));
  if (!local) return applied('comment was never synced here');
  try { await jira.deleteComment(deps.jira, pair.localIssueId, local); } catch (e) { if (!(e instanceof JiraError) || e.status !== 404) throw e; }
  await deps.state.removeObjectPair(connectionId, 'comment', local);
  await audit(ctx, 'comment.deleted', pair.localIssueKey, `comment ${local}: partner comment ${partnerCommentId} was deleted`);
  return applied(`deleted comment ${local}`);
}

export async function applyAttachment(ctx: Ctx, change: Extract<Change, { kind: 'attachment' }>, pair: Pair): Promise<ApplyOutcome> {
  const { deps, config, connectionId } = ctx;
  if (!receives(config.attachments.direction)) return applied('attachments are not received');
  if (await deps.state.localObject(connectionId, 'attachment', change.attachmentId)) return applied('attachment already here');
  // Under an intent: a retry after a crash adopts the file the dead attempt uploaded.
  const intent: IntentRef = { connectionId, kind: 'attachment', id: change.attachmentId };
  const found = (await beginCreate(deps, intent, (left) => findAttachment(deps, connectionId, pair.localIssueId, change, left))).adopted;
  const id = found ?? (await createOrEnd(deps, intent, async () => jira.uploadAttachment(deps.jira, pair.localIssueId, { filename: change.filename, mimeType: change.mimeType, bytes: await fileOf(deps, change) }))).id;
  await deps.state.putObjectPair(connectionId, 'attachment', id, change.attachmentId);
  await endCreate(deps, intent);
  await audit(ctx, 'attachment.created', pair.localIssueKey, `${change.filename} (${change.size} bytes)${found ? ', found, uploaded by an interrupted attempt' : ''}`);
  return applied(`${found ? 'adopted' : 'attached'} ${change.filename}`);
}

/** Cross-site the file travels in the message; same-site it is read from this very site. */
async function fileOf(deps: SyncDeps, change: Extract<Change, { kind: 'attachment' }>): Promise<Uint8Array> {
  return new Uint8Array(change.contentBase64 !== undefined ? Buffer.from(change.contentBase64, 'base64') : await jira.downloadAttachment(deps.jira, change.attachmentId));
}

export async function applyAttachmentDelete(ctx: Ctx, partnerId: string, pair: Pair): Promise<ApplyOutcome> {
  const { deps, config, connectionId } = ctx;
  if (!receives(config.attachments.direction)) return applied('attachments are not received');
  const local = await deps.state.localObject(connectionId, 'attachment', partnerId);
  if (!local) return applied('attachment was never synced here');
  try { await jira.deleteAttachment(deps.jira, local); } catch (e) { if (!(e instanceof JiraError) || e.status !== 404) throw e; }
  await deps.state.removeObjectPair(connectionId, 'attachment', local);
  await audit(ctx, 'attachment.deleted', pair.localIssueKey, `attachment ${local}`);
  return applied(`removed attachment ${local}`);
}

export async function applyLink(ctx: Ctx, change: Extract<Change, { kind: 'link' }>, pair: Pair | undefined): Promise<ApplyOutcome> {
  const { deps, config } = ctx;
  if (!receives(config.links.direction)) return applied('links are not received');
  if (config.links.types.length > 0 && !config.links.types.includes(change.typeName)) return applied(`link type ${change.typeName} is not received`);
  const type = await linkType(deps.jira, change.typeName);
  const what = `${change.typeName} ${change.inwardTargetId} → ${change.outwardTargetId}`;
  // Newest wins: a person here removed this link after the partner made it, so it stays removed (the partner hears of that removal).
  const outwardKey = (await deps.pairs.byLocal(ctx.connectionId, change.outwardTargetId))?.localIssueKey;
  const removed = outwardKey ? await lastLinkChange(deps, change.inwardTargetId, outwardKey, type, 'removed') : undefined;
  if (removed !== undefined && removed > ctx.message.at) return applied(`kept removed here: ${what} was removed here later`);
  // "Relates to" the other way round is this very relationship: it is not made twice.
  if (symmetric(type) && (await jira.issueLinks(deps.jira, change.inwardTargetId)).some((l) => l.type.name === change.typeName && l.inwardIssue?.id === change.outwardTargetId)) {
    return applied(`already linked: ${what}, the other way round`);
  }
  const linkId = await jira.createLink(deps.jira, change.typeName, change.inwardTargetId, change.outwardTargetId);
  // Noted as known on its inward end, so this side's catch-up sweep never takes the copy for a link of its own it failed to send.
  if (linkId) await stampSent(deps, ctx.connectionId, change.inwardTargetId, [objectStamp('link', linkId)], { ...incomingStamp(ctx.message), link: { type: change.typeName, outward: change.outwardTargetId } });
  await audit(ctx, 'link.created', pair?.localIssueKey ?? change.inwardTargetId, what);
  return applied(`linked ${what}`);
}

export async function applyLinkDelete(ctx: Ctx, change: Extract<Change, { kind: 'link-deleted' }>, pair: Pair | undefined): Promise<ApplyOutcome> {
  const { deps, config } = ctx;
  if (!receives(config.links.direction)) return applied('links are not received');
  const type = await linkType(deps.jira, change.typeName);
  const what = `${change.typeName} ${change.inwardTargetId} → ${change.outwardTargetId}`;
  const links = await jira.issueLinks(deps.jira, change.inwardTargetId);
  // Only the link of this direction (the issues may also be linked the other way round, and that link stays),
  // unless the type reads alike both ways: then both directions are the one relationship that was removed.
  const gone = links.filter((l) => l.type.name === change.typeName && (l.outwardIssue?.id === change.outwardTargetId || (symmetric(type) && l.inwardIssue?.id === change.outwardTargetId)));
  const other = gone[0]?.outwardIssue ?? gone[0]?.inwardIssue;
  if (!other) return applied('link already gone');
  // Newest wins: a person here made this link after the partner removed its own, so it stays (the partner hears of it).
  const made = await lastLinkChange(deps, change.inwardTargetId, other.key, type, 'made');
  if (made !== undefined && made > ctx.message.at) return applied(`kept here: ${what} was made here later`);
  for (const link of gone) {
    await jira.deleteLink(deps.jira, link.id);
    // Its note goes with it (on its inward end): a sweep must not send this deletion back, nor take a link made again later for it.
    await forgetSent(deps, ctx.connectionId, link.outwardIssue ? change.inwardTargetId : change.outwardTargetId, objectStamp('link', link.id), undefined);
  }
  await audit(ctx, 'link.deleted', pair?.localIssueKey ?? change.inwardTargetId, what);
  return applied(`unlinked ${what}`);
}

