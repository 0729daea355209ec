/**
 * The settings resolver that rotates a sync's signing key (src/engine/connections/rotate.ts). Admin only,
 * through the same gate as every settings resolver; the answer says when the old key stops verifying and
 * never carries a key.
 */
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { CONNECTION_ID } from '../../domain/connections/keys';
import { rotateSigningKey } from '../../engine/connections/rotate';
import { forgeConnectionsDeps } from '../adapters/connections-deps';
import { kvsConnections } from '../adapters/kvs-connections';
import { guarded, requireOwnSync } from './admin-guard';
import { readPayload, type RequireAdmin } from './connections';
import { respond } from './respond';

const RotatePayload = z.object({ connectionId: z.string().regex(CONNECTION_ID, 'not a connection id') });
/** Only the platform-set installContext is read from the context. */
const Install = z.object({ installContext: z.unknown() });

export function rotateSigningKeyResolver(requireAdmin: RequireAdmin): ResolverFunction {
  return ({ payload, context }) => respond(() => guarded(requireAdmin, context, async (projectKey, actor) => {
    const { connectionId } = readPayload(RotatePayload, payload);
    await requireOwnSync(kvsConnections, projectKey, connectionId);
    const install = Install.safeParse(context);
    return rotateSigningKey(forgeConnectionsDeps(install.success ? install.data.installContext : undefined), { connectionId, projectKey, actor });
  }));
}
