/**
 * License checks around the Forge handlers, applied in one place (src/forge/index.ts) so no resolver,
 * trigger or consumer needs to know about licensing. While the license is inactive Lockstep keeps its
 * data readable and deletable, and stops the work the license pays for: capturing changes, delivering
 * and applying them, background jobs, and changes to syncs (docs/decisions/0016).
 */
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { LockstepError, type ErrorPayload } from '../domain/errors';
import { LICENSE_INACTIVE_MESSAGE, licenseState, PARTNER_LICENSE_INACTIVE_MESSAGE, type LicenseState } from '../domain/license';
import { Channel, CHANNEL_HEADER } from '../domain/connections/messages';

/** HTTP 402: the one status that says "a payment is missing", shown by the UI as a 4xx the admin can act on. */
export const LICENSE_STATUS = 402;

/** The license of this invocation: the function's context first (Forge's documented place), else the runtime's app context. */
export function licenseOf(context: unknown): LicenseState {
  const fromContext = context && typeof context === 'object' ? (context as { license?: unknown }).license : undefined;
  if (fromContext !== undefined) return licenseState(fromContext);
  try {
    return licenseState(getAppContext().license);
  } catch {
    // Outside a Forge invocation (a unit test calling a handler) there is no runtime to ask.
    return licenseState(undefined);
  }
}

type Handler<A, C, R> = (payload: A, context: C) => R | Promise<R>;

/** Runs `handler`, or `whenInactive` while the license is inactive. */
export function licensed<A, C, R, S>(handler: Handler<A, C, R>, whenInactive: (payload: A, context: C) => S | Promise<S>): (payload: A, context: C) => Promise<R | S> {
  return async (payload, context) => (licenseOf(context) === 'inactive' ? whenInactive(payload, context) : handler(payload, context));
}

/** What a background handler returns instead of working while the license is inactive. */
export const skippedUnlicensed = (kind: string) => (): { skipped: string } => {
  console.warn(`[lockstep-license] ${kind} skipped: the license is not active`);
  return { skipped: 'license-inactive' };
};

const ResolverCall = z.object({ call: z.object({ functionKey: z.string(), payload: z.unknown().optional() }) });

/** Decides which resolver calls still run while unlicensed; anything it does not name is refused. */
export type StillAllowed = (functionKey: string, payload: unknown) => boolean;

/**
 * A Custom UI resolver (`makeResolver(...)`) whose calls are refused with a 402 while the license is
 * inactive, except those `allowed` names. Forge hands the license in the second argument.
 */
export function licensedResolver<P, X, R>(handler: (invocation: P, runtime?: X) => Promise<R>, allowed: StillAllowed): (invocation: P, runtime?: X) => Promise<R | ErrorPayload> {
  return async (invocation, runtime) => {
    if (licenseOf(runtime) !== 'inactive') return handler(invocation, runtime);
    const call = ResolverCall.safeParse(invocation);
    if (call.success && allowed(call.data.call.functionKey, call.data.call.payload)) return handler(invocation, runtime);
    return new LockstepError(LICENSE_STATUS, LICENSE_INACTIVE_MESSAGE, 'license-inactive').toPayload();
  };
}

/** The settings page while unlicensed: reading, exporting, and stopping or deleting syncs (a customer can always take or remove their data). */
const SETTINGS_ALWAYS = new Set([
  'getSettings', 'listSyncableProjects', 'getSyncConfig', 'getSyncCatalog', 'getSyncHealth', 'listSyncErrors', 'listSyncAudit',
  'exportSyncConfig', 'exportPairs', 'getPairPreview', 'getReconciliation', 'exportReconciliation', 'getSyncJob', 'getMigrationStatus',
  'deleteConnection', 'cancelSyncJob',
]);
const StopState = z.object({ state: z.enum(['paused', 'stopped']) });

export const settingsAllowedUnlicensed: StillAllowed = (functionKey, payload) =>
  SETTINGS_ALWAYS.has(functionKey) || (functionKey === 'setConnectionState' && StopState.safeParse(payload).success);

/** The issue panel while unlicensed: it shows the sync, its buttons are refused. */
export const panelAllowedUnlicensed: StillAllowed = (functionKey) => functionKey === 'getIssueSync';

const WebTriggerHeaders = z.object({ headers: z.record(z.string(), z.array(z.string()).optional()) });

/**
 * The partner inbox while unlicensed: control messages (a partner pausing, stopping or deleting the sync)
 * and key rotations still land, so a deletion on the other side still removes this side's data and keys
 * stay fresh; everything else is refused with a 402, which the partner parks as an error it can retry
 * once the license is renewed.
 */
export function licensedWebTrigger<Q, C, R>(handler: Handler<Q, C, R>): (request: Q, context: C) => Promise<R | { statusCode: number; headers: Record<string, string[]>; body: string }> {
  return async (request, context) => {
    if (licenseOf(context) !== 'inactive') return handler(request, context);
    const parsed = WebTriggerHeaders.safeParse(request);
    const channel = parsed.success ? parsed.data.headers[CHANNEL_HEADER]?.[0] : undefined;
    if (channel === Channel.control || channel === Channel.rotate) return handler(request, context);
    return { statusCode: LICENSE_STATUS, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ error: PARTNER_LICENSE_INACTIVE_MESSAGE }) };
  };
}
