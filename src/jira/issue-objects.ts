/**
 * An issue's comments, attachments and links as its `comment`, `attachment` and `issuelinks` fields
 * carry them (Jira's `PageOfComments`, `Attachment` and `IssueLink` shapes): read with one GET of the
 * issue, or taken from a search that asked for the same fields. Only what the sync engine reads is parsed.
 */
import { z } from 'zod';
import type { JiraTransport } from '../ports/jira';
import { commentPage, getIssue, type IssueBean } from './client';

/** The issue fields that hold an issue's comments, attachments and links. */
export const ObjectField = { comments: 'comment', attachments: 'attachment', links: 'issuelinks' } as const;
export type ObjectField = (typeof ObjectField)[keyof typeof ObjectField];

const Author = z.object({ accountId: z.string(), accountType: z.string().optional(), displayName: z.string().optional(), emailAddress: z.string().optional() }).passthrough();

export const IssueComment = z.object({
  id: z.string(),
  author: Author.nullable().optional(),
  body: z.unknown().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  visibility: z.unknown().optional(),
}).passthrough();
export type IssueComment = z.infer<typeof IssueComment>;

const CommentPage = z.object({ comments: z.array(IssueComment), total: z.number().int().nonnegative().optional() });

export const IssueAttachment = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  filename: z.string(),
  mimeType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  author: Author.nullable().optional(),
  created: z.string().optional(),
}).passthrough();
export type IssueAttachment = z.infer<typeof IssueAttachment>;

const LinkedIssue = z.object({ id: z.string(), key: z.string() });
export const IssueLinkEntry = z.object({ id: z.string(), type: z.object({ name: z.string() }), inwardIssue: LinkedIssue.optional(), outwardIssue: LinkedIssue.optional() });
export type IssueLinkEntry = z.infer<typeof IssueLinkEntry>;

export interface IssueObjects {
  comments: IssueComment[];
  /** How many comments the issue has: more than `comments` holds when Jira cut the list short. */
  commentTotal: number;
  attachments: IssueAttachment[];
  links: IssueLinkEntry[];
}

/** The objects in an issue's fields; a field not asked for reads as empty. */
export function issueObjects(fields: Record<string, unknown>): IssueObjects {
  const page = CommentPage.parse(fields[ObjectField.comments] ?? { comments: [] });
  return {
    comments: page.comments,
    commentTotal: Math.max(page.total ?? 0, page.comments.length),
    attachments: z.array(IssueAttachment).parse(fields[ObjectField.attachments] ?? []),
    links: z.array(IssueLinkEntry).parse(fields[ObjectField.links] ?? []),
  };
}

/** One GET of the issue with the named object fields; a cut comment list is completed page by page. */
export async function readIssueObjects(jira: JiraTransport, issueId: string, fields: readonly ObjectField[]): Promise<{ key: string; objects: IssueObjects }> {
  const bean: IssueBean = await getIssue(jira, issueId, fields);
  return { key: bean.key, objects: await completeComments(jira, issueId, issueObjects(bean.fields)) };
}

const COMMENT_PAGE = 100;

/** The rest of a comment list Jira cut short in an issue (or search) answer: one request per 100 more. */
export async function completeComments(jira: JiraTransport, issueId: string, objects: IssueObjects): Promise<IssueObjects> {
  const comments = [...objects.comments];
  while (comments.length < objects.commentTotal) {
    const page = CommentPage.parse(await commentPage(jira, issueId, comments.length, COMMENT_PAGE));
    // Comments deleted meanwhile can leave the list shorter than the total first said.
    if (page.comments.length === 0) break;
    comments.push(...page.comments);
  }
  return { ...objects, comments };
}
