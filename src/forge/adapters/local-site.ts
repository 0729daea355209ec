/**
 * This installation as its partner sees it: the site's cloud id (from Forge's `installContext`, which the
 * platform sets and the browser cannot alter), its URL (Jira's serverInfo, asked as the app) and the
 * partner-inbox web trigger URL.
 */
import { webTrigger } from '@forge/api';
import { z } from 'zod';
import { cloudIdOf } from '../../domain/connections/site';
import { upstream } from '../../domain/errors';
import { route } from '../../jira/route';
import type { LocalSite } from '../../engine/connections/deps';
import { asApp } from './jira-transport';

/** The web trigger module partners post to (manifest.yml). */
export const PARTNER_INBOX = 'partner-inbox';

const ServerInfo = z.object({ baseUrl: z.url() });

export async function forgeLocalSite(installContext: unknown): Promise<LocalSite> {
  const cloudId = cloudIdOf(installContext);
  if (!cloudId) throw new Error(`Forge gave no Jira site installContext (got ${typeof installContext})`);
  const res = await asApp().requestJira(route`/rest/api/3/serverInfo`);
  if (!res.ok) throw upstream(`Jira could not say which site this is (HTTP ${res.status}).`);
  const info = ServerInfo.safeParse(await res.json());
  if (!info.success) throw upstream('Jira answered serverInfo in an unexpected shape.', info.error);
  return { identity: { cloudId, url: info.data.baseUrl.replace(/\/$/, '') }, inboxUrl: await webTrigger.getUrl(PARTNER_INBOX) };
}
