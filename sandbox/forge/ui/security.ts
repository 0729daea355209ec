/** Origin checks of the UI host: which Host names it answers to, and what counts as a same-origin bridge call. */

/** Loopback names a browser on this machine may use for the sandbox; anything else could be DNS rebinding. */
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i;

/**
 * The origin the browser sees (scheme + Host header), or undefined when the Host is neither the
 * address the server listens on nor a loopback name.
 */
export function publicOrigin(request: Request): string | undefined {
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  if (host !== url.host && !LOOPBACK_HOST.test(host)) return undefined;
  return `${url.protocol}//${host}`;
}

/** A bridge call must be a POST the frame's own page made: Origin equal to ours, and not cross-site per Fetch metadata. */
export function isSameOriginPost(request: Request): boolean {
  const origin = publicOrigin(request);
  if (request.method !== 'POST' || origin === undefined) return false;
  if (request.headers.get('origin') !== origin) return false;
  const site = request.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}

/** Whether the body is declared JSON; a cross-origin page cannot send that without a CORS preflight, which is never granted. */
export function isJsonRequest(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}
