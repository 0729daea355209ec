/** Attachments: multipart upload (XSRF header required, as in Jira), metadata, content download, delete. */
import type { Router } from '../http/router';
import { noContent, ok } from '../http/context';
import { JiraHttpError, forbidden, notFound } from '../http/errors';
import { requireIssue } from '../issues/edit';
import { recordHistory } from '../issues/history';
import { renderAttachment } from '../render/issue';
import { issueEventPayload } from '../issues/payload';
import { JiraEventType } from '../events';
import { hasProjectPermission } from '../permissions';
import type { Site } from '../model/site';
import type { AttachmentRecord, UserRecord } from '../model/types';

/** Jira Cloud's default attachment size limit. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function requireAttachment(site: Site, caller: UserRecord, id: string): AttachmentRecord {
  const attachment = site.attachments.get(id);
  if (!attachment) throw notFound(`The attachment with id '${id}' does not exist`);
  requireIssue(site, caller, attachment.issueId);
  return attachment;
}

function metadata(site: Site, a: AttachmentRecord): Record<string, unknown> {
  const { id, ...rest } = renderAttachment(site, a);
  return { id: Number(id), ...rest, properties: {} };
}

export function registerAttachmentRoutes(router: Router): void {
  router.on('POST', '/rest/api/3/issue/{issueIdOrKey}/attachments', async ({ site, caller, params, request }) => {
    if (request.headers.get('x-atlassian-token') !== 'no-check') throw new JiraHttpError(403, ['XSRF check failed']);
    const issue = requireIssue(site, caller, params['issueIdOrKey']!, 'CREATE_ATTACHMENTS');
    let form: FormData;
    try { form = await request.formData(); } catch { throw new JiraHttpError(400, ['The request is not a valid multipart/form-data upload.']); }
    const files = form.getAll('file').filter((f): f is File => typeof f !== 'string');
    if (files.length === 0) throw new JiraHttpError(400, ["No attachments were found in the request; send them as multipart parts named 'file'."]);
    const tooBig = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
    if (tooBig) throw new JiraHttpError(413, [`The file ${tooBig.name} is too large: the limit is ${MAX_ATTACHMENT_BYTES} bytes.`]);
    const out: Record<string, unknown>[] = [];
    for (const file of files) {
      const record: AttachmentRecord = {
        id: site.allocateId(), issueId: issue.id, filename: file.name || 'attachment', authorId: caller.accountId, created: site.now(),
        mimeType: file.type || 'application/octet-stream', content: new Uint8Array(await file.arrayBuffer()),
      };
      site.attachments.set(record.id, record);
      issue.attachmentIds.push(record.id);
      // Jira records attachments in the issue's history (field "Attachment"), which also moves `updated`.
      recordHistory(site, issue, caller.accountId, [{ field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: null, fromString: null, to: record.id, toString: record.filename }]);
      const rendered = renderAttachment(site, record);
      site.events.publish(JiraEventType.attachmentCreated, caller.accountId, { attachment: { ...rendered, issueId: issue.id }, issue: issueEventPayload(site, issue) });
      out.push(rendered);
    }
    return { status: 200, body: out, objects: 0, writes: [issue.id] };
  });

  router.on('GET', '/rest/api/3/attachment/{id}', ({ site, caller, params }) => ok(metadata(site, requireAttachment(site, caller, params['id']!))));

  router.on('DELETE', '/rest/api/3/attachment/{id}', ({ site, caller, params }) => {
    const attachment = requireAttachment(site, caller, params['id']!);
    const issue = site.issues.get(attachment.issueId)!;
    const project = site.projects.get(issue.projectId)!;
    const own = attachment.authorId === caller.accountId && hasProjectPermission(caller, project, 'DELETE_OWN_ATTACHMENTS');
    if (!own && !hasProjectPermission(caller, project, 'DELETE_ALL_ATTACHMENTS')) throw forbidden('You do not have permission to delete this attachment.');
    const rendered = renderAttachment(site, attachment);
    site.attachments.delete(attachment.id);
    issue.attachmentIds = issue.attachmentIds.filter((id) => id !== attachment.id);
    recordHistory(site, issue, caller.accountId, [{ field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: attachment.id, fromString: attachment.filename, to: null, toString: null }]);
    site.events.publish(JiraEventType.attachmentDeleted, caller.accountId, { attachment: { ...rendered, issueId: issue.id }, issue: issueEventPayload(site, issue) });
    return { ...noContent(), writes: [issue.id] };
  });

  router.on('GET', '/rest/api/3/attachment/content/{id}', ({ site, caller, params, query }) => {
    const attachment = requireAttachment(site, caller, params['id']!);
    // Jira redirects to its media store by default; the emulator's "media store" is the same path with redirect=false.
    if (query.get('redirect') !== 'false') {
      return { status: 303, headers: { Location: `${site.baseUrl}/rest/api/3/attachment/content/${attachment.id}?redirect=false` }, objects: 0 };
    }
    return { status: 200, raw: { bytes: attachment.content, contentType: attachment.mimeType, filename: attachment.filename }, objects: 1 };
  });
}
