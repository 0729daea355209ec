/**
 * The settings resolver that rotates a sync's signing key (src/engine/connections/rotate.ts). Admin only,
 * through the same gate as every settings resolver; the answer says when this side switched to the new key
 * and when the old key stops verifying, and never carries a key.
 */
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { ROTATION_GRACE_MS } from '../../domain/connections/key-ring';
import { CONNECTION_ID } from '../../domain/connections/keys';
import { rotateSigningKey, type RotationResult } from '../../engine/connections/rotate';
import { forgeConnectionsDeps } from '../adapters/connections-deps';
import { kvsConnections } from '../adapters/kvs-connections';
import { guarded, requireOwnSync } from './admin-guard';
import { readPayload, type RequireAdmin } from './connections';
import { respond } from './respond';

const RotatePayload = z.object({ connectionId: z.string().regex(CONNECTION_ID, 'not a connection id') });
/** Only the platform-set installContext is read from the context. */
const Install = z.object({ installContext: z.unknown() });

/** The settings page's answer: the engine's, plus when the new key took over (the page shows both times). */
export type RotatedKeyAnswer = RotationResult & { rotatedAt: string };

/** The grace period starts at the switch (decision 0015), so the switch time is its end minus its length. */
function withRotatedAt(result: RotationResult): RotatedKeyAnswer {
  return { ...result, rotatedAt: new Date(Date.parse(result.previousKeyAcceptedUntil) - ROTATION_GRACE_MS).toISOString() };
}

export function rotateSigningKeyResolver(requireAdmin: RequireAdmin): ResolverFunction {
  return ({ payload, context }) => respond(() => guarded(requireAdmin, context, async (projectKey, actor) => {
    const { connectionId } = readPayload(RotatePayload, payload);
    await requireOwnSync(kvsConnections, projectKey, connectionId);
    const install = Install.safeParse(context);
    return withRotatedAt(await rotateSigningKey(forgeConnectionsDeps(install.success ? install.data.installContext : undefined), { connectionId, projectKey, actor }));
  }));
}
