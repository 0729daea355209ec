/** Where the core finds the syncs (connections) a project or issue takes part in. */
import { z } from 'zod';
import type { SyncConfig } from '../domain/config/schema';
import type { KeyRing } from '../domain/connections/key-ring';

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
  /** The partner site's base URL when `partnerSite` is a name rather than a URL (links to partner issues). */
  partnerSiteUrl: z.url({ protocol: /^https?$/ }).max(300).optional(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

/** What a connection needs to talk to its partner; the key never leaves secret storage. */
export interface ConnectionCredentials {
  signingKey: string;
  /** The partner installation's web trigger URL; null when both projects are on this site. */
  partnerInboxUrl: string | null;
  /**
   * The partner side's connection id. Cross-site both sides share one id; a same-site sync is two
   * connections of one installation (one per project), each naming the other.
   */
  partnerConnectionId?: string;
}

export interface ConnectionDirectory {
  listForProject(projectKey: string): Promise<ConnectionSummary[]>;
  /** The key a connection signs with now (its key ring's current key), or undefined when no such connection exists here. */
  signingKey(connectionId: string): Promise<string | undefined>;
  /** Every key of a connection, for verifying and rotating; undefined when it has no credentials here. */
  keyRing(connectionId: string): Promise<KeyRing | undefined>;
  /** Replaces the key ring of a connection that has credentials; false, storing nothing, for one that has none. */
  saveKeyRing(connectionId: string, ring: KeyRing): Promise<boolean>;
  /** Where the partner's inbox is: a URL, null for same-site, undefined when the connection is unknown. */
  partnerInboxUrl(connectionId: string): Promise<string | null | undefined>;
  /** The connection id messages carry to the partner: its own id cross-site, the mirror's id same-site. */
  partnerConnectionId(connectionId: string): Promise<string | undefined>;
  /** Stores a connection's summary, and its credentials when given (kept apart from the summary). */
  save(summary: ConnectionSummary, credentials?: ConnectionCredentials): Promise<void>;
  /** One connection's summary, whatever its project. */
  get(connectionId: string): Promise<ConnectionSummary | undefined>;
  /** The connection's sync configuration as this side holds it. */
  config(connectionId: string): Promise<SyncConfig | undefined>;
  saveConfig(connectionId: string, config: SyncConfig): Promise<void>;
  /** Removes everything held for the connection here (summary, credentials, configuration); a no-op when unknown. */
  remove(connectionId: string): Promise<void>;
}
