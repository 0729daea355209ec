/** Where the core finds the syncs (connections) a project or issue takes part in. */
import { z } from 'zod';

export const ConnectionState = { draft: 'draft', running: 'running', paused: 'paused', stopped: 'stopped' } as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** What the settings page lists for one sync; stored as JSON, so parsed on the way in. */
export const ConnectionSummary = z.object({
  id: z.string().min(1),
  localProjectKey: z.string().min(1),
  partnerSite: z.string().min(1),
  partnerProject: z.string().min(1),
  state: z.enum(['draft', 'running', 'paused', 'stopped']),
  pairs: z.number().int().nonnegative(),
  lastActivity: z.string().nullable(),
  openErrors: z.number().int().nonnegative(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

export interface ConnectionDirectory {
  listForProject(projectKey: string): Promise<ConnectionSummary[]>;
  /** The signing key of a connection, or undefined when no such connection exists here. */
  signingKey(connectionId: string): Promise<string | undefined>;
}
