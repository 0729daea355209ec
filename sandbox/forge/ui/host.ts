/**
 * The sandbox's Custom UI host: Jira-like pages that embed the app's Custom UI modules in iframes, the
 * frames' resource files, and the server half of `@forge/bridge`. The built UI runs unchanged.
 *
 *   GET  /                                                     index of installed sites, settings pages and issues
 *   GET  /jira/<site>/projects/<KEY>/settings/apps/<module>    a jira:projectSettingsPage module
 *   GET  /jira/<site>/browse/<ISSUE-KEY>                       an issue with every jira:issuePanel module
 *   GET  /cdn/<token>/…                                        a frame's resource folder (index.html gets the bridge)
 *   POST /cdn/<token>/__bridge/<name>                          getContext, invoke, fetchProduct
 */
import type { HttpHandler } from '../server';
import type { UiBackend } from './backend';
import { contentPermissionsOf } from './csp';
import { serveFrame } from './frame-routes';
import { FrameSessions } from './frames';
import { servePage } from './page-routes';
import { matchCdnRoute, matchHostRoute } from './urls';
import type { PersonOption } from './viewer';

export type { UiBackend } from './backend';
export { issuePageUrl, settingsPageUrl } from './urls';

export interface UiHostOptions {
  /** Who can view pages, by the name used in `?as=`. */
  people: Record<string, PersonOption>;
  /** The viewer when neither `?as=` nor the cookie names one. */
  defaultPerson: string;
  /** How many frame sessions to keep (oldest dropped first). */
  maxFrames?: number;
}

/** Builds the UI host's request handler; it answers undefined for paths outside `/`, `/jira/` and `/cdn/`. */
export function createUiHost(backend: UiBackend, options: UiHostOptions): HttpHandler {
  if (!Object.prototype.hasOwnProperty.call(options.people, options.defaultPerson)) {
    throw new Error(`createUiHost: defaultPerson '${options.defaultPerson}' is not one of people (${Object.keys(options.people).join(', ')})`);
  }
  const frames = new FrameSessions(options.maxFrames);
  const content = contentPermissionsOf(backend.manifest.raw);
  return async (request) => {
    const { pathname } = new URL(request.url);
    const cdn = matchCdnRoute(pathname);
    if (cdn) return serveFrame(request, cdn, { backend, frames, content });
    const route = matchHostRoute(pathname);
    if (!route) return undefined;
    return servePage(request, route, { backend, frames, people: options.people, defaultPerson: options.defaultPerson });
  };
}
