/**
 * The script the UI host puts at the top of every Custom UI frame's <head>. It defines
 * `window.__bridge.callBridge(name, payload)`, which the real @forge/bridge calls for everything it does.
 * Three calls go to the sandbox (getContext, invoke, fetchProduct); the rest are answered in the frame.
 * Plain ES2020 in a string: it runs in the browser, never in Node.
 */

import { UNTHEMED_FRAME, type FrameTheme } from './theme';

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

/**
 * The browser script for one frame; `endpoint` is the frame's bridge path, e.g. `/cdn/<token>/__bridge/`,
 * and `theme` what `view.theme.enable()` applies (the host's colour mode, see theme.ts).
 */
export function bridgeScript(endpoint: string, theme: FrameTheme = UNTHEMED_FRAME): string {
  const literal = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return `// Lockstep sandbox: the Custom UI bridge (see sandbox/forge/ui/bridge-script.ts).
(() => {
  'use strict';
  const ENDPOINT = ${literal(endpoint)};
  const THEME = ${literal(theme)};
  const REMOTE = new Set(${literal(REMOTE_BRIDGE_CALLS)});
  const subscription = () => ({ unsubscribe() {} });
  const unavailable = (api) => () => { throw new Error(api + ' is not available in the Lockstep sandbox'); };
  // What Forge does on view.theme.enable(): @atlaskit/tokens' <html> attributes for the host's colour mode,
  // and that theme's token CSS in <head> (a <link> inside the frame's folder, so the frame's CSP allows it).
  function applyTheme(theme) {
    const root = document.documentElement;
    for (const name of Object.keys(theme.attributes)) root.setAttribute(name, theme.attributes[name]);
    const head = document.head;
    if (!head) return Promise.resolve();
    return Promise.all(theme.stylesheets.map((sheet) => {
      if (head.querySelector('link[data-theme="' + sheet.id + '"]')) return undefined;
      return new Promise((resolve) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = sheet.href;
        link.setAttribute('data-theme', sheet.id);
        // A missing stylesheet leaves the token fallbacks: theming never fails the app.
        link.addEventListener('load', () => resolve());
        link.addEventListener('error', () => resolve());
        head.appendChild(link);
      });
    })).then(() => undefined);
  }

  const LOCAL = {
    enableTheming: () => applyTheme(THEME),
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

  // Forge sizes a frame to its content; here the host page does it from these messages. The content's
  // height, not the body's: @atlaskit/css-reset gives <body> height: 100%, the frame's own height.
  if (window.parent !== window) {
    let last = -1;
    const px = (value) => parseFloat(value) || 0;
    const report = () => {
      const body = document.body;
      if (!body) return;
      let bottom = body.getBoundingClientRect().top + px(getComputedStyle(body).paddingTop);
      for (const child of body.children) {
        const style = getComputedStyle(child);
        // Overlays (a modal's portal) do not take room in the page.
        if (style.position === 'fixed' || style.position === 'absolute' || style.display === 'none') continue;
        bottom = Math.max(bottom, child.getBoundingClientRect().bottom + px(style.marginBottom));
      }
      const bodyStyle = getComputedStyle(body);
      const height = Math.ceil(bottom + window.scrollY + px(bodyStyle.paddingBottom) + px(bodyStyle.marginBottom));
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: ${literal(FRAME_HEIGHT_MESSAGE)}, height }, window.location.origin);
    };
    document.addEventListener('DOMContentLoaded', () => {
      const sizes = new ResizeObserver(report);
      const watch = () => { for (const child of document.body.children) sizes.observe(child); report(); };
      sizes.observe(document.body);
      new MutationObserver(watch).observe(document.body, { childList: true });
      watch();
    });
  }
})();
`;
}
