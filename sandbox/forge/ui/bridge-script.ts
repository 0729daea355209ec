/**
 * The script the UI host puts at the top of every Custom UI frame's <head>. It defines
 * `window.__bridge.callBridge(name, payload)`, which the real @forge/bridge calls for everything it does.
 * Three calls go to the sandbox (getContext, invoke, fetchProduct); the rest are answered in the frame.
 * Plain ES2020 in a string: it runs in the browser, never in Node.
 */

/** Calls answered by the server at `<endpoint><name>`. */
export const REMOTE_BRIDGE_CALLS = ['getContext', 'invoke', 'fetchProduct'] as const;
export type RemoteBridgeCall = (typeof REMOTE_BRIDGE_CALLS)[number];

/**
 * Calls answered in the frame with something other than `undefined`: subscriptions need an object to
 * unsubscribe from, and history/getUrl would crash on `undefined`, so they fail with a clear message.
 */
export const LOCAL_BRIDGE_CALLS = ['enableTheming', 'on', 'onPublic', 'createHistory', 'getUrl'] as const;

/** The message a frame posts to its host page when its content height changes. */
export const FRAME_HEIGHT_MESSAGE = 'lockstep-sandbox:frame-height';

/** The browser script for one frame; `endpoint` is the frame's bridge path, e.g. `/cdn/<token>/__bridge/`. */
export function bridgeScript(endpoint: string): string {
  const literal = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return `// Lockstep sandbox: the Custom UI bridge (see sandbox/forge/ui/bridge-script.ts).
(() => {
  'use strict';
  const ENDPOINT = ${literal(endpoint)};
  const REMOTE = new Set(${literal(REMOTE_BRIDGE_CALLS)});
  const subscription = () => ({ unsubscribe() {} });
  const unavailable = (api) => () => { throw new Error(api + ' is not available in the Lockstep sandbox'); };
  const LOCAL = {
    // The host sets Jira's colour mode on the frame; the sandbox host is always light.
    enableTheming: () => { document.documentElement.setAttribute('data-color-mode', 'light'); },
    on: subscription,
    onPublic: subscription,
    createHistory: unavailable('view.createHistory'),
    getUrl: unavailable('router.getUrl'),
  };

  async function remote(name, payload) {
    let response;
    try {
      response = await fetch(ENDPOINT + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload === undefined ? null : payload),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw new Error('The Lockstep sandbox could not be reached: ' + (error && error.message ? error.message : String(error)));
    }
    let body;
    try { body = await response.json(); } catch { body = undefined; }
    if (!response.ok) {
      const message = body && body.error && typeof body.error.message === 'string' ? body.error.message : 'The sandbox bridge answered ' + response.status;
      throw new Error(message);
    }
    return body ? body.value : undefined;
  }

  function callBridge(name, payload) {
    if (Object.prototype.hasOwnProperty.call(LOCAL, name)) {
      try { return Promise.resolve(LOCAL[name](payload)); } catch (error) { return Promise.reject(error); }
    }
    // Everything else (resize, showFlag, navigate, close, emitReadyEvent, ...) has no host to act on here.
    if (!REMOTE.has(name)) return Promise.resolve(undefined);
    return remote(name, payload);
  }

  Object.defineProperty(window, '__bridge', { value: Object.freeze({ callBridge }), enumerable: false, configurable: false, writable: false });

  // Forge sizes a frame to its content; here the host page does it from these messages.
  if (window.parent !== window) {
    let last = -1;
    const report = () => {
      const body = document.body;
      if (!body) return;
      const height = Math.ceil(body.getBoundingClientRect().bottom + (parseFloat(getComputedStyle(body).marginBottom) || 0));
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: ${literal(FRAME_HEIGHT_MESSAGE)}, height }, window.location.origin);
    };
    document.addEventListener('DOMContentLoaded', () => {
      new ResizeObserver(report).observe(document.body);
      report();
    });
  }
})();
`;
}
