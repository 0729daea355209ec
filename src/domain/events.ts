/** Jira product events as Lockstep reads them: only the parts it depends on, parsed, never trusted. */
import { z } from 'zod';

const IssueRef = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ project: z.object({ id: z.string(), key: z.string() }).optional() }).passthrough().optional(),
});

export const ProductEvent = z.object({
  eventType: z.string().startsWith('avi:jira:'),
  atlassianId: z.string().optional(),
  issue: IssueRef.optional(),
}).passthrough();
export type ProductEvent = z.infer<typeof ProductEvent>;

/** The project key an event concerns, when the payload names one. */
export function projectKeyOf(event: ProductEvent): string | undefined {
  return event.issue?.fields?.project?.key ?? event.issue?.key.split('-')[0];
}
