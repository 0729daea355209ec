/**
 * Light and dark theme, as Jira gives it to Custom UI. The viewer picks a colour mode on the host page
 * (`?theme=dark`, remembered in a cookie); the frame context's `theme.colorMode` says it, and when the app
 * calls `view.theme.enable()` the frame's bridge does what Forge's does: it sets @atlaskit/tokens'
 * `data-theme` and `data-color-mode` on the frame's <html> and loads the tokens' theme CSS, so every
 * `token('…')` in the app resolves to the theme's colour. The host page uses the same CSS.
 */
import { createRequire } from 'node:module';

export const COLOR_MODES = ['light', 'dark'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const THEME_COOKIE = 'lockstep_sandbox_theme';
export const DEFAULT_COLOR_MODE: ColorMode = 'light';

export const isColorMode = (value: unknown): value is ColorMode => (COLOR_MODES as readonly unknown[]).includes(value);

/** An unknown `?theme=` is an error, shown in the mode the page would otherwise have. */
export type ThemeChoice = { ok: true; mode: ColorMode; remember: boolean } | { ok: false; asked: string; mode: ColorMode };

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `?theme=light|dark` wins and is remembered; an unknown one is an error; else the cookie, else light. */
export function chooseTheme(request: Request): ThemeChoice {
  const asked = new URL(request.url).searchParams.get('theme');
  const remembered = cookieValue(request, THEME_COOKIE);
  const mode = isColorMode(remembered) ? remembered : DEFAULT_COLOR_MODE;
  if (asked === null) return { ok: true, mode, remember: false };
  return isColorMode(asked) ? { ok: true, mode: asked, remember: true } : { ok: false, asked, mode };
}

/** The Set-Cookie value that remembers a colour mode for every host page of this origin. */
export function themeCookie(mode: ColorMode): string {
  return `${THEME_COOKIE}=${mode}; Path=/; SameSite=Strict; HttpOnly`;
}

/**
 * The <html> attributes @atlaskit/tokens' setGlobalTheme (and Forge's theming) sets: which colour theme
 * each mode uses, and the mode in force. The token CSS selectors match on both.
 */
export function themeHtmlAttributes(mode: ColorMode): Record<'data-theme' | 'data-color-mode', string> {
  return { 'data-theme': 'dark:dark light:light', 'data-color-mode': mode };
}

/** What the frame's bridge applies on `enableTheming`: the <html> attributes and the theme CSS to load. */
export interface FrameTheme {
  attributes: Record<string, string>;
  stylesheets: Array<{ id: ColorMode; href: string }>;
}

/** The frame theme for a colour mode; `cssBase` is where `<mode>.css` is served (ends in '/'). */
export function frameTheme(mode: ColorMode, cssBase: string): FrameTheme {
  return { attributes: themeHtmlAttributes(mode), stylesheets: [{ id: mode, href: `${cssBase}${mode}.css` }] };
}

/** Before a frame has a host theme: light attributes, and the token fallbacks (light values) apply. */
export const UNTHEMED_FRAME: FrameTheme = { attributes: themeHtmlAttributes('light'), stylesheets: [] };

/** The file name of a theme stylesheet (`dark.css`), or undefined for anything else. */
export function themeOfCssFile(name: string): ColorMode | undefined {
  const match = /^([a-z]+)\.css$/.exec(name);
  return match && isColorMode(match[1]) ? match[1] : undefined;
}

const require = createRequire(import.meta.url);
const cssCache = new Map<ColorMode, string>();

/** The @atlaskit/tokens theme CSS the app's bundle would load for a colour mode (atlassian-light/-dark). */
export function themeCss(mode: ColorMode): string {
  const cached = cssCache.get(mode);
  if (cached !== undefined) return cached;
  // The package's own generated artifact: the same CSS setGlobalTheme puts in a <style data-theme>.
  const artifact: unknown = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${mode}.js`);
  const css = typeof artifact === 'object' && artifact !== null ? (artifact as { default?: unknown }).default : undefined;
  if (typeof css !== 'string') throw new Error(`@atlaskit/tokens has no ${mode} theme CSS`);
  cssCache.set(mode, css);
  return css;
}

/** A theme stylesheet response; the CSS changes only with the installed @atlaskit/tokens. */
export function themeCssResponse(mode: ColorMode, headers: Record<string, string> = {}): Response {
  return new Response(themeCss(mode), {
    headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache', ...headers },
  });
}
