/** JiraTransport over @forge/api: the app's own identity, or the calling user's. */
import api, { assumeTrustedRoute } from '@forge/api';
import type { JiraTransport } from '../../ports/jira';

// Routes reach here already encoded by src/jira/route.ts, so Forge may take them as trusted.
export const asUser = (): JiraTransport => ({
  requestJira: (r, init) => api.asUser().requestJira(assumeTrustedRoute(r.value), init),
});

export const asApp = (): JiraTransport => ({
  requestJira: (r, init) => api.asApp().requestJira(assumeTrustedRoute(r.value), init),
});
