/**
 * What one side tells the other about one issue: a versioned message, ordered per origin issue by `seq`
 * and idempotent by `messageId` (`<origin issue id>-<seq>`). Values travel in a site-neutral form
 * (names, ADF, account and email) keyed by the receiver's field id as the sender's mapping names it;
 * the receiver applies them under its own mapping.
 */
import { z } from 'zod';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64');
const IssueId = z.string().regex(/^\d{1,18}$/, 'a numeric Jira id');
const IssueKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-[1-9]\d*$/, 'an issue key such as SUP-12');

export const PortableUser = z.object({
  accountId: z.string().min(1).max(128),
  email: z.string().max(254).optional(),
  displayName: z.string().max(255).optional(),
});
export type PortableUser = z.infer<typeof PortableUser>;

/** Nesting (objects and arrays) an ADF document may have: far deeper than Jira's editor writes, far below a stack's limit. */
export const MAX_ADF_DEPTH = 100;

/** Whether `value` nests objects and arrays at most `max` levels deep; iterative, so deep input cannot overflow it. */
function nestsAtMost(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** An ADF document; its content is checked by Jira when written, here only its outline. */
export const AdfDoc = z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()) }).passthrough()
  // Deeper documents overflowed the stack of everything that walks, clones or stores them (portableAdf, structuredClone, JSON.stringify).
  .refine((doc) => nestsAtMost(doc, MAX_ADF_DEPTH), { message: `a document nested at most ${MAX_ADF_DEPTH} levels deep`, path: ['content'] });
export type AdfDoc = z.infer<typeof AdfDoc>;

/** A field value in site-neutral form: text, number, names, a document or a user; null clears the field. */
export const PortableValue = z.union([
  z.null(),
  z.string().max(32_768),
  z.number(),
  z.array(z.string().max(255)).max(1000),
  z.object({ adf: AdfDoc }),
  z.object({ user: PortableUser }),
]);
export type PortableValue = z.infer<typeof PortableValue>;

export const IssueChange = z.object({
  kind: z.literal('issue'),
  /** True when the origin issue was just created (or first shared): the receiver creates its partner. */
  create: z.boolean(),
  // Names as long as Jira allows, no longer: the receiver quotes them in its answers, which have their own limits.
  issueType: z.object({ id: z.string().max(255), name: z.string().max(255) }),
  /** Receiver field id (as the sender's mapping names it) → value. */
  fields: z.record(z.string().max(64), PortableValue),
  /** The origin's status; its category lets a fresh copy skip the walk when both start in a 'new' status. */
  status: z.object({ id: z.string().max(255), name: z.string().max(255), category: z.string().max(255).optional() }).optional(),
  /** The receiver's id of the parent issue, when the origin issue is a sub-task of a synced issue. */
  parentTargetId: IssueId.optional(),
  /** "Pair with an existing issue": the receiver's issue key this unpaired origin issue pairs with; its fields then take the origin's values. */
  pairWith: IssueKey.optional(),
});

const Comment = z.object({
  kind: z.literal('comment'),
  commentId: IssueId,
  author: PortableUser.nullable(),
  created: z.iso.datetime({ offset: true }),
  body: AdfDoc,
});

const Attachment = z.object({
  kind: z.literal('attachment'),
  attachmentId: IssueId,
  filename: z.string().min(1).max(255),
  mimeType: z.string().max(255),
  size: z.number().int().nonnegative(),
  author: PortableUser.nullable(),
  created: z.iso.datetime({ offset: true }),
  /** Cross-site only: the file itself, added by the sender's outbox when it delivers the message. */
  contentBase64: z.string().optional(),
});

const Link = z.object({
  kind: z.literal('link'),
  linkId: IssueId,
  typeName: z.string().min(1).max(255),
  /** Receiver-side ids of both ends. */
  inwardTargetId: IssueId,
  outwardTargetId: IssueId,
});

const LinkRemoved = Link.omit({ kind: true, linkId: true }).extend({ kind: z.literal('link-deleted') });

const Removed = z.object({ kind: z.enum(['issue-deleted', 'comment-deleted', 'attachment-deleted']), objectId: IssueId });

/** Stands in for a message the sender's admin skipped, so the receiver does not wait for it. */
const Skipped = z.object({ kind: z.literal('skipped') });

/** The receiver created (or found) its partner of the origin's issue: `target` names the pair. */
const Paired = z.object({ kind: z.literal('paired') });

export const Change = z.discriminatedUnion('kind', [IssueChange, Comment, Attachment, Link, LinkRemoved, Removed, Paired, Skipped]);
export type Change = z.infer<typeof Change>;
export type IssueChange = z.infer<typeof IssueChange>;

export const SyncMessage = z.object({
  v: z.literal(1),
  type: z.literal('sync'),
  messageId: Id,
  /** The receiving side's connection id. */
  connectionId: Id,
  origin: z.object({
    /** Identity of the sending side (site and project), also the tie-breaker of simultaneous edits. */
    side: z.string().min(1).max(200),
    issueId: IssueId,
    issueKey: IssueKey,
  }),
  seq: z.number().int().positive(),
  /** The receiver's issue, when the sender already knows the pair. */
  target: z.object({ issueId: IssueId, issueKey: IssueKey }).optional(),
  /** When the change happened on the origin side, epoch ms: per-field conflicts compare these. */
  at: z.number().int().nonnegative(),
  change: Change,
});
export type SyncMessage = z.infer<typeof SyncMessage>;

export const messageIdOf = (originIssueId: string, seq: number): string => `${originIssueId}-${seq}`;
