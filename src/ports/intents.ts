/**
 * Write-ahead intents of creates (docs/decisions/0017-crash-safe-creates.md): written before Lockstep asks
 * Jira to create something for a partner object, removed once the record that pairs the two is stored.
 * An intent still there when the same object is applied again says a create may have happened unrecorded,
 * so the engine looks for its result in Jira before creating. Intents lapse by themselves after a while.
 */
import { z } from 'zod';

/** What is created: an issue, a comment, an attachment, or a batch of issues (one bulk create). */
export const IntentKind = z.enum(['issue', 'comment', 'attachment', 'bulk']);
export type IntentKind = z.infer<typeof IntentKind>;

export const CreateIntent = z.object({
  connectionId: z.string().min(1),
  kind: IntentKind,
  /** The partner object's id (an issue, comment or attachment id); for a batch, an id of its own. */
  id: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/),
  /** Epoch ms just before the create was asked for: where a search for its result starts. */
  since: z.number().int().nonnegative(),
  /** A batch's partner issue ids. */
  origins: z.array(z.string().regex(/^\d{1,18}$/)).max(50).optional(),
});
export type CreateIntent = z.infer<typeof CreateIntent>;

/** How long an intent outlives an attempt that died: as long as a parked message may wait for a retry. */
export const INTENT_TTL_DAYS = 30;

export interface IntentStore {
  /**
   * Writes the intent unless one of the same connection, kind and id is there; then nothing is written and
   * that one is returned: an earlier attempt died before it was done. Exactly one of two racing callers writes.
   */
  begin(intent: CreateIntent): Promise<CreateIntent | undefined>;
  /** Writes the intent over any of the same key: a recovery that found nothing starts a new search window. */
  renew(intent: CreateIntent): Promise<void>;
  /** The intents of a connection and kind still there (batches, whose ids a retry cannot know). */
  list(connectionId: string, kind: IntentKind): Promise<CreateIntent[]>;
  /** The create is recorded: forgets its intent; quiet when there is none. */
  end(connectionId: string, kind: IntentKind, id: string): Promise<void>;
}
