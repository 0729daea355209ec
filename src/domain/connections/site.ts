/** Which Jira Cloud site an installation runs on: its cloud id (identity) and its URL (what people recognise). */
import { z } from 'zod';

export const SiteIdentity = z.object({
  cloudId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a Jira cloud id'),
  url: z.url({ protocol: /^https?$/ }).max(300),
});
export type SiteIdentity = z.infer<typeof SiteIdentity>;

/** A web trigger URL the other side may call: http(s) only, of a sensible length. */
export const InboxUrl = z.url({ protocol: /^https?$/ }).max(500);

/** The cloud id in Forge's `installContext` (`ari:cloud:jira::site/<cloudId>`), or undefined. */
export function cloudIdOf(installContext: unknown): string | undefined {
  if (typeof installContext !== 'string') return undefined;
  const match = /^ari:cloud:jira::site\/([A-Za-z0-9-]{1,64})$/.exec(installContext);
  return match?.[1];
}
