/** The parts of Jira product events the sync engine reads: parsed, never trusted, only what it uses. */
import { z } from 'zod';
import { ChangeItem } from './changes';

// Bounds as a message's PortableUser takes them: an author it cannot carry reads as unknown (null), not as a message the partner refuses.
const UserRef = z.object({ accountId: z.string().min(1).max(128), displayName: z.string().max(255).optional(), emailAddress: z.string().max(254).optional() }).passthrough();
const Author = UserRef.nullable().optional().catch(null);

/** Jira's numeric ids, as a string or a number: the ids messages carry (a message with another id is refused by the partner for good). */
const JiraId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,18}$/, 'a numeric Jira id'));

export const EventIssue = z.object({
  id: z.string().regex(/^\d{1,18}$/),
  // As messages name issues: an event about any other key could only make a message the partner refuses.
  key: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-[1-9]\d*$/, 'an issue key such as SUP-12'),
  // A `project` that does not name its key as text is dropped (the key's prefix tells the project): capture interpolates it.
  fields: z.record(z.string(), z.unknown()).default({}).transform(({ project, ...rest }) => (project === undefined || typeof (project as { key?: unknown } | null)?.key === 'string' ? { ...rest, ...(project === undefined ? {} : { project }) } : rest)),
});
export type EventIssue = z.infer<typeof EventIssue>;

export const SyncEvent = z.object({
  eventType: z.string().startsWith('avi:jira:'),
  atlassianId: z.string().optional(),
  issue: EventIssue.optional(),
  changelog: z.object({ id: z.string().optional(), items: z.array(ChangeItem) }).nullable().optional(),
  comment: z.object({
    id: z.string().regex(/^\d{1,18}$/, 'a numeric Jira id'),
    author: Author,
    body: z.unknown().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
    visibility: z.unknown().optional(),
  }).passthrough().optional(),
  attachment: z.object({
    id: JiraId,
    filename: z.string().min(1).max(255),
    mimeType: z.string().max(255).default('application/octet-stream'),
    size: z.number().int().nonnegative().default(0),
    author: Author,
    created: z.string().optional(),
    issueId: z.string().optional(),
  }).passthrough().optional(),
  issueLink: z.object({
    id: JiraId,
    sourceIssueId: JiraId,
    destinationIssueId: JiraId,
    issueLinkType: z.object({ name: z.string().min(1).max(255) }).passthrough(),
  }).passthrough().optional(),
}).passthrough();
export type SyncEvent = z.infer<typeof SyncEvent>;

/** Epoch ms of a Jira timestamp ("2026-09-21T08:00:00.000+0000" or ISO), or undefined. */
export function jiraTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** ISO form with offset for messages. */
export function isoTime(value: unknown, fallback: number): string {
  return new Date(jiraTime(value) ?? fallback).toISOString();
}
