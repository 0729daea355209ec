/** The UI host's URL space: Jira-like host pages under /jira/, frame resources under /cdn/<token>/. */

const withViewer = (url: string, as: string | undefined): string => (as === undefined ? url : `${url}?as=${encodeURIComponent(as)}`);
const trimOrigin = (origin: string): string => origin.replace(/\/+$/, '');

/** URL of a jira:projectSettingsPage module's page for a project, optionally opened as a given person. */
export function settingsPageUrl(origin: string, site: string, projectKey: string, moduleKey: string, as?: string): string {
  return withViewer(`${trimOrigin(origin)}/jira/${encodeURIComponent(site)}/projects/${encodeURIComponent(projectKey)}/settings/apps/${encodeURIComponent(moduleKey)}`, as);
}

/** URL of an issue's page, with every jira:issuePanel module, optionally opened as a given person. */
export function issuePageUrl(origin: string, site: string, issueKey: string, as?: string): string {
  return withViewer(`${trimOrigin(origin)}/jira/${encodeURIComponent(site)}/browse/${encodeURIComponent(issueKey)}`, as);
}

/** Where a frame's resource is served from; relative asset URLs in its index.html resolve below it. */
export function frameUrl(token: string): string {
  return `/cdn/${token}/`;
}

/** Path prefix of the host pages' own stylesheet and script; `_` cannot start a site name. */
export const HOST_ASSET_PREFIX = '/jira/_sandbox/';

export type HostRoute =
  | { kind: 'index' }
  | { kind: 'settings'; site: string; projectKey: string; moduleKey: string }
  | { kind: 'issue'; site: string; issueKey: string }
  | { kind: 'hostAsset'; name: string }
  | { kind: 'unknown' };

export type CdnRoute = { token: string; rest: string };

const SITE = '([a-z][a-z0-9-]*)';
const SETTINGS = new RegExp(`^/jira/${SITE}/projects/([A-Za-z][A-Za-z0-9]{1,9})/settings/apps/([A-Za-z0-9_-]+)/?$`);
const ISSUE = new RegExp(`^/jira/${SITE}/browse/([A-Za-z][A-Za-z0-9]{1,9}-[0-9]+)/?$`);

/** Matches a host page path; undefined for paths outside `/` and `/jira/`. */
export function matchHostRoute(pathname: string): HostRoute | undefined {
  if (pathname === '/') return { kind: 'index' };
  if (pathname !== '/jira' && !pathname.startsWith('/jira/')) return undefined;
  if (pathname.startsWith(HOST_ASSET_PREFIX)) return { kind: 'hostAsset', name: pathname.slice(HOST_ASSET_PREFIX.length) };
  const settings = SETTINGS.exec(pathname);
  if (settings) return { kind: 'settings', site: settings[1]!, projectKey: settings[2]!.toUpperCase(), moduleKey: settings[3]! };
  const issue = ISSUE.exec(pathname);
  if (issue) return { kind: 'issue', site: issue[1]!, issueKey: issue[2]!.toUpperCase() };
  return { kind: 'unknown' };
}

/** Splits `/cdn/<token>/<rest>`; `rest` stays percent-encoded for the resource guard to decode. */
export function matchCdnRoute(pathname: string): CdnRoute | undefined {
  const match = /^\/cdn\/([^/]+)(\/.*)?$/.exec(pathname);
  return match ? { token: match[1]!, rest: match[2] ?? '' } : undefined;
}
