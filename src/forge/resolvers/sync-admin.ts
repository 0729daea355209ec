/**
 * Settings-page resolvers for one sync's configuration, health, error list and audit log. Each first
 * checks that the caller administers the project (as that user), then that the sync belongs to it.
 */
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { actOnError, readAudit, readCatalogs, readConfig, readErrors, readHealth, retryAllErrors, writeConfig } from '../../engine/sync/admin';
import { displayNames } from '../../jira/people';
import { recentHistory } from '../../ports/health';
import { asUser } from '../adapters/jira-transport';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { readPayload, type RequireAdmin } from './connections';
import { guarded } from './admin-guard';
import { respond } from './respond';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a connection id');
const ForSync = z.object({ connectionId: Id });
const SaveConfig = ForSync.extend({ config: z.unknown() });
const ErrorAction = ForSync.extend({ action: z.enum(['retry', 'skip']), direction: z.enum(['in', 'out']), messageId: Id });
const AuditPage = ForSync.extend({ cursor: z.string().min(1).max(2000).optional() });



export function syncAdminResolvers(requireAdmin: RequireAdmin): Record<string, ResolverFunction> {
  const idOf = (payload: unknown) => readPayload(ForSync, payload).connectionId;
  return {
    getSyncConfig: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readConfig(forgeSyncDeps(), p, idOf(payload)))),
    getSyncCatalog: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readCatalogs(forgeSyncDeps(), p, idOf(payload)))),
    saveSyncConfig: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p, actor) => {
      const input = readPayload(SaveConfig, payload);
      return writeConfig(forgeSyncDeps(), p, input.connectionId, input.config, actor);
    })),
    getSyncHealth: ({ payload, context }) => respond(() => guarded(requireAdmin, context, async (p) => {
      const deps = forgeSyncDeps();
      const health = await readHealth(deps, p, idOf(payload));
      return { ...health, history: recentHistory(health, deps.now()) };
    })),
    listSyncErrors: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p) => readErrors(forgeSyncDeps(), p, idOf(payload)))),
    actOnSyncError: ({ payload, context }) => respond(() => guarded(requireAdmin, context, async (p, actor) => {
      const input = readPayload(ErrorAction, payload);
      const result = await actOnError(forgeSyncDeps(), p, input.connectionId, input.action, input.direction, input.messageId, actor);
      return 'done' in result ? { outcome: result.done, resolved: true } : { outcome: `Nothing to do: ${result.notFound} (someone may have acted on it already).`, resolved: false };
    })),
    retryAllSyncErrors: ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p, actor) => retryAllErrors(forgeSyncDeps(), p, idOf(payload), actor))),
    listSyncAudit: ({ payload, context }) => respond(() => guarded(requireAdmin, context, async (p) => {
      const input = readPayload(AuditPage, payload);
      const page = await readAudit(forgeSyncDeps(), p, input.connectionId, input.cursor);
      // Names are read as the admin: Jira shows them only what it would show them anyway.
      const names = await displayNames(asUser(), page.entries.map((e) => e.actor).filter((a) => a !== 'lockstep'));
      return { ...page, entries: page.entries.map((e) => (names.has(e.actor) ? { ...e, actorName: names.get(e.actor)! } : e)) };
    })),
  };
}
