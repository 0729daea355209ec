/** The parts of Jira product events the sync engine reads: parsed, never trusted, only what it uses. */
import { z } from 'zod';
import { ChangeItem } from './changes';

const UserRef = z.object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional() }).passthrough();

export const EventIssue = z.object({
  id: z.string().regex(/^\d{1,18}$/),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
export type EventIssue = z.infer<typeof EventIssue>;

export const SyncEvent = z.object({
  eventType: z.string().startsWith('avi:jira:'),
  atlassianId: z.string().optional(),
  issue: EventIssue.optional(),
  changelog: z.object({ id: z.string().optional(), items: z.array(ChangeItem) }).nullable().optional(),
  comment: z.object({
    id: z.string(),
    author: UserRef.nullable().optional(),
    body: z.unknown().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
    visibility: z.unknown().optional(),
  }).passthrough().optional(),
  attachment: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    filename: z.string(),
    mimeType: z.string().default('application/octet-stream'),
    size: z.number().int().nonnegative().default(0),
    author: UserRef.nullable().optional(),
    created: z.string().optional(),
    issueId: z.string().optional(),
  }).passthrough().optional(),
  issueLink: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    sourceIssueId: z.union([z.string(), z.number()]).transform(String),
    destinationIssueId: z.union([z.string(), z.number()]).transform(String),
    issueLinkType: z.object({ name: z.string() }).passthrough(),
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
