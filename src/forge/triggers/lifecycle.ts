/**
 * Forge's lifecycle events for this app (events-reference/life-cycle): `avi:forge:installed:app` when it is
 * installed on a site, `avi:forge:upgraded:app` when an installation moves to a new major version (not for
 * minor ones). Forge sends no event on uninstall; it keeps the installation's storage for 28 days and then
 * deletes it (docs/SECURITY.md). Each event has its own trigger module, so the handler knows which one came
 * without relying on a payload field the reference does not document. The payload names the installer's
 * account: personal data, so it is neither stored nor logged.
 */
import { z } from 'zod';
import type { SweepResult } from '../../engine/retention';
import { sweepNow } from '../scheduled/tick';

const LifecyclePayload = z.object({ id: z.string().optional(), app: z.object({ version: z.string() }).passthrough().optional() }).passthrough();

export type LifecycleResult = { event: 'installed' | 'upgraded'; version: string | null; retention?: SweepResult };

function versionOf(event: unknown): string | null {
  const parsed = LifecyclePayload.safeParse(event);
  return parsed.success ? (parsed.data.app?.version ?? null) : null;
}

/** Installed: nothing to prepare. A new installation starts with empty storage; Forge never restores an old one's by itself. */
export async function appInstalled(event: unknown): Promise<LifecycleResult> {
  const version = versionOf(event);
  console.log(`[lockstep-lifecycle] installed (app version ${version ?? 'unknown'})`);
  return { event: 'installed', version };
}

/**
 * Upgraded to a new major version: records an older version kept meet this version's retention at once,
 * not at the next daily sweep, when the license lets Lockstep sync (`licensed`; the sweep may sync).
 */
export async function appUpgraded(event: unknown, licensed = true): Promise<LifecycleResult> {
  const version = versionOf(event);
  console.log(`[lockstep-lifecycle] upgraded (app version ${version ?? 'unknown'})`);
  return licensed ? { event: 'upgraded', version, retention: await sweepNow() } : { event: 'upgraded', version };
}
