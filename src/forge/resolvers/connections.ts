/**
 * Settings-page resolvers that make, change and delete connections. Each first checks that the caller
 * administers the project (as that user), then reads its payload with zod; a refusal changes nothing.
 * The secrets they create (keys, tokens) stay in the engine's stores: no answer carries one.
 */
import { describeIssues } from '../../domain/notices';
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { CONNECTION_ID } from '../../domain/connections/keys';

import { CONNECTION_STATES } from '../../domain/connections/states';
import { badInput, forbidden } from '../../domain/errors';
import { parseProjectKey, type ProjectKey } from '../../domain/ids';
import { acceptInvitation } from '../../engine/connections/accept';
import type { ConnectionsDeps } from '../../engine/connections/deps';
import { createInvitation } from '../../engine/connections/invite';
import { changeState, deleteConnection } from '../../engine/connections/manage';
import { createSameSiteConnection } from '../../engine/connections/same-site';
import { userHasProjectPermission } from '../../jira/permissions';
import { administeredProjects } from '../../jira/people';
import { forgeConnectionsDeps } from '../adapters/connections-deps';
import { asUser } from '../adapters/jira-transport';
import { kvsConnections } from '../adapters/kvs-connections';
import { respond } from './respond';
import { requireOwnSync } from './admin-guard';
import { callerOf } from './caller';
import { directionSummary } from '../../domain/config/direction';
import type { ConnectionSummary } from '../../ports/connections';
import type { SettingsDeps } from './settings';

/** The settings page's permission check (`requireProjectAdmin`), handed in so this module does not import its caller. */
export type RequireAdmin = (deps: SettingsDeps, context: unknown) => Promise<ProjectKey>;

export interface ConnectionResolverDeps extends SettingsDeps {
  requireAdmin: RequireAdmin;
  engine: ConnectionsDeps;
}

const ConnectionId = z.string().regex(CONNECTION_ID, 'not a connection id');

const AcceptPayload = z.object({ code: z.string({ error: 'paste the invitation code as text' }) });
const SameSitePayload = z.object({ partnerProjectKey: z.string({ error: 'name the partner project by its key' }) });
const StatePayload = z.object({ connectionId: ConnectionId, state: z.enum(CONNECTION_STATES, { error: `one of ${CONNECTION_STATES.join(', ')}` }) });
const DeletePayload = z.object({ connectionId: ConnectionId });

/** Reads a resolver payload; a bad one is a 400 naming every problem, and nothing runs. */
export function readPayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) throw badInput(`Invalid request: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** The admin's project and accountId: the permission check comes before anything else. */
async function admin(deps: ConnectionResolverDeps, context: unknown): Promise<{ projectKey: ProjectKey; actor: string }> {
  const projectKey = await deps.requireAdmin(deps, context);
  return { projectKey, actor: callerOf(context) };
}

export async function createInvitationFor(deps: ConnectionResolverDeps, context: unknown) {
  const { projectKey, actor } = await admin(deps, context);
  return listed(deps, await createInvitation(deps.engine, { projectKey, actor }));
}

export async function acceptInvitationFor(deps: ConnectionResolverDeps, context: unknown, payload: unknown) {
  const { projectKey, actor } = await admin(deps, context);
  const { code } = readPayload(AcceptPayload, payload);
  return listed(deps, await acceptInvitation(deps.engine, { projectKey, code, actor }));
}

export async function createSameSiteConnectionFor(deps: ConnectionResolverDeps, context: unknown, payload: unknown) {
  const { projectKey, actor } = await admin(deps, context);
  const partner = readPayload(SameSitePayload, payload).partnerProjectKey;
  const partnerProjectKey = parseProjectKey(partner);
  if (!partnerProjectKey) throw badInput(`Invalid request: partnerProjectKey: "${partner.slice(0, 20)}" is not a Jira project key.`);
  // Both projects' data moves, so the caller must administer both.
  if (!(await userHasProjectPermission(deps.asUser, partnerProjectKey, 'ADMINISTER_PROJECTS'))) {
    throw forbidden(`Only administrators of both projects can sync them: you do not administer ${partnerProjectKey}.`);
  }
  return listed(deps, await createSameSiteConnection(deps.engine, { projectKey, partnerProjectKey, actor }));
}

export async function setConnectionStateFor(deps: ConnectionResolverDeps, context: unknown, payload: unknown) {
  const { projectKey, actor } = await admin(deps, context);
  const { connectionId, state } = readPayload(StatePayload, payload);
  await requireOwnSync(deps.connections, projectKey, connectionId);
  return listed(deps, await changeState(deps.engine, { connectionId, projectKey, state, actor }));
}

export async function deleteConnectionFor(deps: ConnectionResolverDeps, context: unknown, payload: unknown) {
  const { projectKey, actor } = await admin(deps, context);
  const { connectionId } = readPayload(DeletePayload, payload);
  await requireOwnSync(deps.connections, projectKey, connectionId);
  return deleteConnection(deps.engine, { connectionId, projectKey, actor });
}

/** A connection as the settings list shows it: with the one-line direction of its configuration, if it has one. */
async function listed<T extends { connection: ConnectionSummary }>(deps: ConnectionResolverDeps, result: T): Promise<T & { connection: ConnectionSummary & { direction: string | null } }> {
  const config = await deps.connections.config(result.connection.id);
  return { ...result, connection: { ...result.connection, direction: config ? directionSummary(config) : null } };
}

/** Projects of this site the caller administers, other than this one: the same-site picker's choices. */
export async function listSyncableProjectsFor(deps: ConnectionResolverDeps, context: unknown): Promise<{ projects: Array<{ key: string; name: string }> }> {
  const { projectKey } = await admin(deps, context);
  return { projects: (await administeredProjects(deps.asUser)).filter((p) => p.key !== projectKey) };
}

/** The resolver definitions, wired to Forge; `installContext` is the platform's, never the browser's. */
export function connectionResolvers(requireAdmin: RequireAdmin): Record<string, ResolverFunction> {
  const deps = (context: { installContext?: unknown }): ConnectionResolverDeps => ({
    asUser: asUser(), connections: kvsConnections, requireAdmin, engine: forgeConnectionsDeps(context.installContext),
  });
  return {
    listSyncableProjects: ({ context }) => respond(() => listSyncableProjectsFor(deps(context), context)),
    createInvitation: ({ context }) => respond(() => createInvitationFor(deps(context), context)),
    acceptInvitation: ({ payload, context }) => respond(() => acceptInvitationFor(deps(context), context, payload)),
    createSameSiteConnection: ({ payload, context }) => respond(() => createSameSiteConnectionFor(deps(context), context, payload)),
    setConnectionState: ({ payload, context }) => respond(() => setConnectionStateFor(deps(context), context, payload)),
    deleteConnection: ({ payload, context }) => respond(() => deleteConnectionFor(deps(context), context, payload)),
  };
}
