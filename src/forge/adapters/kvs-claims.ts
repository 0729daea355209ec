/**
 * ClaimStore over Forge KVS: one record per claim under `claim:<key>`, written with FAIL_IF_EXISTS (so of
 * two racing claims one wins) and a TTL (so Forge deletes it once it lapses: nothing accumulates). Forge
 * may delete a lapsed record late, so the record also carries its lapse time, checked when a claim collides.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { ClaimStore } from '../../ports/claims';

export const claimKey = (key: string): string => `claim:${key}`;

const Held = z.object({ until: z.number() });

export const kvsClaims: ClaimStore = {
  async claim(key, until, now) {
    // A read first: a replay, the common refusal, then costs no write at all.
    const seen = Held.safeParse(await kvs.get(claimKey(key)));
    if (seen.success && seen.data.until > now) return false;
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    // A second attempt only after a lapsed record was cleared away.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await kvs.set(claimKey(key), { until }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: seconds, unit: 'SECONDS' } });
        return true;
      } catch (error) {
        const held = Held.safeParse(await kvs.get(claimKey(key)));
        if (!held.success) {
          // Gone by now (released or swept): only a conflict is an answer, anything else is a real failure.
          if ((error as { code?: unknown }).code !== 'KEY_CONFLICT') throw error;
          continue;
        }
        if (held.data.until > now) return false;
        await kvs.delete(claimKey(key));
      }
    }
    return false;
  },
  async release(key) {
    await kvs.delete(claimKey(key));
  },
};
