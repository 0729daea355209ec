/**
 * What one Lockstep installation tells its partner: a versioned union keyed on `type`, parsed before
 * anything acts on it. Today it carries change notices; the sync engine adds the field payloads.
 */
import { z } from 'zod';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64');

export const ChangeNotice = z.object({
  v: z.literal(1),
  type: z.literal('change-notice'),
  messageId: Id,
  connectionId: Id,
  eventType: z.string().startsWith('avi:jira:'),
  issue: z.object({ id: z.string().regex(/^\d{1,18}$/), key: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-[1-9]\d*$/) }),
  occurredAt: z.iso.datetime(),
});
export type ChangeNotice = z.infer<typeof ChangeNotice>;

export const PartnerMessage = z.discriminatedUnion('type', [ChangeNotice]);
export type PartnerMessage = z.infer<typeof PartnerMessage>;

/** The partner's answer to a message it accepted. */
export const PartnerAck = z.object({ accepted: Id, duplicate: z.boolean() });
export type PartnerAck = z.infer<typeof PartnerAck>;

/** Names every problem of an unreadable message: path and what was expected. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}
