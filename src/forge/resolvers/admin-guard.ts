/**
 * The gate of every settings resolver that acts on one sync: the caller must administer the project
 * (asked of Jira as that user), and the engine's refusals become the status the UI shows.
 */
import { LockstepError } from '../../domain/errors';
import { MigrationRefused } from '../../engine/migration/admin';
import { PartnerUnavailable } from '../../engine/migration/partner';
import { NoSuggestion, NotThisProject } from '../../engine/sync/admin';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import type { ConnectionDirectory } from '../../ports/connections';
import { callerOf } from './caller';
import type { RequireAdmin } from './connections';

export async function guarded<T>(requireAdmin: RequireAdmin, context: unknown, run: (projectKey: string, actor: string) => Promise<T>): Promise<T> {
  const projectKey = await requireAdmin({ asUser: asUser(), connections: kvsConnections }, context);
  const actor = callerOf(context);
  try {
    return await run(projectKey, actor);
  } catch (error) {
    // Another project's sync answers like a missing one; a refusal the admin can act on is a 409.
    if (error instanceof NotThisProject) throw new LockstepError(404, error.message, 'not-found');
    if (error instanceof NoSuggestion || error instanceof MigrationRefused) throw new LockstepError(409, error.message, 'conflict');
    if (error instanceof PartnerUnavailable) throw new LockstepError(502, error.message, 'partner-unavailable');
    throw error;
  }
}

/**
 * For resolvers whose engine call refuses a foreign sync as bad input: another project's sync answers exactly
 * like a missing one, a 404 worded as `guarded` words it, so sync ids are not an oracle.
 */
export async function requireOwnSync(connections: Pick<ConnectionDirectory, 'get'>, projectKey: string, connectionId: string): Promise<void> {
  const summary = await connections.get(connectionId);
  if (!summary || summary.localProjectKey !== projectKey) throw new LockstepError(404, `No sync ${connectionId} in project ${projectKey}.`, 'not-found');
}
