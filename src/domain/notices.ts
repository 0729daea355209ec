/** What a partner answers to a message it accepted, and how unreadable messages are described. */
import { z } from 'zod';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64');

/** The partner's answer to a message it accepted. */
export const PartnerAck = z.object({ accepted: Id, duplicate: z.boolean() });
export type PartnerAck = z.infer<typeof PartnerAck>;

/** Names every problem of an unreadable message: path and what was expected. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}
