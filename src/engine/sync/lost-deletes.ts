/**
 * Deletions whose product event never came: a comment, file or link this side sent (capture keeps a
 * `sent:` note of each in the issue's stamps, with a link's ends) that is gone from the issue now. Each is
 * confirmed gone with Jira itself (search's index can lag behind a just-made object), sent as the deletion
 * its event would have made, and its note forgotten, so it goes once. Jira cost: one GET per object
 * missing from the issue's fields; none when nothing is missing.
 */
import { sends } from '../../domain/config/direction';
import type { SyncConfig } from '../../domain/config/schema';
import type { FieldStamp } from '../../domain/sync/conflict';
import type { SyncEvent } from '../../domain/sync/event';
import { objectExists, type IssueBean } from '../../jira/client';
import { ObjectField, type IssueObjects } from '../../jira/issue-objects';
import { captureEvent, forgetSent, objectStamp } from './capture';
import type { SyncDeps } from './deps';

export type DeletedKind = 'comment' | 'attachment' | 'link';

/** The kinds of object whose deletions this side sends under the configuration, with the issue field that holds them. */
export function deletionKinds(config: SyncConfig): Array<{ kind: DeletedKind; field: ObjectField }> {
  return [
    ...(sends(config.comments.direction) && config.comments.followDeletes ? [{ kind: 'comment' as const, field: ObjectField.comments }] : []),
    ...(sends(config.attachments.direction) ? [{ kind: 'attachment' as const, field: ObjectField.attachments }] : []),
    ...(sends(config.links.direction) ? [{ kind: 'link' as const, field: ObjectField.links }] : []),
  ];
}

/**
 * Sends the deletions of `kinds` the issue's objects show were missed; answers how many went. `objects`
 * must hold every object of those kinds (every comment: see completeComments).
 */
export async function sendLostDeletions(deps: SyncDeps, connectionId: string, kinds: readonly DeletedKind[], issue: IssueBean, objects: IssueObjects, stamps: Record<string, FieldStamp>): Promise<number> {
  const present: Record<DeletedKind, Set<string>> = {
    comment: new Set(objects.comments.map((c) => c.id)),
    attachment: new Set(objects.attachments.map((a) => a.id)),
    link: new Set(objects.links.map((l) => l.id)),
  };
  let sent = 0;
  for (const kind of kinds) {
    const prefix = objectStamp(kind, '');
    for (const [key, stamp] of Object.entries(stamps)) {
      if (!key.startsWith(prefix)) continue;
      const id = key.slice(prefix.length);
      if (present[kind].has(id)) continue;
      if (await objectExists(deps.jira, kind === 'comment' ? { kind, issueId: issue.id, id } : { kind, id })) continue;
      const event = deletionEvent(kind, id, issue, stamp);
      // A link noted before its ends were kept cannot be named any more: its note is only forgotten.
      if (event && 'sent' in (await captureEvent(deps, event, { connectionId }))) { sent++; continue; } // capture forgot the note as it sent
      // Not sent (a sync that no longer follows deletes says why): it is not looked at again.
      await forgetSent(deps, connectionId, issue.id, key, undefined);
    }
  }
  return sent;
}

/** The product event Jira would have sent for the deletion. */
function deletionEvent(kind: DeletedKind, id: string, issue: IssueBean, stamp: FieldStamp): SyncEvent | undefined {
  const about = { id: issue.id, key: issue.key, fields: { project: issue.fields['project'] } };
  switch (kind) {
    case 'comment': return { eventType: 'avi:jira:deleted:comment', issue: about, comment: { id } };
    case 'attachment': return { eventType: 'avi:jira:deleted:attachment', issue: about, attachment: { id, filename: id, mimeType: 'application/octet-stream', size: 0 } };
    case 'link':
      // Noted on the link's inward end, which its events name as the source.
      return stamp.link ? { eventType: 'avi:jira:deleted:issuelink', issue: about, issueLink: { id, sourceIssueId: issue.id, destinationIssueId: stamp.link.outward, issueLinkType: { name: stamp.link.type } } } : undefined;
  }
}
