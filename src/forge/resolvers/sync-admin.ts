/**
 * Settings-page resolvers for one sync's configuration, health, error list and audit log. Each first
 * checks that the caller administers the project (as that user), then that the sync belongs to it.
 */
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { forbidden, LockstepError } from '../../domain/errors';
import { actOnError, NotThisProject, readAudit, readConfig, readErrors, readHealth, writeConfig } from '../../engine/sync/admin';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { readPayload, type RequireAdmin } from './connections';
import { respond } from './respond';

const Caller = z.object({ accountId: z.string().min(1) });
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a connection id');
const ForSync = z.object({ connectionId: Id });
const SaveConfig = ForSync.extend({ config: z.unknown() });
const ErrorAction = ForSync.extend({ action: z.enum(['retry', 'skip']), direction: z.enum(['in', 'out']), messageId: Id });
const AuditPage = ForSync.extend({ cursor: z.string().min(1).max(2000).optional() });


async function guarded<T>(requireAdmin: RequireAdmin, context: unknown, run: (projectKey: string, actor: string) => Promise<T>): Promise<T> {
  const projectKey = await requireAdmin({ asUser: asUser(), connections: kvsConnections }, context);
  const caller = Caller.safeParse(context);
  if (!caller.success) throw forbidden('Lockstep could not tell who you are; sign in again.');
  try {
    return await run(projectKey, caller.data.accountId);
  } catch (error) {
    if (error instanceof NotThisProject) throw new LockstepError(404, error.message, 'not-found');
    throw error;
  }
}

export function syncAdminResolvers(requireAdmin: RequireAdmin): Record<string, ResolverFunction> {
  return {
    getSyncConfig: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readConfig(forgeSyncDeps(), p, readPayload(ForSync, payload).connectionId))),
    saveSyncConfig: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p, actor) => {
      const input = readPayload(SaveConfig, payload);
      return writeConfig(forgeSyncDeps(), p, input.connectionId, input.config, actor);
    })),
    getSyncHealth: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readHealth(forgeSyncDeps(), p, readPayload(ForSync, payload).connectionId))),
    listSyncErrors: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readErrors(forgeSyncDeps(), p, readPayload(ForSync, payload).connectionId))),
    actOnSyncError: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p, actor) => {
      const input = readPayload(ErrorAction, payload);
      return actOnError(forgeSyncDeps(), p, input.connectionId, input.action, input.direction, input.messageId, actor);
    })),
    listSyncAudit: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => {
      const input = readPayload(AuditPage, payload);
      return readAudit(forgeSyncDeps(), p, input.connectionId, input.cursor);
    })),
  };
}
