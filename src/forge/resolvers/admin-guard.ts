/**
 * The gate of every settings resolver that acts on one sync: the caller must administer the project
 * (asked of Jira as that user), and the engine's refusals become the status the UI shows.
 */
import { z } from 'zod';
import { forbidden, LockstepError } from '../../domain/errors';
import { MigrationRefused } from '../../engine/migration/admin';
import { PartnerUnavailable } from '../../engine/migration/partner';
import { NoSuggestion, NotThisProject } from '../../engine/sync/admin';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import type { RequireAdmin } from './connections';

const Caller = z.object({ accountId: z.string().min(1) });

export async function guarded<T>(requireAdmin: RequireAdmin, context: unknown, run: (projectKey: string, actor: string) => Promise<T>): Promise<T> {
  const projectKey = await requireAdmin({ asUser: asUser(), connections: kvsConnections }, context);
  const caller = Caller.safeParse(context);
  if (!caller.success) throw forbidden('Lockstep could not tell who you are; sign in again.');
  try {
    return await run(projectKey, caller.data.accountId);
  } catch (error) {
    // Another project's sync answers like a missing one; a refusal the admin can act on is a 409.
    if (error instanceof NotThisProject) throw new LockstepError(404, error.message, 'not-found');
    if (error instanceof NoSuggestion || error instanceof MigrationRefused) throw new LockstepError(409, error.message, 'conflict');
    if (error instanceof PartnerUnavailable) throw new LockstepError(502, error.message, 'partner-unavailable');
    throw error;
  }
}
