import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';

export const LICENSE_BANNER_TITLE = 'Syncing is paused';

/** Same facts on both pages, said for each reader: the panel's is anyone who browses the issue, the settings page's an admin. */
export const LICENSE_BANNER_TEXT = {
  settings: [
    'Lockstep’s license on this site is not active, so changes are not synced and syncs cannot be changed. A site admin can renew it in Settings → Apps → Manage apps.',
    // Decision 0016: changes made while unlicensed are not captured; an incremental resync repairs them.
    'Meanwhile you can still view, export, stop or delete your syncs. After renewal, a resync (Migration tab) sends the changes made in between.',
  ],
  panel: [
    'Lockstep’s license on this site is not active, so changes to this issue are not synced. A site admin can renew it in Settings → Apps → Manage apps.',
    'You can still see how this issue is synced.',
  ],
} as const;

export interface LicenseBannerProps {
  /** The resolver's `licensed`, computed on the server from the platform's license, never from the browser. */
  licensed: boolean;
  app: keyof typeof LICENSE_BANNER_TEXT;
}

/** Shown while the license is inactive, when the server refuses syncing and changes with a 402 (src/forge/license.ts). */
export function LicenseBanner({ licensed, app }: LicenseBannerProps) {
  if (licensed) return null;
  const [what, still] = LICENSE_BANNER_TEXT[app];
  return (
    <div style={{ margin: `${token('space.150', '12px')} 0` }}>
      <SectionMessage appearance="warning" title={LICENSE_BANNER_TITLE}>
        <p style={{ margin: 0 }}>{what}</p>
        <p style={{ margin: `${token('space.100', '8px')} 0 0` }}>{still}</p>
      </SectionMessage>
    </div>
  );
}
