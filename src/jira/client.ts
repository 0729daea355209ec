/**
 * The Jira calls the sync engine makes, one function each, over a JiraTransport. Every function makes
 * exactly one request (the docs' request costs count these), parses what the engine depends on, and
 * turns a failure into a JiraError.
 */
import { z } from 'zod';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../ports/jira';
import { route } from './route';
import { JiraError } from './errors';

const ErrorCollection = z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() });

/** The JiraError of a failed answer whose body was already read as `text`. */
function errorOf(res: JiraResponse, text: string): JiraError {
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  const parsed = ErrorCollection.safeParse(body);
  const retry = Number(res.headers.get('retry-after'));
  return new JiraError(
    res.status,
    parsed.success ? parsed.data.errorMessages ?? [] : [],
    parsed.success ? parsed.data.errors ?? {} : {},
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
    res.headers.get('ratelimit-reason') ?? undefined,
  );
}

async function fail(res: JiraResponse): Promise<never> {
  throw errorOf(res, await res.text());
}

async function call(jira: JiraTransport, r: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
  const res = await jira.requestJira(r, init);
  if (!res.ok) await fail(res);
  return res;
}

const json = (method: 'POST' | 'PUT', body: unknown): JiraRequestInit => ({ method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });

export const IssueBean = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()),
});
export type IssueBean = z.infer<typeof IssueBean>;

export async function getIssue(jira: JiraTransport, idOrKey: string, fields: readonly string[]): Promise<IssueBean> {
  const res = await call(jira, route`/rest/api/3/issue/${idOrKey}?fields=${fields.join(',')}`);
  return IssueBean.parse(await res.json());
}

/** The value of one issue property, or undefined when the issue has none under that key (Jira answers 404). */
export async function issueProperty(jira: JiraTransport, issueId: string, key: string): Promise<unknown> {
  const res = await jira.requestJira(route`/rest/api/3/issue/${issueId}/properties/${key}`);
  if (res.status === 404) return undefined;
  if (!res.ok) await fail(res);
  return z.object({ value: z.unknown() }).parse(await res.json()).value;
}

/**
 * Whether a comment, file or link is still in Jira: a 404 says it is gone (or the issue is), anything else
 * that fails throws. Asked of Jira itself, never of search, whose index can lag behind a just-made object.
 */
export async function objectExists(jira: JiraTransport, object: { kind: 'comment'; issueId: string; id: string } | { kind: 'attachment' | 'link'; id: string }): Promise<boolean> {
  const r = object.kind === 'comment' ? route`/rest/api/3/issue/${object.issueId}/comment/${object.id}`
    : object.kind === 'attachment' ? route`/rest/api/3/attachment/${object.id}` : route`/rest/api/3/issueLink/${object.id}`;
  const res = await jira.requestJira(r);
  if (res.status === 404) return false;
  if (!res.ok) await fail(res);
  await res.text();
  return true;
}

export async function createIssue(jira: JiraTransport, body: { fields: Record<string, unknown>; properties?: Array<{ key: string; value: unknown }> }): Promise<{ id: string; key: string }> {
  const res = await call(jira, route`/rest/api/3/issue`, json('POST', body));
  return z.object({ id: z.string(), key: z.string() }).parse(await res.json());
}

/** Jira's limit of issues per bulk create. */
export const BULK_CREATE = 50;

const CreatedIssues = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })),
  errors: z.array(z.object({ failedElementNumber: z.number().int().nonnegative(), status: z.number().int().optional(), elementErrors: ErrorCollection.optional() })).default([]),
});

/** Each element's outcome, by its index in the request: created, or refused with Jira's reasons. */
export type BulkCreateOutcome = { index: number; id: string; key: string } | { index: number; error: JiraError };

/**
 * Up to 50 issues in one request. Jira answers 201 when any was created and 400 when none was, both listing
 * the refused elements by number; created issues come back in request order. Other failures are thrown.
 */
export async function createIssues(jira: JiraTransport, updates: ReadonlyArray<{ fields: Record<string, unknown>; properties?: Array<{ key: string; value: unknown }> }>): Promise<BulkCreateOutcome[]> {
  if (updates.length === 0) return [];
  if (updates.length > BULK_CREATE) throw new RangeError(`A bulk create takes at most ${BULK_CREATE} issues, not ${updates.length}`);
  const res = await jira.requestJira(route`/rest/api/3/issue/bulk`, json('POST', { issueUpdates: updates }));
  const text = await res.text();
  let parsed: z.infer<typeof CreatedIssues> | undefined;
  if (res.ok || res.status === 400) {
    try { parsed = CreatedIssues.parse(JSON.parse(text)); } catch { parsed = undefined; }
  }
  // A 400 without element errors refuses the request as a whole (malformed, too many issues).
  if (!parsed || (!res.ok && parsed.errors.length === 0)) throw errorOf(res, text);
  const refused = new Map(parsed.errors.map((e) => [e.failedElementNumber, new JiraError(e.status ?? 400, e.elementErrors?.errorMessages ?? [], e.elementErrors?.errors ?? {})]));
  const created = [...parsed.issues];
  return updates.map((_, index) => {
    const error = refused.get(index);
    if (error) return { index, error };
    const issue = created.shift();
    return issue ? { index, id: issue.id, key: issue.key } : { index, error: new JiraError(400, ['Jira listed fewer created issues than it was asked to create'], {}) };
  });
}

export async function editIssue(jira: JiraTransport, id: string, fields: Record<string, unknown>): Promise<void> {
  await call(jira, route`/rest/api/3/issue/${id}`, json('PUT', { fields }));
}

export async function deleteIssue(jira: JiraTransport, id: string): Promise<void> {
  await call(jira, route`/rest/api/3/issue/${id}`, { method: 'DELETE' });
}

export const Transition = z.object({ id: z.string(), name: z.string(), to: z.object({ id: z.string(), name: z.string() }) });
export type Transition = z.infer<typeof Transition>;

export async function getTransitions(jira: JiraTransport, id: string): Promise<Transition[]> {
  const res = await call(jira, route`/rest/api/3/issue/${id}/transitions`);
  return z.object({ transitions: z.array(Transition) }).parse(await res.json()).transitions;
}

export async function transition(jira: JiraTransport, id: string, transitionId: string): Promise<void> {
  await call(jira, route`/rest/api/3/issue/${id}/transitions`, json('POST', { transition: { id: transitionId } }));
}

/** Every workflow with its transitions and statuses, for paths longer than one step. */
export const WorkflowGraph = z.object({
  statuses: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  transitions: z.array(z.object({ id: z.string(), name: z.string(), from: z.array(z.string()), to: z.string(), type: z.string().optional() })).default([]),
});
export type WorkflowGraph = z.infer<typeof WorkflowGraph>;

export async function searchWorkflows(jira: JiraTransport): Promise<WorkflowGraph[]> {
  const res = await call(jira, route`/rest/api/3/workflow/search?expand=${'transitions,statuses'}&maxResults=50`);
  return z.object({ values: z.array(WorkflowGraph) }).parse(await res.json()).values;
}

export async function addComment(jira: JiraTransport, issueId: string, body: unknown): Promise<{ id: string }> {
  const res = await call(jira, route`/rest/api/3/issue/${issueId}/comment`, json('POST', { body }));
  return z.object({ id: z.string() }).parse(await res.json());
}

/** One page of an issue's comments, oldest first: the raw `PageOfComments`, for the caller to parse. */
export async function commentPage(jira: JiraTransport, issueId: string, startAt: number, maxResults: number): Promise<unknown> {
  const res = await call(jira, route`/rest/api/3/issue/${issueId}/comment?startAt=${startAt}&maxResults=${maxResults}`);
  return res.json();
}

const CommentPage = z.object({
  total: z.number().int().nonnegative(),
  comments: z.array(z.object({ id: z.string(), created: z.string(), body: z.unknown(), author: z.object({ accountId: z.string() }).optional() })),
});
export type CommentPage = z.infer<typeof CommentPage>;

/** One page of an issue's comments, newest first. */
export async function commentsNewestFirst(jira: JiraTransport, issueId: string, startAt: number, maxResults = 100): Promise<CommentPage> {
  const res = await call(jira, route`/rest/api/3/issue/${issueId}/comment?orderBy=${'-created'}&startAt=${String(startAt)}&maxResults=${String(maxResults)}`);
  return CommentPage.parse(await res.json());
}

export async function editComment(jira: JiraTransport, issueId: string, commentId: string, body: unknown): Promise<void> {
  await call(jira, route`/rest/api/3/issue/${issueId}/comment/${commentId}`, json('PUT', { body }));
}

export async function deleteComment(jira: JiraTransport, issueId: string, commentId: string): Promise<void> {
  await call(jira, route`/rest/api/3/issue/${issueId}/comment/${commentId}`, { method: 'DELETE' });
}

/** The file itself; `redirect=false` makes Jira answer with the bytes instead of a 303 to its media store. */
export async function downloadAttachment(jira: JiraTransport, attachmentId: string): Promise<Uint8Array> {
  const res = await call(jira, route`/rest/api/3/attachment/content/${attachmentId}?redirect=false`);
  const r = res as JiraResponse & { arrayBuffer?: () => Promise<ArrayBuffer> };
  if (r.arrayBuffer) return new Uint8Array(await r.arrayBuffer());
  return new TextEncoder().encode(await res.text());
}

/** The name an upload gives a file: quotes and line breaks would end the multipart header early. */
export const uploadedName = (filename: string): string => filename.replace(/["\r\n]/g, '_');

/** A multipart body as bytes: @forge/api's requestJira takes a string or an ArrayBuffer, not FormData. */
export function multipartFile(file: { filename: string; mimeType: string; bytes: Uint8Array }, boundary: string): ArrayBuffer {
  const safeName = uploadedName(file.filename);
  const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${file.mimeType || 'application/octet-stream'}\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const out = new Uint8Array(head.length + file.bytes.length + tail.length);
  out.set(head, 0);
  out.set(file.bytes, head.length);
  out.set(tail, head.length + file.bytes.length);
  return out.buffer;
}

export async function uploadAttachment(jira: JiraTransport, issueId: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<{ id: string }> {
  const boundary = `lockstep-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  // Jira refuses multipart uploads without X-Atlassian-Token (XSRF protection).
  const res = await call(jira, route`/rest/api/3/issue/${issueId}/attachments`, {
    method: 'POST',
    headers: { 'X-Atlassian-Token': 'no-check', Accept: 'application/json', 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: multipartFile(file, boundary),
  });
  return z.array(z.object({ id: z.string() })).min(1).parse(await res.json())[0]!;
}

const AttachmentMeta = z.object({ id: z.coerce.string(), filename: z.string(), size: z.number(), created: z.string(), author: z.object({ accountId: z.string() }).optional() });
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** Every attachment of an issue with its name, size, time and author. */
export async function issueAttachments(jira: JiraTransport, issueId: string): Promise<AttachmentMeta[]> {
  const issue = await getIssue(jira, issueId, ['attachment']);
  return z.array(AttachmentMeta).parse(issue.fields['attachment'] ?? []);
}

export async function deleteAttachment(jira: JiraTransport, attachmentId: string): Promise<void> {
  await call(jira, route`/rest/api/3/attachment/${attachmentId}`, { method: 'DELETE' });
}

/** Links two issues; answers the link's id when Jira names it in the Location header (it sends no body). */
export async function createLink(jira: JiraTransport, typeName: string, inwardId: string, outwardId: string): Promise<string | undefined> {
  const res = await call(jira, route`/rest/api/3/issueLink`, json('POST', { type: { name: typeName }, inwardIssue: { id: inwardId }, outwardIssue: { id: outwardId } }));
  return /\/issueLink\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
}

const IssueLinks = z.array(z.object({
  id: z.string(),
  type: z.object({ name: z.string() }),
  inwardIssue: z.object({ id: z.string(), key: z.string() }).optional(),
  outwardIssue: z.object({ id: z.string(), key: z.string() }).optional(),
}));

/** The links of an issue (Jira's link POST answers without the new link's id, so links are found by their ends). */
export async function issueLinks(jira: JiraTransport, issueId: string): Promise<z.infer<typeof IssueLinks>> {
  const issue = await getIssue(jira, issueId, ['issuelinks']);
  return IssueLinks.parse(issue.fields['issuelinks'] ?? []);
}

const LinkTypes = z.object({ issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() })) });
export type LinkType = z.infer<typeof LinkTypes>['issueLinkTypes'][number];

/** The site's link types, with the phrases Jira writes in each end's history ("blocks", "is blocked by"). */
export async function linkTypes(jira: JiraTransport): Promise<LinkType[]> {
  const res = await call(jira, route`/rest/api/3/issueLinkType`);
  return LinkTypes.parse(await res.json()).issueLinkTypes;
}

export async function deleteLink(jira: JiraTransport, linkId: string): Promise<void> {
  await call(jira, route`/rest/api/3/issueLink/${linkId}`, { method: 'DELETE' });
}

/** JQL match count for one issue: whether it falls inside a sync's filter. */
export async function matchesJql(jira: JiraTransport, issueId: string, jql: string): Promise<boolean> {
  const res = await call(jira, route`/rest/api/3/search/jql`, json('POST', { jql: `id = ${issueId} AND (${jql})`, maxResults: 1, fields: ['id'] }));
  return z.object({ issues: z.array(z.unknown()) }).parse(await res.json()).issues.length > 0;
}

/** The account Jira attributes this transport's writes to (the app's own, asApp). */
export async function myAccountId(jira: JiraTransport): Promise<string> {
  const res = await call(jira, route`/rest/api/3/myself`);
  return z.object({ accountId: z.string() }).parse(await res.json()).accountId;
}

export async function findUserByEmail(jira: JiraTransport, email: string): Promise<string | null> {
  const res = await call(jira, route`/rest/api/3/user/search?query=${email}`);
  const users = z.array(z.object({ accountId: z.string(), emailAddress: z.string().optional() })).parse(await res.json());
  return users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase())?.accountId ?? null;
}

export async function createComponent(jira: JiraTransport, projectKey: string, name: string): Promise<void> {
  await call(jira, route`/rest/api/3/component`, json('POST', { project: projectKey, name }));
}

export async function createVersion(jira: JiraTransport, projectId: string, name: string): Promise<void> {
  await call(jira, route`/rest/api/3/version`, json('POST', { projectId: Number(projectId), name }));
}
