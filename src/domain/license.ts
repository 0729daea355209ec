/**
 * The app's Marketplace license as Forge reports it in an invocation's context. Forge sends `license` only
 * to paid apps in production (and to installs made with `forge install --license`); free apps and
 * development or staging installs get none. `active` is the current field; `isActive` the deprecated one
 * older runtimes still send (docs/decisions/0016-data-protection-and-licensing.md).
 */
import { z } from 'zod';

export const LicenseState = { active: 'active', inactive: 'inactive', absent: 'absent' } as const;
export type LicenseState = (typeof LicenseState)[keyof typeof LicenseState];

const License = z.object({ active: z.boolean().optional(), isActive: z.boolean().optional() }).passthrough();

/**
 * What a context's license says. No license, or one naming no state, is `absent`: Lockstep then runs
 * fully, since Forge only omits it where nothing is billed.
 */
export function licenseState(license: unknown): LicenseState {
  const parsed = License.safeParse(license);
  if (!parsed.success) return LicenseState.absent;
  // `active` wins when both are sent: Atlassian fixed `isActive` by adding `active`, not the other way round.
  const active = parsed.data.active ?? parsed.data.isActive;
  if (active === undefined) return LicenseState.absent;
  return active ? LicenseState.active : LicenseState.inactive;
}

/** Whether Lockstep may do licensed work (capture, deliver, apply, configure) under this state. */
export const licenseAllowsWork = (state: LicenseState): boolean => state !== LicenseState.inactive;

/** What an admin is told when a change is refused for want of a license. */
export const LICENSE_INACTIVE_MESSAGE =
  'Lockstep\'s license on this site is not active, so syncing and changes to syncs are paused. A site admin can renew it in Manage apps; meanwhile you can still view, export, stop or delete your syncs.';

/** What a partner site is told when this site refuses its messages for want of a license. */
export const PARTNER_LICENSE_INACTIVE_MESSAGE = 'Lockstep\'s license on this site is not active; it accepts no sync messages until it is renewed.';
