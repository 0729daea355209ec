/**
 * `/cdn/<token>/…`: a frame's resource files, its bridge script and its bridge endpoint. An unknown or
 * expired token is a 404 whatever follows it.
 */
import { handleBridgeCall, type BridgeBackend } from './bridge-endpoint';
import { bridgeScript } from './bridge-script';
import { frameCsp, type ContentPermissions } from './csp';
import type { FrameSessions } from './frames';
import { contentTypeOf, injectBridgeScript, isIndex, readResourceFile, resourcePathOf } from './resources';
import { publicOrigin } from './security';
import { frameTheme, themeCssResponse, themeOfCssFile } from './theme';
import { frameUrl, type CdnRoute } from './urls';

export interface FrameDeps {
  backend: BridgeBackend;
  frames: FrameSessions;
  content: ContentPermissions;
}

const BRIDGE_SCRIPT = '/__bridge.js';
const BRIDGE_CALL = /^\/__bridge\/([^/]*)$/;
/** The token theme CSS the bridge loads on view.theme.enable(): `__theme/light.css`, `__theme/dark.css`. */
const THEME_DIR = '/__theme/';

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

/** Bridge call names are plain letters; a malformed escape just becomes a name that matches nothing. */
const safeDecode = (segment: string): string => {
  try { return decodeURIComponent(segment); } catch { return segment; }
};

export async function serveFrame(request: Request, route: CdnRoute, deps: FrameDeps): Promise<Response> {
  const session = deps.frames.get(route.token);
  if (!session) return notFound();
  const base = frameUrl(session.token);
  const call = BRIDGE_CALL.exec(route.rest);
  if (call) return handleBridgeCall(request, session, safeDecode(call[1]!), deps.backend);
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Resource files answer GET only', { status: 405, headers: { allow: 'GET, HEAD' } });
  // Relative asset URLs in index.html only resolve below the frame with the trailing slash.
  if (route.rest === '') return new Response(null, { status: 308, headers: { location: base } });
  const origin = publicOrigin(request);
  if (origin === undefined) return new Response('The Lockstep sandbox answers only on its own address or a loopback name', { status: 421 });
  const headers = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    'content-security-policy': frameCsp(origin + base, deps.content),
    'referrer-policy': 'same-origin',
  };
  if (route.rest === BRIDGE_SCRIPT) {
    const theme = frameTheme(session.context.theme.colorMode, `${base}${THEME_DIR.slice(1)}`);
    return new Response(bridgeScript(`${base}__bridge/`, theme), { headers: { ...headers, 'content-type': 'text/javascript; charset=utf-8' } });
  }
  if (route.rest.startsWith(THEME_DIR)) {
    const mode = themeOfCssFile(route.rest.slice(THEME_DIR.length));
    return mode === undefined ? notFound() : themeCssResponse(mode, headers);
  }
  const path = resourcePathOf(route.rest);
  if (path === undefined) return notFound();
  const bytes = await readResourceFile(session.resourceDir, path);
  if (!bytes) return notFound();
  const body = isIndex(path) ? injectBridgeScript(bytes.toString('utf8'), `${base}__bridge.js`) : new Uint8Array(bytes);
  return new Response(body, { headers: { ...headers, 'content-type': contentTypeOf(path) } });
}
